# Warnings for afsim's own code; -Werror in CI (AFSIM_WARNINGS_AS_ERRORS) and the sanitize preset's flags.
function(afsim_set_warnings target)
  target_compile_options(${target} PRIVATE $<$<COMPILE_LANGUAGE:CXX>:-Wall -Wextra>)
  if(AFSIM_WARNINGS_AS_ERRORS)
    target_compile_options(${target} PRIVATE $<$<COMPILE_LANGUAGE:CXX>:-Werror>)
  endif()
endfunction()

# ASan + UBSan (CPU backend; the `sanitize` preset). UBSan stays in recoverable mode so that run-time
# suppressions of third-party findings (cmake/ubsan.supp) work; the `sanitize` test preset sets
# UBSAN_OPTIONS=halt_on_error=1, so any other finding fails the test.
if(AFSIM_SANITIZE)
  if(AFSIM_HAVE_CUDA)
    message(WARNING "AFSIM_SANITIZE with the CUDA backend: only the host (g++) code is instrumented; "
                    "configure with -DAFSIM_ENABLE_CUDA=OFF (the `sanitize` preset does)")
  endif()
  add_compile_options($<$<COMPILE_LANGUAGE:CXX>:-fsanitize=address,undefined>
                      $<$<COMPILE_LANGUAGE:CXX>:-fno-omit-frame-pointer>)
  add_link_options(-fsanitize=address,undefined)
endif()
