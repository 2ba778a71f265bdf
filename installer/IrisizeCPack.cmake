# Packaging (CPack): a Debian package and a tarball. Included last from the top-level
# CMakeLists.txt so that every install() rule is known.
set(CPACK_PACKAGE_NAME "irisize")
set(CPACK_PACKAGE_VENDOR "irisize authors")
set(CPACK_PACKAGE_CONTACT "irisize maintainers <irisize@example.invalid>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "${PROJECT_DESCRIPTION}")
set(CPACK_PACKAGE_VERSION "${PROJECT_VERSION}")
set(CPACK_RESOURCE_FILE_LICENSE "${PROJECT_SOURCE_DIR}/LICENSE")
set(CPACK_GENERATOR "DEB;TGZ")
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_SECTION "utils")
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
include(CPack)
