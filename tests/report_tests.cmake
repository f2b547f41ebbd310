# Tests that run scripts on the reports of the real binary:
# - report_schema (label golden): every golden report and fresh ones validate against
#   docs/report.schema.json with python3-jsonschema (Debian's python3);
# - html_check, markdown_render (label unit): the HTML page's structure and CSP, and the
#   Markdown as GitHub's renderer (cmark-gfm) shows it;
# - browser (label browser): the HTML report in headless Chromium; registered when
#   chromium is found at configure time or with -DACCORDIFF_BROWSER_TESTS=ON
#   (scripts/setup.sh --browser installs it). Screenshots go to browser-artifacts/.

# Debian's interpreter first: python3-jsonschema is installed for it, not for others on PATH.
find_program(ACCORDIFF_PYTHON3 NAMES python3 PATHS /usr/bin NO_DEFAULT_PATH)
if(NOT ACCORDIFF_PYTHON3)
  find_program(ACCORDIFF_PYTHON3 NAMES python3 REQUIRED)
endif()

add_test(NAME report_schema
  COMMAND ${ACCORDIFF_PYTHON3} ${CMAKE_CURRENT_SOURCE_DIR}/schema/validate_reports.py
          --schema ${PROJECT_SOURCE_DIR}/docs/report.schema.json --fixtures ${ACCORDIFF_FIXTURES}
          --accordiff $<TARGET_FILE:accordiff> --work ${CMAKE_CURRENT_BINARY_DIR}/schema-work)
set_tests_properties(report_schema PROPERTIES LABELS golden TIMEOUT 300)

add_test(NAME html_check
  COMMAND ${ACCORDIFF_PYTHON3} ${CMAKE_CURRENT_SOURCE_DIR}/report/html_check.py
          --accordiff $<TARGET_FILE:accordiff> --fixtures ${ACCORDIFF_FIXTURES})
set_tests_properties(html_check PROPERTIES LABELS unit TIMEOUT 300)

add_test(NAME markdown_render
  COMMAND ${ACCORDIFF_PYTHON3} ${CMAKE_CURRENT_SOURCE_DIR}/report/markdown_render_test.py
          --accordiff $<TARGET_FILE:accordiff> --fixtures ${ACCORDIFF_FIXTURES}
          --work ${CMAKE_CURRENT_BINARY_DIR}/markdown-work)
set_tests_properties(markdown_render PROPERTIES LABELS unit TIMEOUT 300)

option(ACCORDIFF_BROWSER_TESTS "Run the HTML report in headless Chromium (label browser)" OFF)
find_program(ACCORDIFF_CHROMIUM NAMES chromium chromium-browser)
if(ACCORDIFF_CHROMIUM OR ACCORDIFF_BROWSER_TESTS)
  if(NOT ACCORDIFF_CHROMIUM)
    message(WARNING "ACCORDIFF_BROWSER_TESTS=ON but no chromium: the browser test will fail; "
                    "install it with scripts/setup.sh --browser")
    set(_chromium chromium)
  else()
    set(_chromium ${ACCORDIFF_CHROMIUM})
  endif()
  add_test(NAME browser
    COMMAND ${ACCORDIFF_PYTHON3} ${CMAKE_CURRENT_SOURCE_DIR}/browser/browser_test.py
            --chromium ${_chromium} --accordiff $<TARGET_FILE:accordiff>
            --fixtures ${ACCORDIFF_FIXTURES} --out ${CMAKE_BINARY_DIR}/browser-artifacts)
  # One browser at a time: Chromium takes both cores of the machine while it renders.
  set_tests_properties(browser PROPERTIES LABELS browser TIMEOUT 600 RUN_SERIAL TRUE)
endif()
