# The installed suite: the model libraries (support, networks, results, roofline, reports) as
# the package roofline_suite with targets roof::support ... roof::reports, their headers under
# include/roofline_suite, and the five programs in bin. A consumer writes
#   find_package(roofline_suite 0.1 CONFIG REQUIRED)
#   target_link_libraries(app PRIVATE roof::roofline)
# and gets C++20 and the include path from the targets (tests/package/ builds such a consumer).
# The kernels and benchmark libraries stay inside: they carry the optional back ends (oneDNN,
# BLAS, CUDA) of the programs, which are installed instead.
include(GNUInstallDirs)
include(CMakePackageConfigHelpers)

set(ROOF_INSTALL_INCLUDEDIR "${CMAKE_INSTALL_INCLUDEDIR}/roofline_suite")
set(ROOF_INSTALL_CMAKEDIR "${CMAKE_INSTALL_LIBDIR}/cmake/roofline_suite")

# A model library's usage requirements: headers included as "<folder>/<file>.hpp" from the
# source tree in the build and from include/roofline_suite once installed, C++20 for whoever
# links it, and the name roof::<folder> in both.
function(roof_library_usage target folder)
  target_include_directories(${target} PUBLIC
    $<BUILD_INTERFACE:${PROJECT_SOURCE_DIR}>
    $<INSTALL_INTERFACE:${ROOF_INSTALL_INCLUDEDIR}>)
  target_compile_features(${target} PUBLIC cxx_std_20)
  set_target_properties(${target} PROPERTIES EXPORT_NAME ${folder})
  set_property(GLOBAL APPEND PROPERTY ROOF_INSTALLED_LIBRARIES ${target})
  install(DIRECTORY "${PROJECT_SOURCE_DIR}/${folder}/"
          DESTINATION "${ROOF_INSTALL_INCLUDEDIR}/${folder}" FILES_MATCHING PATTERN "*.hpp")
endfunction()

# After every folder is added: the export set, the config and version files, the programs.
function(roof_install_package)
  get_property(libraries GLOBAL PROPERTY ROOF_INSTALLED_LIBRARIES)
  # roof_warnings is linked privately (its flags never reach a consumer), but a static library
  # names it among what it links, so it travels in the export set as an empty interface.
  install(TARGETS ${libraries} roof_warnings EXPORT roofline_suite_targets
          ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR}
          LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR}
          INCLUDES DESTINATION ${ROOF_INSTALL_INCLUDEDIR})
  install(EXPORT roofline_suite_targets NAMESPACE roof:: DESTINATION ${ROOF_INSTALL_CMAKEDIR}
          FILE roofline_suite_targets.cmake)
  configure_package_config_file("${PROJECT_SOURCE_DIR}/cmake/roofline_suiteConfig.cmake.in"
    "${PROJECT_BINARY_DIR}/roofline_suiteConfig.cmake"
    INSTALL_DESTINATION ${ROOF_INSTALL_CMAKEDIR})
  # 0.x: a minor version may break the interface, so only the same minor version is compatible.
  write_basic_package_version_file("${PROJECT_BINARY_DIR}/roofline_suiteConfigVersion.cmake"
    COMPATIBILITY SameMinorVersion)
  install(FILES "${PROJECT_BINARY_DIR}/roofline_suiteConfig.cmake"
                "${PROJECT_BINARY_DIR}/roofline_suiteConfigVersion.cmake"
          DESTINATION ${ROOF_INSTALL_CMAKEDIR})
  foreach(program IN ITEMS roofline bench_roofs bench_layers bench_catalogue bench_comm)
    if(TARGET ${program})
      install(TARGETS ${program} RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
    endif()
  endforeach()
endfunction()
