// Atomic file replacement: write a temporary file beside the target, flush + fsync it, rename it over
// the target, fsync the directory. A reader (or a run killed half-way) sees the old file or the new one,
// never a torn one. Host-only, POSIX.
#pragma once

#include <filesystem>
#include <stdexcept>
#include <string>

namespace afsim::io {

// Every failure of the output layer. The message names the path and, for system errors, strerror(errno).
class IoError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Throws IoError("<what> '<path>': <strerror(errnum)>").
[[noreturn]] void throw_io_error(const std::string& what, const std::filesystem::path& path, int errnum);

// The temporary used for `target`: same directory, name ".<filename>.tmp.<pid>".
std::filesystem::path temporary_path_for(const std::filesystem::path& target);

// Replaces `target` with `content` atomically. On failure the previous file (if any) is left intact, the
// temporary is removed and IoError is thrown.
void write_file_atomically(const std::filesystem::path& target, const std::string& content);

// For writers that produce the file themselves (VTK, HDF5): fsyncs the finished temporary `tmp`, renames it
// over `target` (same file system: same directory) and fsyncs the directory. On failure `tmp` is removed
// and IoError is thrown; `target` is untouched.
void commit_temporary(const std::filesystem::path& tmp, const std::filesystem::path& target);

// Creates (or truncates) `tmp` for writing and closes it again, so that a writer which only reports
// "cannot open" (VTK) fails early here with strerror(errno) and the path in the message.
void probe_writable(const std::filesystem::path& tmp);

// fsync of a directory (makes a rename or a new file in it durable). Throws IoError.
void fsync_directory(const std::filesystem::path& dir);

}  // namespace afsim::io
