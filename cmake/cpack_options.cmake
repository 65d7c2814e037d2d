# CPack's settings per generator (CPACK_PROJECT_CONFIG_FILE, read when cpack runs): the tarball
# holds bin/, lib/ and share/ at its top folder; the Debian package puts them under /usr.
if(CPACK_GENERATOR STREQUAL "TGZ")
  set(CPACK_PACKAGING_INSTALL_PREFIX "/")
endif()
