# The memory allocator of the command line (and of the benchmarks that measure what it runs).
#
# A batch row is sized into a plan of a few dozen small strings and vectors and written out,
# about 60 allocations a row; with glibc's malloc that is 7 % of a row's instructions
# (callgrind, 2,000 rows minus 200). tcmalloc_minimal from gperftools (Debian:
# libgoogle-perftools-dev) takes each from a per-thread cache in far fewer. Linking the
# program with it replaces malloc and operator new for that program alone.
#
# Off in the sanitizer presets: AddressSanitizer brings its own allocator.
option(IRISIZE_TCMALLOC "Link the command line and its benchmarks with tcmalloc_minimal (gperftools)" ON)

if(IRISIZE_TCMALLOC)
  find_package(PkgConfig REQUIRED)
  pkg_check_modules(TCMALLOC IMPORTED_TARGET libtcmalloc_minimal)
  if(NOT TCMALLOC_FOUND)
    message(WARNING "IRISIZE_TCMALLOC: libtcmalloc_minimal not found (Debian: libgoogle-perftools-dev); "
                    "the command line uses glibc's malloc, and a batch runs about 7 % slower. "
                    "Configure with -DIRISIZE_TCMALLOC=OFF to silence this.")
  endif()
endif()

# Links `target`, a program, with the allocator chosen above (nothing when there is none).
function(irisize_use_allocator target)
  if(TARGET PkgConfig::TCMALLOC)
    # Named before glibc on the link line, it defines the malloc the program's objects call, so
    # it is kept even under --as-needed.
    target_link_libraries(${target} PRIVATE PkgConfig::TCMALLOC)
  endif()
endfunction()
