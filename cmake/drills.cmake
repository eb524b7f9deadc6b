# Timed drills (`./grade drill`, catalogue in course.json "drills", files in drills/<name>/).
#
# A drill binary is built like a mutant: the candidate's file is linked over every chapter's
# reference with weak symbols, so the functions it defines win and everything else comes from the
# references; it holds every chapter's compiled checks (the grader runs only the drill's, by a
# GoogleTest filter) and the drill's own checks (drills/<name>/checks.cpp) when it is a whole
# program. Targets, in build/drills/<name>/:
#   drill-<name>                  practice/<name>.cpp, the candidate's attempt (built on demand)
#   drill-<name>-reference        drills/<name>/solution.cpp
#   drill-<name>-blank            drills/<name>/blank.cpp, the file `drill start` writes
#   drill-<name>-mutant-<m>       drills/<name>/mutants/<m>.cpp
# Only the first is built by `./grade drill check`; the rest are for the self-test (target
# drills-selftest, which the self-test depends on).
set(SCRATCHNET_BARE_DIR "${CMAKE_BINARY_DIR}/drills/include")
set(bare_headers "")
foreach(i RANGE ${SCRATCHNET_LAST_CHAPTER})
  scratchnet_manifest_chapter(${i})
  set(bare "${SCRATCHNET_BARE_DIR}/${contract}")
  add_custom_command(
    OUTPUT "${bare}"
    COMMAND ${CMAKE_COMMAND} -DIN=${CMAKE_SOURCE_DIR}/chapters/${folder}/${contract} -DOUT=${bare}
            -P ${CMAKE_SOURCE_DIR}/cmake/bare_header.cmake
    DEPENDS "${CMAKE_SOURCE_DIR}/chapters/${folder}/${contract}" "${CMAKE_SOURCE_DIR}/cmake/bare_header.cmake"
    VERBATIM)
  list(APPEND bare_headers "${bare}")
endforeach()
add_custom_target(drill_headers DEPENDS ${bare_headers})
set(records_targets "")
foreach(id ${SCRATCHNET_CHAPTERS})
  list(APPEND records_targets record-${id})
endforeach()

add_custom_target(drills-selftest)
string(JSON drill_count ERROR_VARIABLE no_drills LENGTH "${SCRATCHNET_MANIFEST}" drills)
if(no_drills OR drill_count EQUAL 0)
  return()
endif()
math(EXPR last_drill "${drill_count} - 1")
foreach(i RANGE ${last_drill})
  string(JSON name GET "${SCRATCHNET_MANIFEST}" drills ${i} name)
  set(dir "${CMAKE_SOURCE_DIR}/drills/${name}")
  set(out "${CMAKE_BINARY_DIR}/drills/${name}")
  set(own "")
  if(EXISTS "${dir}/checks.cpp")
    add_library(drill_${name}_checks OBJECT "${dir}/checks.cpp")
    target_link_libraries(drill_${name}_checks PUBLIC grader_harness ${SCRATCHNET_EARLIER_CONTRACTS})
    target_include_directories(drill_${name}_checks PRIVATE "${dir}")
    target_precompile_headers(drill_${name}_checks REUSE_FROM scratchnet_pch)
    set(own $<TARGET_OBJECTS:drill_${name}_checks>)
  endif()
  set(practice "${CMAKE_SOURCE_DIR}/practice/${name}.cpp")
  set_source_files_properties("${practice}" PROPERTIES GENERATED TRUE)  # exists once started
  file(GLOB mutants CONFIGURE_DEPENDS "${dir}/mutants/*.cpp")
  set(variants "")
  foreach(source "${practice}" "${dir}/solution.cpp" "${dir}/blank.cpp" ${mutants})
    if("${source}" STREQUAL "${practice}")
      set(target drill-${name})
    elseif(source STREQUAL "${dir}/solution.cpp")
      set(target drill-${name}-reference)
    elseif(source STREQUAL "${dir}/blank.cpp")
      set(target drill-${name}-blank)
    else()
      get_filename_component(m "${source}" NAME_WE)
      set(target drill-${name}-mutant-${m})
    endif()
    if(NOT "${source}" STREQUAL "${practice}")
      list(APPEND variants ${target})
    endif()
    add_executable(${target} EXCLUDE_FROM_ALL "${source}" ${SCRATCHNET_WEAK_REFERENCES} ${SCRATCHNET_ALL_CHECKS} ${own})
    target_include_directories(${target} PRIVATE "${SCRATCHNET_BARE_DIR}" "${dir}")
    target_link_libraries(${target} PRIVATE grader_harness)
    target_precompile_headers(${target} REUSE_FROM scratchnet_pch)
    add_dependencies(${target} drill_headers ${records_targets})
    set_target_properties(${target} PROPERTIES RUNTIME_OUTPUT_DIRECTORY "${out}")
  endforeach()
  add_dependencies(drills-selftest ${variants})
endforeach()
