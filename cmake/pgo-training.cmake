# The training run of profile-guided optimisation (cmake/pgo.cmake), as a script:
#   cmake -DIRISIZE=<instrumented irisize> -DSOURCE_DIR=<source> -DWORK_DIR=<scratch> -P pgo-training.cmake
#
# It runs what users run most: `irisize size` on every bundled example in each text format,
# and `irisize batch` over generated sites in the shape of tests/bench/bench_batch.cpp's (five
# regions and products, half with DR, random tiers): 3,000 rows for the numbers-only sizing road,
# and 300 of them with --details in each text format for the explained road and its writers.
# Both roads must run often: GCC optimises what the training ran rarely for size, not speed.
# Any failure stops the build: a profile from a broken run would mislead the optimiser.

foreach(var IRISIZE SOURCE_DIR WORK_DIR)
  if(NOT ${var})
    message(FATAL_ERROR "pgo-training.cmake: ${var} is not set")
  endif()
endforeach()
file(MAKE_DIRECTORY "${WORK_DIR}")

function(run)
  execute_process(COMMAND ${ARGN} RESULT_VARIABLE rc OUTPUT_QUIET ERROR_VARIABLE err)
  if(NOT rc EQUAL 0)
    list(JOIN ARGN " " command)
    message(FATAL_ERROR "PGO training: `${command}` failed (${rc}): ${err}")
  endif()
endfunction()

file(GLOB examples "${SOURCE_DIR}/data/examples/*.json")
foreach(example IN LISTS examples)
  foreach(format text json markdown html)
    run("${IRISIZE}" size "${example}" --format ${format} -o "${WORK_DIR}/plan.${format}")
  endforeach()
  foreach(format terraform icm)
    file(REMOVE_RECURSE "${WORK_DIR}/${format}")
    run("${IRISIZE}" size "${example}" --format ${format} -o "${WORK_DIR}/${format}")
  endforeach()
endforeach()

# Generated sites: a 31-bit linear congruential generator (its high bits), so that the same
# rows come every time.
set(regions us-east-1 us-west-2 eu-west-1 eu-central-1 ap-southeast-2)
set(products trakcare healthshare-ie healthshare-pi healthconnect iris)
set(state 20261207)
macro(draw modulus out)
  math(EXPR state "(${state} * 1103515245 + 12345) % 2147483648")
  math(EXPR ${out} "(${state} / 65536) % ${modulus}")
endmacro()
set(csv "name,product,region,rules,size_gib,growth_percent_per_year,horizon_years,read_iops,write_iops,journal_mibps,peak_cores,global_buffers_gib,concurrent_users,mirror,arbiter,dr_region,dr_members,dr_capacity_percent,web_servers,app_servers,print_servers,target_cpu_percent,snapshot_retention_days,families\n")
foreach(i RANGE 1 3000)
  draw(2 dr)
  draw(5 r)
  draw(5 p)
  list(GET regions ${r} region)
  list(GET products ${p} product)
  draw(8000 size)
  draw(30 growth)
  draw(5 horizon)
  draw(40000 reads)
  draw(10000 writes)
  draw(40 journal)
  draw(40 cores)
  draw(300 buffers)
  draw(3 web)
  draw(3 app)
  math(EXPR size "${size} + 50")
  math(EXPR horizon "${horizon} + 1")
  math(EXPR reads "${reads} + 200")
  math(EXPR writes "${writes} + 50")
  math(EXPR journal "${journal} + 1")
  math(EXPR cores "${cores} + 1")
  math(EXPR buffers "${buffers} + 4")
  set(dr_columns ",,")
  if(dr EQUAL 0)
    math(EXPR dr_index "(${r} + 1) % 5")
    list(GET regions ${dr_index} dr_region)
    set(dr_columns "${dr_region},1,100")
  endif()
  if(i EQUAL 301)
    set(csv_details "${csv}")
  endif()
  string(APPEND csv "site-${i},${product},${region},aws-2025,${size},${growth},${horizon},${reads},${writes},"
                    "${journal},${cores},${buffers},,true,true,${dr_columns},${web},${app},0,65,7,\n")
endforeach()
file(WRITE "${WORK_DIR}/sites.csv" "${csv}")
run("${IRISIZE}" batch "${WORK_DIR}/sites.csv" -j1 -o "${WORK_DIR}/plans.csv")
file(WRITE "${WORK_DIR}/sites-300.csv" "${csv_details}")
foreach(format json text markdown html)
  file(REMOVE_RECURSE "${WORK_DIR}/details")
  run("${IRISIZE}" batch "${WORK_DIR}/sites-300.csv" -j1 --details "${WORK_DIR}/details" --details-format ${format}
      -o "${WORK_DIR}/plans-300.csv")
endforeach()
