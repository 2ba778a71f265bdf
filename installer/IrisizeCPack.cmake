# Installation layout and packaging (CPack: a Debian package and a tarball). Included last
# from the top-level CMakeLists.txt so that every target is known.

# --- what goes where -------------------------------------------------------------------
set(IRISIZE_INSTALLER_DIR ${PROJECT_SOURCE_DIR}/installer)

# Man pages and the Debian changelog are installed compressed (gzip -9n: reproducible).
find_program(GZIP_EXECUTABLE gzip REQUIRED)
set(_irisize_gz_outputs)
file(GLOB _irisize_man_pages ${IRISIZE_INSTALLER_DIR}/man/*.1)
foreach(page IN LISTS _irisize_man_pages)
  get_filename_component(name ${page} NAME)
  set(out ${PROJECT_BINARY_DIR}/installer/man/${name}.gz)
  add_custom_command(OUTPUT ${out}
    COMMAND ${CMAKE_COMMAND} -E make_directory ${PROJECT_BINARY_DIR}/installer/man
    COMMAND ${GZIP_EXECUTABLE} -9n -c ${page} > ${out}
    DEPENDS ${page} VERBATIM)
  list(APPEND _irisize_gz_outputs ${out})
  install(FILES ${out} DESTINATION ${CMAKE_INSTALL_MANDIR}/man1)
endforeach()
set(_irisize_changelog ${PROJECT_BINARY_DIR}/installer/changelog.Debian.gz)
add_custom_command(OUTPUT ${_irisize_changelog}
  COMMAND ${CMAKE_COMMAND} -E make_directory ${PROJECT_BINARY_DIR}/installer
  COMMAND ${GZIP_EXECUTABLE} -9n -c ${IRISIZE_INSTALLER_DIR}/changelog > ${_irisize_changelog}
  DEPENDS ${IRISIZE_INSTALLER_DIR}/changelog VERBATIM)
list(APPEND _irisize_gz_outputs ${_irisize_changelog})
add_custom_target(irisize_install_files ALL DEPENDS ${_irisize_gz_outputs})

install(FILES ${_irisize_changelog} DESTINATION ${CMAKE_INSTALL_DOCDIR})
install(FILES ${IRISIZE_INSTALLER_DIR}/copyright DESTINATION ${CMAKE_INSTALL_DOCDIR})
install(FILES ${IRISIZE_INSTALLER_DIR}/completion/irisize
        DESTINATION ${CMAKE_INSTALL_DATADIR}/bash-completion/completions)
if(TARGET irisize-gui)
  install(FILES ${IRISIZE_INSTALLER_DIR}/irisize-gui.desktop DESTINATION ${CMAKE_INSTALL_DATADIR}/applications)
  install(FILES ${IRISIZE_INSTALLER_DIR}/icons/irisize.svg
          DESTINATION ${CMAKE_INSTALL_DATADIR}/icons/hicolor/scalable/apps)
  foreach(px 16 32 48 64 128 256)
    install(FILES ${IRISIZE_INSTALLER_DIR}/icons/hicolor/${px}x${px}/apps/irisize.png
            DESTINATION ${CMAKE_INSTALL_DATADIR}/icons/hicolor/${px}x${px}/apps)
  endforeach()
endif()

# --- packages --------------------------------------------------------------------------
set(CPACK_PACKAGE_NAME "irisize")
set(CPACK_PACKAGE_VENDOR "irisize authors")
set(CPACK_PACKAGE_CONTACT "irisize maintainers <irisize@example.invalid>")
set(CPACK_PACKAGE_VERSION "${PROJECT_VERSION}")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "capacity and storage sizing for InterSystems IRIS on AWS")
string(CONCAT CPACK_PACKAGE_DESCRIPTION
  "irisize recommends the EC2 instances, the EBS volume layout (type, size,\n"
  "provisioned IOPS, throughput, striping) and the DR-region footprint for\n"
  "InterSystems IRIS and Cache deployments (TrakCare, HealthShare,\n"
  "HealthConnect) on AWS, prices the result and explains every number by the\n"
  "rule that produced it. It provides the irisize command line (size, batch,\n"
  "check-volume, catalog) and the irisize-gui desktop application.")
set(CPACK_RESOURCE_FILE_LICENSE "${PROJECT_SOURCE_DIR}/LICENSE")
set(CPACK_RESOURCE_FILE_README "${PROJECT_SOURCE_DIR}/README.md")
set(CPACK_GENERATOR "DEB;TGZ")
set(CPACK_PACKAGING_INSTALL_PREFIX "/usr")
set(CPACK_STRIP_FILES ON)
set(CPACK_SOURCE_IGNORE_FILES "/build/;/\\\\.git/")

set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_RELEASE 1)
set(CPACK_DEBIAN_PACKAGE_SECTION "science")
set(CPACK_DEBIAN_PACKAGE_PRIORITY "optional")
set(CPACK_DEBIAN_PACKAGE_HOMEPAGE "https://example.invalid/irisize")
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_CONTROL_STRICT_PERMISSION ON)
# CPack puts the summary first and indents these lines itself.
set(CPACK_DEBIAN_PACKAGE_DESCRIPTION "${CPACK_PACKAGE_DESCRIPTION}")

set(CPACK_ARCHIVE_FILE_NAME "irisize-${PROJECT_VERSION}-Linux-${CMAKE_SYSTEM_PROCESSOR}")

include(CPack)
