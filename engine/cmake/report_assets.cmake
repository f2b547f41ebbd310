# Embeds the HTML report's style and script and the JSON Schema of the report into the
# engine (generated/report/assets.hpp), so that the program works from anywhere. Editing
# one of these files reconfigures and rebuilds. The page's Content-Security-Policy names
# the style and the script by their SHA-256, computed here from the very bytes embedded.

set(_accordiff_b64 "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/")

# The base64 of the bytes spelled by the hex digits `hex`.
function(accordiff_hex_to_base64 hex out)
  string(LENGTH "${hex}" n)
  set(result "")
  set(i 0)
  while(i LESS n)
    string(SUBSTRING "${hex}" ${i} 6 chunk)
    string(LENGTH "${chunk}" len)
    set(pad 0)
    while(len LESS 6)
      string(APPEND chunk "00")
      math(EXPR len "${len} + 2")
      math(EXPR pad "${pad} + 1")
    endwhile()
    math(EXPR v "0x${chunk}")
    set(quad "")
    foreach(shift 18 12 6 0)
      math(EXPR idx "(${v} >> ${shift}) & 63")
      string(SUBSTRING "${_accordiff_b64}" ${idx} 1 ch)
      string(APPEND quad "${ch}")
    endforeach()
    if(pad EQUAL 1)
      string(SUBSTRING "${quad}" 0 3 quad)
      string(APPEND quad "=")
    elseif(pad EQUAL 2)
      string(SUBSTRING "${quad}" 0 2 quad)
      string(APPEND quad "==")
    endif()
    string(APPEND result "${quad}")
    math(EXPR i "${i} + 6")
  endwhile()
  set(${out} "${result}" PARENT_SCOPE)
endfunction()

# Reads `file` into `var`, refusing what would end the raw string literal early or pass
# the length every C++ compiler must accept in one literal.
function(accordiff_read_asset file var)
  file(READ "${file}" content)
  string(FIND "${content}" ")accordiff_asset\"" bad)
  if(NOT bad EQUAL -1)
    message(FATAL_ERROR "${file} contains the raw string delimiter )accordiff_asset\"")
  endif()
  string(LENGTH "${content}" len)
  if(len GREATER 65000)
    message(FATAL_ERROR "${file} is ${len} bytes; split it (a C++ string literal may be "
                        "limited to 65536)")
  endif()
  set(${var} "${content}" PARENT_SCOPE)
  set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS "${file}")
endfunction()

accordiff_read_asset("${CMAKE_CURRENT_SOURCE_DIR}/src/report/html/report.css" ACCORDIFF_HTML_CSS)
accordiff_read_asset("${CMAKE_CURRENT_SOURCE_DIR}/src/report/html/report.js" ACCORDIFF_HTML_JS)
accordiff_read_asset("${PROJECT_SOURCE_DIR}/docs/report.schema.json" ACCORDIFF_REPORT_SCHEMA)
string(SHA256 _css_hex "${ACCORDIFF_HTML_CSS}")
string(SHA256 _js_hex "${ACCORDIFF_HTML_JS}")
accordiff_hex_to_base64("${_css_hex}" ACCORDIFF_HTML_CSS_SHA256)
accordiff_hex_to_base64("${_js_hex}" ACCORDIFF_HTML_JS_SHA256)
configure_file("${CMAKE_CURRENT_SOURCE_DIR}/src/report/assets.hpp.in"
               "${CMAKE_CURRENT_BINARY_DIR}/generated/report/assets.hpp" @ONLY)
target_include_directories(accordiff_engine PRIVATE "${CMAKE_CURRENT_BINARY_DIR}/generated")
