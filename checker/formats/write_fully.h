// write_fully: hands a whole buffer to the kernel, retrying short writes and
// EINTR — the one write loop behind every history file writer. Throws
// std::runtime_error naming `path` and errno's text on failure.
#pragma once

#include <cstddef>
#include <string>

namespace isocheck {

void write_fully(int fd, const char* data, size_t size, const std::string& path);

}  // namespace isocheck
