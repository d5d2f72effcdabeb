# Helpers shared by every stage's CMakeLists.txt.

# rasd_test(NAME SOURCES... LIBS ...): one GoogleTest binary registered with CTest.
# Tests run from the source tree so they can read testdata/ and examples/.
function(rasd_test name)
  if(NOT RASD_BUILD_TESTS)
    return()
  endif()
  cmake_parse_arguments(T "" "" "SOURCES;LIBS" ${ARGN})
  add_executable(${name} ${T_SOURCES})
  target_link_libraries(${name} PRIVATE ${T_LIBS} GTest::gtest GTest::gtest_main)
  target_compile_definitions(${name} PRIVATE
    RASD_SOURCE_DIR="${PROJECT_SOURCE_DIR}"
    RASD_BINARY="$<TARGET_FILE_DIR:rasd>/rasd")
  gtest_discover_tests(${name} WORKING_DIRECTORY ${PROJECT_SOURCE_DIR}
                       DISCOVERY_TIMEOUT 60 PROPERTIES TIMEOUT 300)
endfunction()

# rasd_stage(NAME DEPS libs... [EXTRA_LIBS libs...]): the library rasd_NAME from the stage
# folder's *.cc files (tests and benchmarks excluded) and the CTest target NAME_test from its
# *_test.cc files. A stage depends only on core and earlier stages (STYLE.md).
function(rasd_stage name)
  cmake_parse_arguments(S "" "" "DEPS;EXTRA_LIBS" ${ARGN})
  file(GLOB sources CONFIGURE_DEPENDS ${CMAKE_CURRENT_SOURCE_DIR}/*.cc)
  file(GLOB tests CONFIGURE_DEPENDS ${CMAKE_CURRENT_SOURCE_DIR}/*_test.cc)
  file(GLOB benches CONFIGURE_DEPENDS ${CMAKE_CURRENT_SOURCE_DIR}/*_bench.cc)
  if(tests)
    list(REMOVE_ITEM sources ${tests})
  endif()
  if(benches)
    list(REMOVE_ITEM sources ${benches})
  endif()
  if(NOT sources)
    # A stage whose sources are not written yet is header-only until they are.
    add_library(rasd_${name} INTERFACE)
    target_include_directories(rasd_${name} INTERFACE ${PROJECT_SOURCE_DIR}/src)
    target_link_libraries(rasd_${name} INTERFACE rasd_core ${S_DEPS})
    return()
  endif()
  add_library(rasd_${name} STATIC ${sources})
  target_include_directories(rasd_${name} PUBLIC ${PROJECT_SOURCE_DIR}/src)
  target_link_libraries(rasd_${name} PUBLIC rasd_core ${S_DEPS} PRIVATE ${S_EXTRA_LIBS})
  if(tests)
    rasd_test(${name}_test SOURCES ${tests} LIBS rasd_${name} ${S_EXTRA_LIBS})
  endif()
endfunction()

# rasd_embed(TARGET SYMBOL FILE): links FILE's bytes into TARGET as the read-only symbols
# SYMBOL_begin and SYMBOL_end (a NUL byte follows the end), rebuilt when FILE changes. For data
# made at build time (the expanded Hunspell dictionary, the GeoNames places).
function(rasd_embed target symbol file)
  set(asm ${CMAKE_CURRENT_BINARY_DIR}/${symbol}.S)
  file(CONFIGURE OUTPUT ${asm} CONTENT
"  .section .rodata
  .global ${symbol}_begin
  .global ${symbol}_end
  .balign 16
${symbol}_begin:
  .incbin \"${file}\"
${symbol}_end:
  .byte 0
  .section .note.GNU-stack,\"\",@progbits
")
  set_source_files_properties(${asm} PROPERTIES OBJECT_DEPENDS ${file})
  target_sources(${target} PRIVATE ${asm} ${file})
endfunction()
