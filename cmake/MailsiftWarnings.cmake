# One place for the warning flags every mailsift target compiles with.
function(mailsift_warnings target)
  target_compile_options(${target} PRIVATE -Wall -Wextra -Wpedantic -Wnon-virtual-dtor
                                           -Wno-missing-field-initializers)
  if(MAILSIFT_WERROR)
    target_compile_options(${target} PRIVATE -Werror)
  endif()
endfunction()
