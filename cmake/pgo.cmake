# Profile-guided optimisation (GCC). With IRISIZE_PGO=ON the build first makes an instrumented
# copy of the command line in <build>/pgo/build (an ExternalProject over this same source), runs
# it over a training workload (cmake/pgo-training.cmake: every example in every text format, and
# a batch of generated sites), and then compiles the core, the front-end services and the
# command line with the counts it left in <build>/pgo/profile. The `release` preset turns it on.
#
# The profiled libraries are also compiled for link-time optimisation (CMake's
# INTERPROCEDURAL_OPTIMIZATION), so each program linking them is optimised as a whole.
#
# The two builds name their objects alike below their build directories, so
# -fprofile-prefix-path lets the second find the first's counts. A change to any source
# rebuilds the instrumented program, trains it again and recompiles what uses the profile.
#
#   irisize_pgo_use(<target>)   compile <target> with the profile (no-op unless IRISIZE_PGO)

option(IRISIZE_PGO "Profile-guided optimisation: train an instrumented build first (GCC; the release preset)" OFF)
# Set only inside the instrumented build: where its program leaves the counts.
set(IRISIZE_PGO_GENERATE "" CACHE PATH "Internal: build instrumented, writing profiles here")
mark_as_advanced(IRISIZE_PGO_GENERATE)

if(IRISIZE_PGO_GENERATE)
  add_compile_options(-fprofile-generate=${IRISIZE_PGO_GENERATE} -fprofile-update=prefer-atomic
                      -fprofile-prefix-path=${CMAKE_BINARY_DIR})
  add_link_options(-fprofile-generate=${IRISIZE_PGO_GENERATE})
endif()

set(IRISIZE_PGO_ACTIVE OFF)
if(IRISIZE_PGO AND NOT IRISIZE_PGO_GENERATE)
  if(NOT CMAKE_CXX_COMPILER_ID STREQUAL "GNU")
    message(WARNING "IRISIZE_PGO: profile-guided optimisation is set up for GCC only; building without it")
  else()
    set(IRISIZE_PGO_ACTIVE ON)
  endif()
endif()

if(IRISIZE_PGO_ACTIVE)
  include(ExternalProject)
  set(_pgo_dir "${CMAKE_BINARY_DIR}/pgo")
  set(_pgo_program "${_pgo_dir}/build/app/cli/irisize${CMAKE_EXECUTABLE_SUFFIX}")
  set(_pgo_stamp "${_pgo_dir}/trained.stamp")
  # The instrumented build sees the same options where they change what the CLI compiles.
  set(_pgo_pdf OFF)
  if(IRISIZE_BUILD_PDF OR IRISIZE_BUILD_GUI)
    set(_pgo_pdf ON)
  endif()
  set(_pgo_args
      -DCMAKE_BUILD_TYPE=${CMAKE_BUILD_TYPE}
      -DCMAKE_CXX_COMPILER=${CMAKE_CXX_COMPILER}
      -DCMAKE_CXX_FLAGS=${CMAKE_CXX_FLAGS}
      -DIRISIZE_BUILD_TESTS=OFF -DIRISIZE_BUILD_BENCHMARKS=OFF -DIRISIZE_BUILD_FUZZERS=OFF
      -DIRISIZE_BUILD_GUI=OFF -DIRISIZE_BUILD_PDF=${_pgo_pdf}
      -DIRISIZE_PGO=OFF -DIRISIZE_PGO_GENERATE=${_pgo_dir}/profile
      -DIRISIZE_TCMALLOC=${IRISIZE_TCMALLOC})
  if(CMAKE_CXX_COMPILER_LAUNCHER)
    list(APPEND _pgo_args -DCMAKE_CXX_COMPILER_LAUNCHER=${CMAKE_CXX_COMPILER_LAUNCHER})
  endif()
  ExternalProject_Add(irisize_pgo_instrumented
    SOURCE_DIR "${PROJECT_SOURCE_DIR}"
    BINARY_DIR "${_pgo_dir}/build"
    PREFIX "${_pgo_dir}/ep"
    CMAKE_ARGS ${_pgo_args}
    BUILD_COMMAND ${CMAKE_COMMAND} --build <BINARY_DIR> --target irisize
    INSTALL_COMMAND ""
    BUILD_ALWAYS ON
    BUILD_BYPRODUCTS "${_pgo_program}"
    USES_TERMINAL_BUILD ON)
  add_custom_command(
    OUTPUT "${_pgo_stamp}"
    COMMAND ${CMAKE_COMMAND} -E rm -rf "${_pgo_dir}/profile" "${_pgo_dir}/training"
    COMMAND ${CMAKE_COMMAND} -DIRISIZE=${_pgo_program} -DSOURCE_DIR=${PROJECT_SOURCE_DIR}
            -DWORK_DIR=${_pgo_dir}/training -P ${PROJECT_SOURCE_DIR}/cmake/pgo-training.cmake
    COMMAND ${CMAKE_COMMAND} -E touch "${_pgo_stamp}"
    DEPENDS "${_pgo_program}" "${PROJECT_SOURCE_DIR}/cmake/pgo-training.cmake"
    COMMENT "Training the instrumented irisize for profile-guided optimisation"
    VERBATIM)
  add_custom_target(irisize_pgo_training DEPENDS "${_pgo_stamp}")
  add_dependencies(irisize_pgo_training irisize_pgo_instrumented)
  set(IRISIZE_PGO_PROFILE_DIR "${_pgo_dir}/profile")
  # GCC 12 at -O3 with the profile's inlining reports reads and copies out of bounds inside
  # std::string that cannot happen (-Wstringop-overread, -Wrestrict, -Warray-bounds); the dev
  # preset builds the same code without the profile, warnings as errors.
  set(_pgo_false_warnings -Wno-stringop-overread -Wno-restrict -Wno-array-bounds)
  set(IRISIZE_PGO_USE_FLAGS -fprofile-use=${IRISIZE_PGO_PROFILE_DIR} -fprofile-partial-training -Wno-missing-profile
                            -Wno-error=coverage-mismatch ${_pgo_false_warnings})
  set(IRISIZE_PGO_STAMP "${_pgo_stamp}")
  # Every program linking the profiled libraries is optimised at its link: on all cores (without
  # -flto=auto there GCC runs that link's code generation serially, and says so), and without
  # repeating those false warnings.
  add_link_options(-flto=auto ${_pgo_false_warnings})
  message(STATUS "irisize: profile-guided optimisation on (profile in ${IRISIZE_PGO_PROFILE_DIR})")
endif()

function(irisize_pgo_use target)
  if(NOT IRISIZE_PGO_ACTIVE)
    return()
  endif()
  # Code the training never ran keeps the ordinary optimisation (-fprofile-partial-training);
  # objects it never linked have no profile, which is expected (-Wno-missing-profile); a profile
  # that no longer matches a function is dropped for it with a warning, never fails the build.
  target_compile_options(${target} PRIVATE ${IRISIZE_PGO_USE_FLAGS} -fprofile-prefix-path=${CMAKE_BINARY_DIR})
  add_dependencies(${target} irisize_pgo_training)
  # Link-time optimisation too, so that the profile guides inlining across files; every program
  # linking these libraries is then optimised again at its link.
  set_property(TARGET ${target} PROPERTY INTERPROCEDURAL_OPTIMIZATION ON)
  # Recompile when the training ran again.
  get_target_property(sources ${target} SOURCES)
  set_source_files_properties(${sources} PROPERTIES OBJECT_DEPENDS "${IRISIZE_PGO_STAMP}")
endfunction()
