# One place for the warning flags every mailsift target compiles with.
function(mailsift_warnings target)
  target_compile_options(${target} PRIVATE -Wall -Wextra -Wpedantic -Wnon-virtual-dtor
                                           -Wno-missing-field-initializers)
  # GCC 12 at -O2/-O3 reports -Wrestrict inside libstdc++ for `"literal" + std::string(...)`
  # (GCC bug 105329, fixed in GCC 13): four such false reports in the release build, none real.
  if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU" AND CMAKE_CXX_COMPILER_VERSION VERSION_LESS 13)
    target_compile_options(${target} PRIVATE -Wno-restrict)
  endif()
  if(MAILSIFT_WERROR)
    target_compile_options(${target} PRIVATE -Werror)
  endif()
endfunction()

# Code off the hot paths (the tests, the command-line layer) compiles at -O0 in the sanitizer
# build: a third less compile time, and it does little work at run time. The libraries keep the
# build's -O1, so the tests still run at a fair speed.
function(mailsift_cold target)
  if(MAILSIFT_SANITIZE)
    target_compile_options(${target} PRIVATE -O0)
  endif()
endfunction()
