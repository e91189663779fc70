// ClusterError: why a throwaway server (or a tool run for it) could not be
// started or controlled. what() is one line, fit for the user as is.
#pragma once

#include <stdexcept>

namespace isocheck::runner {

class ClusterError : public std::runtime_error {
  using std::runtime_error::runtime_error;
};

}  // namespace isocheck::runner
