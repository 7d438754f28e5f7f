# Warnings live on an interface target that every suite target links, so flags reach our own
# sources and never the dependencies'.
add_library(roof_warnings INTERFACE)
add_library(roof::warnings ALIAS roof_warnings)
target_compile_options(roof_warnings INTERFACE
  $<$<COMPILE_LANG_AND_ID:CXX,GNU,Clang>:-Wall -Wextra -Wpedantic -Wshadow -Wconversion
    -Wno-sign-conversion
    # C++20 designated initializers leave defaulted members out on purpose.
    -Wno-missing-field-initializers>
  $<$<AND:$<COMPILE_LANG_AND_ID:CXX,GNU,Clang>,$<BOOL:${ROOF_WARNINGS_AS_ERRORS}>>:-Werror>
  $<$<COMPILE_LANGUAGE:CUDA>:-Xcompiler=-Wall,-Wextra>)
