// A directory of server binaries that claims another PostgreSQL version (or
// none), for the version-aware start-up tests: `postgres --version` prints
// the line the test chooses; everything else runs the installed server.
//
// initdb can be made to behave like a release without `--no-instructions`
// (12, 13): it refuses the option exactly as getopt does there, and runs
// the real initdb otherwise. pg_ctl is a symlink, so it (and the postgres it
// starts) resolve to the installed directory, whose version checks pass.
#pragma once

#include <sys/stat.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "runner/cluster/embedded_cluster.h"

namespace isocheck::runner::testing {

class FakeServerBinaries {
 public:
  // `dir` must exist and be traversable by the server's OS user.
  FakeServerBinaries(const std::filesystem::path& dir, const std::string& version_line,
                     bool initdb_lacks_no_instructions)
      : dir_(dir) {
    namespace fs = std::filesystem;
    fs::path real = find_server_binaries(std::nullopt);
    write_script("postgres", "if [ \"$1\" = --version ] || [ \"$1\" = -V ]; then echo '" +
                                 version_line + "'; exit 0; fi\nexec " +
                                 (real / "postgres").string() + " \"$@\"\n");
    std::string refuse =
        initdb_lacks_no_instructions
            ? "for a in \"$@\"; do if [ \"$a\" = --no-instructions ]; then\n"
              "  echo \"$0: unrecognized option '--no-instructions'\" >&2\n"
              "  echo 'Try \"initdb --help\" for more information.' >&2; exit 1; fi; done\n"
            : "";
    write_script("initdb", refuse + "exec " + (real / "initdb").string() + " \"$@\"\n");
    fs::create_symlink(real / "pg_ctl", dir_ / "pg_ctl");
  }
  const std::filesystem::path& dir() const { return dir_; }

 private:
  void write_script(const std::string& name, const std::string& body) {
    std::filesystem::path path = dir_ / name;
    std::ofstream(path) << "#!/bin/sh\n" << body;
    ::chmod(path.c_str(), 0755);
  }
  std::filesystem::path dir_;
};

}  // namespace isocheck::runner::testing
