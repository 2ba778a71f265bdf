# The fuzz drivers: what each libFuzzer target does with an input. Built once per
# configuration and linked both by the fuzz targets (tests/fuzz/CMakeLists.txt, fuzz preset)
# and by irisize_tests, whose test_fuzz_regressions.cpp replays the saved inputs through the
# same code. Included from tests/CMakeLists.txt and tests/fuzz/CMakeLists.txt; the guard lets
# a configuration that builds both define the targets once.
include_guard(GLOBAL)

add_library(irisize_fuzz_drivers STATIC ${CMAKE_CURRENT_LIST_DIR}/drivers.cpp
                                        ${CMAKE_CURRENT_LIST_DIR}/drivers_imports.cpp)
target_include_directories(irisize_fuzz_drivers PUBLIC ${CMAKE_CURRENT_LIST_DIR})
target_link_libraries(irisize_fuzz_drivers PUBLIC irisize::core)
irisize_set_warnings(irisize_fuzz_drivers)
# The batch-file driver needs the application's batch engine.
add_library(irisize_fuzz_batch_driver STATIC ${CMAKE_CURRENT_LIST_DIR}/drivers_batch_file.cpp)
target_link_libraries(irisize_fuzz_batch_driver PUBLIC irisize_fuzz_drivers irisize::appsupport)
irisize_set_warnings(irisize_fuzz_batch_driver)
# The project-file driver needs the application's project file reader (appbase).
add_library(irisize_fuzz_project_driver STATIC ${CMAKE_CURRENT_LIST_DIR}/drivers_project.cpp)
target_link_libraries(irisize_fuzz_project_driver PUBLIC irisize_fuzz_drivers irisize::appbase)
irisize_set_warnings(irisize_fuzz_project_driver)
