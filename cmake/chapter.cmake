# scratchnet_chapter(ID FOLDER EXERCISE_FILE)
#
# Builds one chapter's grading binaries. The hidden checks compile once (chNN_checks) and are
# linked with each implementation:
#   grade-NN-reference   the reference solution; run once at build time to record the
#                        expected values (reference.cbor), then graded like any other
#   grade-NN-exercise    the learner's file in exercises/ (target grade-NN builds it + record)
#   grade-NN-mutant-X    a one-function file from grader/NN/mutants/ linked over a copy of the
#                        reference whose symbols were made weak, so the mutant's function wins
# Every binary also links the reference of all earlier chapters: a stuck chapter never blocks
# a later one.
set(SCRATCHNET_EARLIER_REFERENCES "")
set(SCRATCHNET_WEAK_REFERENCES "")  # every chapter's reference with weak symbols (drills link these)
set(SCRATCHNET_ALL_CHECKS "")        # every chapter's compiled checks
set(SCRATCHNET_RECORDS "")           # every chapter's reference.cbor

function(scratchnet_chapter id folder exercise)
  set(contract_dir "${CMAKE_SOURCE_DIR}/chapters/${folder}")
  set(out "${CMAKE_BINARY_DIR}/grader/${folder}")
  file(MAKE_DIRECTORY "${out}")

  add_library(ch${id}_contract INTERFACE)
  target_include_directories(ch${id}_contract INTERFACE "${contract_dir}")
  target_link_libraries(ch${id}_contract INTERFACE scratchnet_core ${SCRATCHNET_EARLIER_CONTRACTS})

  foreach(variant reference exercise)
    if(variant STREQUAL "reference")
      set(src "${CMAKE_SOURCE_DIR}/solutions/${folder}/${exercise}")
    else()
      set(src "${CMAKE_SOURCE_DIR}/exercises/${folder}/${exercise}")
    endif()
    add_library(ch${id}_${variant} OBJECT "${src}")
    target_link_libraries(ch${id}_${variant} PUBLIC ch${id}_contract)
    target_precompile_headers(ch${id}_${variant} REUSE_FROM scratchnet_pch)
  endforeach()

  add_library(ch${id}_checks OBJECT "${CMAKE_SOURCE_DIR}/grader/${folder}/checks.cpp")
  target_link_libraries(ch${id}_checks PUBLIC ch${id}_contract grader_harness)
  # Checks may read data committed beside them (e.g. golden values from PyTorch).
  target_compile_definitions(ch${id}_checks PRIVATE SCRATCHNET_GRADER_DIR="${CMAKE_SOURCE_DIR}/grader/${folder}")
  target_precompile_headers(ch${id}_checks REUSE_FROM scratchnet_pch)

  set(common ch${id}_checks grader_harness ${SCRATCHNET_EARLIER_REFERENCES})
  foreach(variant reference exercise)
    add_executable(grade-${id}-${variant} $<TARGET_OBJECTS:ch${id}_${variant}>)
    target_link_libraries(grade-${id}-${variant} PRIVATE ${common})
    set_target_properties(grade-${id}-${variant} PROPERTIES RUNTIME_OUTPUT_DIRECTORY "${out}")
  endforeach()

  # Record the reference's values; fails the build if the reference fails its own checks.
  add_custom_command(
    OUTPUT "${out}/reference.cbor"
    COMMAND ${CMAKE_COMMAND} -E env OPENBLAS_NUM_THREADS=1 SCRATCHNET_RECORD=${out}/reference.cbor
            $<TARGET_FILE:grade-${id}-reference> --gtest_brief=1
    DEPENDS grade-${id}-reference
    COMMENT "Recording chapter ${id}'s reference values"
    VERBATIM)
  add_custom_target(record-${id} DEPENDS "${out}/reference.cbor")
  add_custom_target(grade-${id} ALL DEPENDS "${out}/reference.cbor" grade-${id}-exercise)

  # Mutants: known-wrong one-function files over a weakened reference.
  add_custom_command(
    OUTPUT "${out}/reference_weak.o"
    COMMAND sh ${CMAKE_SOURCE_DIR}/cmake/weaken.sh $<TARGET_OBJECTS:ch${id}_reference> "${out}/reference_weak.o"
    DEPENDS ch${id}_reference $<TARGET_OBJECTS:ch${id}_reference> ${CMAKE_SOURCE_DIR}/cmake/weaken.sh
    VERBATIM)
  # Fixtures: learner code that crashes, hangs, exits, floods… (grader/selftest/fixtures/), built
  # the same way. One marked "// build: fails" is left out of the default build: the self-test
  # builds it and expects the grader to report its compile error.
  file(GLOB mutants CONFIGURE_DEPENDS "${CMAKE_SOURCE_DIR}/grader/${folder}/mutants/*.cpp")
  file(GLOB fixtures CONFIGURE_DEPENDS "${CMAKE_SOURCE_DIR}/grader/selftest/fixtures/${folder}/*.cpp")
  add_custom_target(ch${id}_mutants ALL)
  foreach(source ${mutants} ${fixtures})
    get_filename_component(name "${source}" NAME_WE)
    if(source IN_LIST mutants)
      set(target grade-${id}-mutant-${name})
    else()
      set(target grade-${id}-fixture-${name})
    endif()
    file(STRINGS "${source}" fails REGEX "^// build: fails")
    if(fails)
      add_executable(${target} EXCLUDE_FROM_ALL "${source}" "${out}/reference_weak.o")
    else()
      add_executable(${target} "${source}" "${out}/reference_weak.o")
      add_dependencies(ch${id}_mutants ${target})
    endif()
    target_link_libraries(${target} PRIVATE ${common})
    target_precompile_headers(${target} REUSE_FROM scratchnet_pch)
    set_target_properties(${target} PROPERTIES RUNTIME_OUTPUT_DIRECTORY "${out}")
  endforeach()

  set(SCRATCHNET_WEAK_REFERENCES ${SCRATCHNET_WEAK_REFERENCES} "${out}/reference_weak.o" PARENT_SCOPE)
  set(SCRATCHNET_ALL_CHECKS ${SCRATCHNET_ALL_CHECKS} $<TARGET_OBJECTS:ch${id}_checks> PARENT_SCOPE)
  set(SCRATCHNET_RECORDS ${SCRATCHNET_RECORDS} "${out}/reference.cbor" PARENT_SCOPE)
  set(SCRATCHNET_EARLIER_REFERENCES ${SCRATCHNET_EARLIER_REFERENCES} $<TARGET_OBJECTS:ch${id}_reference> PARENT_SCOPE)
  set(SCRATCHNET_EARLIER_CONTRACTS ${SCRATCHNET_EARLIER_CONTRACTS} ch${id}_contract PARENT_SCOPE)
endfunction()
