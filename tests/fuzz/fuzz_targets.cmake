# Included by the top-level CMakeLists.txt when ISOCHECK_FUZZ=ON: builds one
# libFuzzer target per history loader, and nothing else (see
# tests/fuzz/README.md and scripts/fuzz.sh). Needs clang; every object,
# isocheck_proto included, is instrumented with ASan+UBSan and libFuzzer's
# coverage hooks by the options set in CMakeLists.txt.
if(NOT CMAKE_CXX_COMPILER_ID STREQUAL "Clang")
  message(FATAL_ERROR "ISOCHECK_FUZZ=ON needs clang (CXX=clang++), found ${CMAKE_CXX_COMPILER_ID}")
endif()

# The loaders need only the history model and the formats, not the analysis.
file(GLOB FUZZ_LOADER_SRCS CONFIGURE_DEPENDS checker/formats/*.cpp checker/history/*.cpp)
add_library(isocheck_loaders STATIC ${FUZZ_LOADER_SRCS} tests/fuzz/fuzz_load.cpp)
target_include_directories(isocheck_loaders PUBLIC ${CMAKE_CURRENT_SOURCE_DIR})
target_link_libraries(isocheck_loaders PUBLIC isocheck_proto fmt::fmt nlohmann_json::nlohmann_json
                      Boost::boost)
target_compile_definitions(isocheck_loaders PUBLIC ISOCHECK_VERSION="${PROJECT_VERSION}")

foreach(loader protobuf jsonl edn)
  add_executable(fuzz_${loader}_loader tests/fuzz/fuzz_${loader}_loader.cpp)
  target_link_libraries(fuzz_${loader}_loader PRIVATE isocheck_loaders)
  target_link_options(fuzz_${loader}_loader PRIVATE -fsanitize=fuzzer)
endforeach()
