# Proves check_layers.cmake can fail: builds a small server/ tree in WORK with one include across
# each kind of wall, and expects exactly these problems, in this order, and a non-zero exit; then
# the same tree without them must pass.
#   cmake -DWORK=<scratch dir> -P tests/layers/check_layers_test.cmake
cmake_minimum_required(VERSION 3.25)
if(NOT DEFINED WORK)
  message(FATAL_ERROR "usage: cmake -DWORK=<scratch dir> -P check_layers_test.cmake")
endif()
set(checker ${CMAKE_CURRENT_LIST_DIR}/check_layers.cmake)

function(write_tree with_faults)
  file(REMOVE_RECURSE ${WORK})
  file(WRITE ${WORK}/server/smtp/clean.hpp
    "// Allowed includes only; the commented one is not a directive.\n#pragma once\n\n"
    "#include <string>\n  #  include <cstdint>\n#include \"smtp/clean.hpp\"\n"
    "// #include <boost/asio.hpp>\n")
  file(WRITE ${WORK}/server/policy/clean.cpp
    "#include \"policy/clean.hpp\"\n#include \"smtp/clean.hpp\"\n#include <map>\n")
  file(WRITE ${WORK}/server/scenario/clean.cpp "#include <toml++/toml.h>\n#include \"policy/a.hpp\"\n")
  file(WRITE ${WORK}/server/store/clean.cpp "#include <sqlite3.h>\n#include <sys/stat.h>\n")
  file(WRITE ${WORK}/server/net/clean.cpp
    "#include <boost/asio/ip/tcp.hpp>\n#include <boost/system/error_code.hpp>\n"
    "#include <openssl/ssl.h>\n#include \"store/a.hpp\"\n")
  file(WRITE ${WORK}/server/app/clean.cpp
    "#include <CLI/CLI.hpp>\n#include <toml++/toml.h>\n#include \"net/a.hpp\"\n")
  if(NOT with_faults)
    return()
  endif()
  file(WRITE ${WORK}/server/smtp/session.cpp
    "// a header-only library across the wall builds\n#include <string>\n#include <boost/asio.hpp>\n"
    "#include \"policy/model.hpp\"\n")
  file(WRITE ${WORK}/server/policy/rules.hpp
    "#pragma once\n#include <toml++/toml.hpp>\n#include \"net/server.hpp\"\n#include <fmt/format.h>\n"
    "#include <boost/json.hpp>\n#include <unistd.h>\n")
  file(WRITE ${WORK}/server/store/reader.cpp "#include <toml++/toml.h>\n#include \"net/server.hpp\"\n")
  file(WRITE ${WORK}/server/scenario/reader.cpp "#include <sqlite3.h>\n#include \"store/x.hpp\"\n")
  file(WRITE ${WORK}/server/net/conn.cpp "#include <zlib.h>\n#include \"local.hpp\"\n#include HEADER\n")
  file(WRITE ${WORK}/server/extra/thing.cpp "#include <string>\n")
endfunction()

function(run_checker out_code out_text)
  execute_process(COMMAND ${CMAKE_COMMAND} -DROOT=${WORK} -P ${checker}
    RESULT_VARIABLE code OUTPUT_VARIABLE stdout ERROR_VARIABLE stderr)
  set(${out_code} "${code}" PARENT_SCOPE)
  set(${out_text} "${stdout}${stderr}" PARENT_SCOPE)
endfunction()

set(failed FALSE)
# expect(<what should hold> <if() condition>...)
function(expect text)
  if(NOT (${ARGN}))
    message(NOTICE "FAILED: ${text}")
    set(failed TRUE PARENT_SCOPE)
  endif()
endfunction()

write_tree(TRUE)
run_checker(code text)
expect("the checker must exit non-zero on a tree with forbidden includes" NOT code EQUAL 0)
set(expected
  "server/extra/: a folder with no row in tests/layers/layer_rules.cmake"
  "server/net/conn.cpp:1: <zlib.h> is in no header group of tests/layers/layer_rules.cmake"
  "server/net/conn.cpp:2: \"local.hpp\" names no folder of server/ (write \"folder/file.hpp\")"
  "server/net/conn.cpp:3: an #include this check cannot read: '#include HEADER'"
  "server/policy/rules.hpp:2: policy/ must not include <toml++/toml.hpp> (toml++), policy/ may include only: std smtp"
  "server/policy/rules.hpp:3: policy/ must not include \"net/server.hpp\" (net/), policy/ may include only: std smtp"
  "server/policy/rules.hpp:4: policy/ must not include <fmt/format.h> (fmt), policy/ may include only: std smtp"
  "server/policy/rules.hpp:5: policy/ must not include <boost/json.hpp> (boost.json), policy/ may include only: std smtp"
  "server/policy/rules.hpp:6: policy/ must not include <unistd.h> (posix), policy/ may include only: std smtp"
  "server/scenario/reader.cpp:1: scenario/ must not include <sqlite3.h> (sqlite), scenario/ may include only: std smtp policy toml++"
  "server/scenario/reader.cpp:2: scenario/ must not include \"store/x.hpp\" (store/), scenario/ may include only: std smtp policy toml++"
  "server/smtp/session.cpp:3: smtp/ must not include <boost/asio.hpp> (asio), smtp/ may include only: std"
  "server/smtp/session.cpp:4: smtp/ must not include \"policy/model.hpp\" (policy/), smtp/ may include only: std"
  "server/store/reader.cpp:1: store/ must not include <toml++/toml.h> (toml++), store/ may include only: std posix sqlite boost.json mime smtp policy"
  "server/store/reader.cpp:2: store/ must not include \"net/server.hpp\" (net/), store/ may include only: std posix sqlite boost.json mime smtp policy"
)
foreach(line IN LISTS expected)
  string(FIND "${text}" "${line}\n" at)
  expect("expected the line: ${line}" at GREATER -1)
endforeach()
string(REGEX MATCHALL "server/[^\n]*\n" reported "${text}")
string(JOIN "" reported ${reported})
list(JOIN expected "\n" expected)
expect("these problems and no others, in the order of files and lines"
  "${reported}" STREQUAL "${expected}\n")

write_tree(FALSE)
run_checker(code text)
expect("a tree of allowed includes must pass" code EQUAL 0)

file(REMOVE_RECURSE ${WORK})
if(failed)
  message(NOTICE "checker output was:\n${text}")
  message(FATAL_ERROR "check_layers.cmake does not behave as expected")
endif()
message(STATUS "check_layers.cmake reports every include across a wall and passes a clean tree")
