# libFuzzer targets, built with clang-14 even when the rest of the build uses g++: a
# custom command compiles the core sources straight into each fuzzer.
find_program(HIL_CLANGXX NAMES clang++-14)
set(HIL_FUZZ_FLAGS -std=c++17 -g -O1 -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=undefined)
set(HIL_FUZZ_OK FALSE)
if(HIL_CLANGXX)
  set(_probe ${CMAKE_CURRENT_BINARY_DIR}/fuzz_probe.cpp)
  file(WRITE ${_probe} "#include <cstdint>\n#include <cstddef>\nextern \"C\" int LLVMFuzzerTestOneInput(const uint8_t*, size_t) { return 0; }\n")
  execute_process(COMMAND ${HIL_CLANGXX} ${HIL_FUZZ_FLAGS} ${_probe} -o ${CMAKE_CURRENT_BINARY_DIR}/fuzz_probe
                  RESULT_VARIABLE _rc OUTPUT_QUIET ERROR_QUIET)
  if(_rc EQUAL 0)
    set(HIL_FUZZ_OK TRUE)
  endif()
endif()

if(NOT HIL_FUZZ_OK)
  if(NOT HIL_CLANGXX)
    message(WARNING "hil: fuzz targets SKIPPED: clang++-14 not found. Install the Debian packages "
                    "'clang-14' and 'libclang-rt-14-dev' (the bootstrap script does this as root) and re-run cmake.")
  else()
    message(WARNING "hil: fuzz targets SKIPPED: ${HIL_CLANGXX} cannot link -fsanitize=fuzzer. Install the "
                    "Debian package 'libclang-rt-14-dev' and re-run cmake.")
  endif()
  return()
endif()
message(STATUS "hil: fuzz targets enabled with ${HIL_CLANGXX} (-runs=${HIL_FUZZ_RUNS} in CTest)")

set(_core_abs ${HIL_CORE_SOURCES})
list(TRANSFORM _core_abs PREPEND ${PROJECT_SOURCE_DIR}/)
set(_fuzz_dir ${CMAKE_CURRENT_SOURCE_DIR}/fuzz)

add_executable(hil_make_seeds ${_fuzz_dir}/make_seeds.cpp)
target_link_libraries(hil_make_seeds PRIVATE hilcore)
target_compile_options(hil_make_seeds PRIVATE ${HIL_WARNINGS})

foreach(name wire_frame method_dispatch)
  set(_out ${CMAKE_CURRENT_BINARY_DIR}/fuzz_${name})
  add_custom_command(
    OUTPUT ${_out}
    COMMAND ${HIL_CLANGXX} ${HIL_FUZZ_FLAGS} -Wall -Wextra -Werror -Wno-unused-parameter
            -I${PROJECT_SOURCE_DIR}/core -I${PROJECT_SOURCE_DIR}/kit -I${_fuzz_dir} ${_fuzz_dir}/fuzz_${name}.cpp ${_core_abs} -o ${_out}
    DEPENDS ${_fuzz_dir}/fuzz_${name}.cpp ${_fuzz_dir}/fuzz_platform.h ${_core_abs}
    COMMENT "clang-14 libFuzzer: fuzz_${name}"
    VERBATIM)
  add_custom_target(fuzz_${name}_build ALL DEPENDS ${_out})
  # Seeds are regenerated; the working corpus (what the fuzzer adds) lives beside them.
  set(_seeds ${CMAKE_CURRENT_BINARY_DIR}/fuzz_seeds/${name})
  set(_work ${CMAKE_CURRENT_BINARY_DIR}/fuzz_corpus/${name})
  file(MAKE_DIRECTORY ${_seeds} ${_work})
  # Inputs that once crashed a fuzzer, kept in the repository and replayed first every run.
  set(_regressions "")
  if(EXISTS ${_fuzz_dir}/regressions/${name})
    set(_regressions ${_fuzz_dir}/regressions/${name})
  endif()
  add_test(NAME fuzz_${name}
           COMMAND ${_out} -runs=${HIL_FUZZ_RUNS} -max_total_time=${HIL_FUZZ_MAX_SECONDS} -seed=1 -max_len=4096
                   -print_final_stats=1 ${_work} ${_seeds} ${_regressions})
  set_tests_properties(fuzz_${name} PROPERTIES TIMEOUT 600 FIXTURES_REQUIRED fuzz_seeds)
endforeach()
add_test(NAME fuzz_make_seeds COMMAND hil_make_seeds ${CMAKE_CURRENT_BINARY_DIR}/fuzz_seeds/wire_frame
                                                     ${CMAKE_CURRENT_BINARY_DIR}/fuzz_seeds/method_dispatch)
set_tests_properties(fuzz_make_seeds PROPERTIES FIXTURES_SETUP fuzz_seeds)
