# cmake -DSITE_TEST=site_test -DSITE=build/docs/html -DWORK=dir -P break_site.cmake
#
# The site test is only as good as the broken sites it rejects. This copies the built site, breaks
# it in one way per check, runs the site test on the copy and requires that it fails, naming each
# break: a missing solution page, raw TeX in a chapter's text, a figure that is gone, a code
# snippet that is gone, and a broken internal link.
file(REMOVE_RECURSE "${WORK}")
file(COPY "${SITE}/" DESTINATION "${WORK}/html")
set(html "${WORK}/html")

function(edit page from to)
  file(READ "${html}/${page}" text)
  string(FIND "${text}" "${from}" at)
  if(at EQUAL -1)
    message(FATAL_ERROR "break_site: \"${from}\" not found in ${page}; the site changed, update this script")
  endif()
  string(REPLACE "${from}" "${to}" text "${text}")
  file(WRITE "${html}/${page}" "${text}")
endfunction()

# The chapter ids come from the site itself: the last chapter loses its solution page, the first
# gets raw TeX, loses its figures and its code blocks, and gets a link to nowhere.
file(GLOB solution_pages RELATIVE "${html}" "${html}/solution[0-9]*.html")
list(SORT solution_pages)
list(GET solution_pages -1 last_solution)
file(REMOVE "${html}/${last_solution}")
edit(chapter01.html "<p >Run forwards" "<p >Raw \\f$ x^2 \\f$ here. Run forwards")
file(GLOB svgs "${html}/*.svg")
file(REMOVE ${svgs})
edit(chapter01.html "<div class=\"fragment\">" "<div class=\"not-a-fragment\">")
edit(chapter01.html "href=\"forward__propagation_8hpp.html\"" "href=\"no_such_page.html\"")

# Only the pages broken here are rendered (SITE_TEST_PAGES): the test of the whole site is
# docs.SiteInBrowser's; this one is about the breaks being caught.
execute_process(COMMAND ${CMAKE_COMMAND} -E env SITE_DIR=${html} ARTIFACT_DIR=${WORK}/artifacts
                        "SITE_TEST_PAGES=index.html chapter01.html" ${SITE_TEST}
                RESULT_VARIABLE status OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(status EQUAL 0)
  message(FATAL_ERROR "the site test passed a broken site:\n${out}")
endif()
set(missing "")
foreach(expected "${last_solution} is missing from the site" "raw TeX left in the page's text"
                 ".svg: no such file" "\\snippet commands but the page shows only" "no_such_page.html")
  string(FIND "${out}" "${expected}" at)
  if(at EQUAL -1)
    list(APPEND missing "${expected}")
  endif()
endforeach()
if(missing)
  message(FATAL_ERROR "the site test failed, but did not report: ${missing}\n${out}")
endif()
file(REMOVE_RECURSE "${WORK}")
message(STATUS "the site test rejected every break")
