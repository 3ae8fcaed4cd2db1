#include "io/atomic_file.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <system_error>

namespace afsim::io {

namespace fs = std::filesystem;

namespace {

// The directory holding `p` ("." for a bare file name).
fs::path parent_dir(const fs::path& p) {
  fs::path parent = p.parent_path();
  return parent.empty() ? fs::path(".") : parent;
}

void remove_quietly(const fs::path& p) {
  std::error_code ignored;
  fs::remove(p, ignored);
}

// Closes fd; keeps the first errno.
int close_keep_errno(int fd, int err) {
  if (::close(fd) != 0 && err == 0) return errno;
  return err;
}

}  // namespace

void throw_io_error(const std::string& what, const fs::path& path, int errnum) {
  throw IoError(what + " '" + path.string() + "': " + std::strerror(errnum));
}

fs::path temporary_path_for(const fs::path& target) {
  if (!target.has_filename()) throw IoError("cannot write '" + target.string() + "': not a file name");
  return parent_dir(target) /
         ("." + target.filename().string() + ".tmp." + std::to_string(static_cast<long long>(::getpid())));
}

void fsync_directory(const fs::path& dir) {
  const int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) throw_io_error("cannot open directory", dir, errno);
  int err = 0;
  // EINVAL: the file system does not support fsync on directories; nothing more can be done there.
  if (::fsync(fd) != 0 && errno != EINVAL) err = errno;
  err = close_keep_errno(fd, err);
  if (err != 0) throw_io_error("cannot fsync directory", dir, err);
}

void probe_writable(const fs::path& tmp) {
  const int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0666);
  if (fd < 0) throw_io_error("cannot create file", tmp, errno);
  ::close(fd);
}

void write_file_atomically(const fs::path& target, const std::string& content) {
  const fs::path tmp = temporary_path_for(target);
  const int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0666);
  if (fd < 0) throw_io_error("cannot create temporary for", target, errno);

  int err = 0;
  const char* p = content.data();
  std::size_t left = content.size();
  while (left > 0 && err == 0) {
    const ssize_t n = ::write(fd, p, left);
    if (n < 0) {
      if (errno != EINTR) err = errno;
      continue;
    }
    p += n;
    left -= static_cast<std::size_t>(n);
  }
  if (err == 0 && ::fsync(fd) != 0) err = errno;
  err = close_keep_errno(fd, err);
  if (err != 0) {
    remove_quietly(tmp);
    throw_io_error("cannot write", target, err);
  }
  if (::rename(tmp.c_str(), target.c_str()) != 0) {
    err = errno;
    remove_quietly(tmp);
    throw_io_error("cannot replace", target, err);
  }
  fsync_directory(parent_dir(target));
}

void commit_temporary(const fs::path& tmp, const fs::path& target) {
  const int fd = ::open(tmp.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    const int err = errno;
    remove_quietly(tmp);
    throw_io_error("cannot open temporary", tmp, err);
  }
  int err = 0;
  if (::fsync(fd) != 0) err = errno;
  err = close_keep_errno(fd, err);
  if (err != 0) {
    remove_quietly(tmp);
    throw_io_error("cannot flush", tmp, err);
  }
  if (::rename(tmp.c_str(), target.c_str()) != 0) {
    err = errno;
    remove_quietly(tmp);
    throw_io_error("cannot replace", target, err);
  }
  fsync_directory(parent_dir(target));
}

}  // namespace afsim::io
