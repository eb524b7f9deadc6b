# The editor checks, include()d by the top-level CMakeLists.txt: two CTest tests, label "editor",
# that run tools/check-editor.sh.
#
#   editor.ClangFormat  every tracked .cpp/.hpp file is formatted as .clang-format says
#                       (clang-format --dry-run -Werror). Needs nothing built.
#   editor.ClangdCheck  clangd --check finds no error in any chapter's exercise and contract,
#                       nor in chapters/core/*.hpp and grader/harness/*.hpp, with this build's
#                       compile_commands.json (what an editor shows a learner, through .clangd;
#                       CHECK_EDITOR_ALL=1 tools/check-editor.sh clangd build adds the
#                       solutions and checks files).
#
# What the clangd test needs is there once CMake has configured: compile_commands.json
# (CMAKE_EXPORT_COMPILE_COMMANDS, set by the preset) and the precompiled header's source,
# CMakeFiles/scratchnet_pch.dir/cmake_pch.hxx, which every compile command -includes. The built
# PCH (cmake_pch.hxx.pch) is not needed: clangd drops -include-pch and parses the header itself.
# Each test registers only when its program is found (Debian packages clang-format, clangd).

if(COMMAND scratchnet_find_dev)
  # Test-only packages go through the project's finder: SCRATCHNET_DEV_PARTS and the
  # learner-path test's CMAKE_DISABLE_FIND_PACKAGE_<Name> apply, and a missing one is listed.
  scratchnet_find_dev(ClangFormat clang-format PROGRAM NAMES clang-format clang-format-14)
  scratchnet_find_dev(Clangd clangd PROGRAM NAMES clangd clangd-14)
else()
  find_program(SCRATCHNET_ClangFormat NAMES clang-format clang-format-14)
  find_program(SCRATCHNET_Clangd NAMES clangd clangd-14)
  set(ClangFormat_FOUND FALSE)
  set(Clangd_FOUND FALSE)
  if(SCRATCHNET_ClangFormat)
    set(ClangFormat_FOUND TRUE)
  endif()
  if(SCRATCHNET_Clangd)
    set(Clangd_FOUND TRUE)
  endif()
endif()

set(scratchnet_check_editor "${CMAKE_SOURCE_DIR}/tools/check-editor.sh")
set(scratchnet_editor_off "")
if(SCRATCHNET_DEV_PARTS STREQUAL "OFF")
  set(scratchnet_editor_off " (SCRATCHNET_DEV_PARTS=OFF)")
endif()

if(ClangFormat_FOUND)
  add_test(NAME editor.ClangFormat
           COMMAND ${CMAKE_COMMAND} -E env "CLANG_FORMAT=${SCRATCHNET_ClangFormat}"
                   bash "${scratchnet_check_editor}" format)
  # About 6 s for the whole tree (130 files).
  set_tests_properties(editor.ClangFormat PROPERTIES LABELS editor TIMEOUT 180)
else()
  message(STATUS "editor.ClangFormat not registered: no clang-format (Debian package clang-format)${scratchnet_editor_off}")
endif()

# .clangd names build/ and adds a -I relative to the compile commands' folder: it is written for
# a build folder one level below the source folder (the preset's build/).
get_filename_component(scratchnet_binary_parent "${CMAKE_BINARY_DIR}" DIRECTORY)
if(Clangd_FOUND AND CMAKE_EXPORT_COMPILE_COMMANDS
   AND scratchnet_binary_parent STREQUAL CMAKE_SOURCE_DIR)
  # About 3 s of CPU per file (clangd parses xtensor each time), two files at a time: 23 s for
  # two chapters (14 files) on an idle 2-core machine. It takes both cores: CTest runs it alone.
  add_test(NAME editor.ClangdCheck
           COMMAND ${CMAKE_COMMAND} -E env "CLANGD=${SCRATCHNET_Clangd}" CHECK_JOBS=2
                   bash "${scratchnet_check_editor}" clangd "${CMAKE_BINARY_DIR}")
  set_tests_properties(editor.ClangdCheck PROPERTIES
    LABELS editor
    TIMEOUT 600
    PROCESSORS 2
    REQUIRED_FILES "${CMAKE_BINARY_DIR}/compile_commands.json")
elseif(Clangd_FOUND AND NOT CMAKE_EXPORT_COMPILE_COMMANDS)
  message(STATUS "editor.ClangdCheck not registered: it needs CMAKE_EXPORT_COMPILE_COMMANDS=ON (the preset sets it)")
elseif(Clangd_FOUND)
  message(STATUS "editor.ClangdCheck not registered: .clangd expects the build folder directly under ${CMAKE_SOURCE_DIR} (the preset's build/), not ${CMAKE_BINARY_DIR}")
else()
  message(STATUS "editor.ClangdCheck not registered: no clangd (Debian package clangd)${scratchnet_editor_off}")
endif()
