# The DriverKit glue (driverkit/*.cpp) compiled against host declarations of the DriverKit and
# HIDDriverKit API (driverkit-host/include, each checked against Apple's .iig; see README.md).
# Compile only: nothing links or runs. Needs clang (blocks, as Apple's clang has them) and
# Python 3 (driverkit-host/iig.py, our stand-in for Apple's iig).
find_program(HIL_DRIVERKIT_CLANGXX NAMES clang++-14 clang++)
find_package(Python3 COMPONENTS Interpreter)
if(NOT HIL_DRIVERKIT_CLANGXX OR NOT Python3_Interpreter_FOUND)
  message(WARNING "HIL_DRIVERKIT_CHECK: needs clang++ (apt: clang-14) and python3; "
                  "configuring without the driverkit_* tests")
  return()
endif()

set(HIL_DK_HOST ${CMAKE_CURRENT_LIST_DIR}/include)
set(HIL_DK_IIG ${CMAKE_CURRENT_LIST_DIR}/iig.py)
set(HIL_DK_GEN ${CMAKE_BINARY_DIR}/driverkit-gen)
file(GLOB HIL_DK_HOST_HEADERS CONFIGURE_DEPENDS ${HIL_DK_HOST}/*/*.h)
file(GLOB HIL_DK_IIGS CONFIGURE_DEPENDS ${PROJECT_SOURCE_DIR}/driverkit/*.iig)
file(GLOB HIL_DK_GLUE CONFIGURE_DEPENDS ${PROJECT_SOURCE_DIR}/driverkit/*.cpp)

set(HIL_DK_GENERATED)
foreach(iig ${HIL_DK_IIGS})
  get_filename_component(name ${iig} NAME_WE)
  add_custom_command(
    OUTPUT ${HIL_DK_GEN}/${name}.h
    COMMAND Python3::Interpreter ${HIL_DK_IIG} ${iig} ${HIL_DK_GEN}/${name}.h ${HIL_DK_HOST}
    DEPENDS ${iig} ${HIL_DK_IIG} ${HIL_DK_HOST_HEADERS}
    COMMENT "iig (host) ${name}.iig"
    VERBATIM)
  list(APPEND HIL_DK_GENERATED ${HIL_DK_GEN}/${name}.h)
endforeach()
add_custom_target(driverkit_iig_headers ALL DEPENDS ${HIL_DK_GENERATED})

# -fblocks: IODispatchQueue::DispatchAsync takes a block. -fsyntax-only: every error in
# the glue, no object file to link.
set(HIL_DK_FLAGS -std=c++17 -fblocks -fsyntax-only -Wall -Wextra -Werror -Wshadow
    -I${HIL_DK_GEN} -I${HIL_DK_HOST} -I${PROJECT_SOURCE_DIR}/core -I${PROJECT_SOURCE_DIR}/kit -I${PROJECT_SOURCE_DIR}/driverkit)
foreach(cpp ${HIL_DK_GLUE})
  get_filename_component(name ${cpp} NAME_WE)
  add_test(NAME driverkit_glue_compiles_${name} COMMAND ${HIL_DRIVERKIT_CLANGXX} ${HIL_DK_FLAGS} ${cpp})
endforeach()

# The check's teeth, kept: a wrong DriverKit call must fail to compile, and grammar the host
# iig does not understand must stop it. Matched on the message, so an unrelated failure
# (a missing header) does not pass for the expected one.
add_test(NAME driverkit_check_rejects_wrong_call
         COMMAND ${HIL_DRIVERKIT_CLANGXX} ${HIL_DK_FLAGS} ${CMAKE_CURRENT_LIST_DIR}/tests/wrong_call.cpp)
set_tests_properties(driverkit_check_rejects_wrong_call PROPERTIES
  PASS_REGULAR_EXPRESSION "too few arguments to function call, expected 4, have 3")
add_test(NAME driverkit_iig_rejects_unknown
         COMMAND Python3::Interpreter ${HIL_DK_IIG} ${CMAKE_CURRENT_LIST_DIR}/tests/unknown.iig
                 ${CMAKE_BINARY_DIR}/driverkit-gen-rejected/Unknown.h ${HIL_DK_HOST})
set_tests_properties(driverkit_iig_rejects_unknown PROPERTIES
  PASS_REGULAR_EXPRESSION "unknown.iig:9: not a method declaration this iig understands")
