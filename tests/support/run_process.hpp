// Runs a program as a child process (fork + execv, no shell) and captures its stdout, stderr and exit
// code: the CLI tests drive the real `afsim` binary this way.
#pragma once

#include <fcntl.h>
#include <poll.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <sstream>
#include <string>
#include <vector>

#include <sys/wait.h>

namespace afsim::test {

struct ProcessResult {
  int exit_code = -1;  // the exit status; 128 + N when killed by signal N; -1 when it could not start
  std::string out;     // everything written to stdout
  std::string err;     // everything written to stderr
};

// argv for execv: `program` then `args`, as C strings into `storage` (which must outlive the call).
inline std::vector<char*> argv_of(const std::string& program, const std::vector<std::string>& args,
                                  std::vector<std::string>& storage) {
  storage.clear();
  storage.reserve(args.size() + 1);
  storage.push_back(program);
  storage.insert(storage.end(), args.begin(), args.end());
  std::vector<char*> argv;
  for (std::string& s : storage) argv.push_back(s.data());
  argv.push_back(nullptr);
  return argv;
}

// Runs `program` with `args` (argv[1..]); stdin is /dev/null. Both pipes are drained concurrently, so a
// chatty child never blocks on a full pipe.
inline ProcessResult run_process(const std::string& program, const std::vector<std::string>& args) {
  ProcessResult r;
  int out_pipe[2], err_pipe[2];
  if (::pipe(out_pipe) != 0) return r;
  if (::pipe(err_pipe) != 0) {
    ::close(out_pipe[0]);
    ::close(out_pipe[1]);
    return r;
  }
  std::vector<std::string> storage;
  std::vector<char*> argv = argv_of(program, args, storage);

  const pid_t pid = ::fork();
  if (pid < 0) {
    for (int fd : {out_pipe[0], out_pipe[1], err_pipe[0], err_pipe[1]}) ::close(fd);
    return r;
  }
  if (pid == 0) {
    const int devnull = ::open("/dev/null", O_RDONLY);
    if (devnull >= 0) ::dup2(devnull, STDIN_FILENO);
    ::dup2(out_pipe[1], STDOUT_FILENO);
    ::dup2(err_pipe[1], STDERR_FILENO);
    for (int fd : {out_pipe[0], out_pipe[1], err_pipe[0], err_pipe[1]}) ::close(fd);
    ::execv(program.c_str(), argv.data());
    _exit(127);
  }
  ::close(out_pipe[1]);
  ::close(err_pipe[1]);

  pollfd fds[2] = {{out_pipe[0], POLLIN, 0}, {err_pipe[0], POLLIN, 0}};
  std::string* sinks[2] = {&r.out, &r.err};
  int open_fds = 2;
  char buf[4096];
  while (open_fds > 0) {
    if (::poll(fds, 2, -1) < 0) {
      if (errno == EINTR) continue;
      break;
    }
    for (int i = 0; i < 2; ++i) {
      if (fds[i].fd < 0 || fds[i].revents == 0) continue;
      const ssize_t n = ::read(fds[i].fd, buf, sizeof buf);
      if (n > 0) {
        sinks[i]->append(buf, static_cast<size_t>(n));
      } else if (n == 0 || errno != EINTR) {
        ::close(fds[i].fd);
        fds[i].fd = -1;  // poll ignores negative descriptors
        --open_fds;
      }
    }
  }
  for (const pollfd& p : fds)
    if (p.fd >= 0) ::close(p.fd);

  int status = 0;
  while (::waitpid(pid, &status, 0) < 0) {
    if (errno != EINTR) return r;
  }
  if (WIFEXITED(status)) r.exit_code = WEXITSTATUS(status);
  if (WIFSIGNALED(status)) r.exit_code = 128 + WTERMSIG(status);
  return r;
}

// Runs the afsim binary under test (AFSIM_BINARY, set by tests/CMakeLists.txt).
inline ProcessResult run_afsim(const std::vector<std::string>& args) {
  return run_process(AFSIM_BINARY, args);
}

// The exit code and both outputs, for a failing assertion's message.
inline std::string describe(const ProcessResult& r) {
  return "exit " + std::to_string(r.exit_code) + "\n--- stdout ---\n" + r.out + "\n--- stderr ---\n" + r.err;
}

inline std::string read_text(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// afsim started in the background (fork + execv), its stdout and stderr going to stdout.txt and stderr.txt
// in `dir`; `in_child` runs in the child before the exec (a resource limit, say).
inline pid_t start_afsim(const std::vector<std::string>& args, const std::filesystem::path& dir,
                         const std::function<void()>& in_child = {}) {
  std::vector<std::string> storage;
  std::vector<char*> argv = argv_of(AFSIM_BINARY, args, storage);
  const std::string out = (dir / "stdout.txt").string(), err = (dir / "stderr.txt").string();
  const pid_t pid = ::fork();
  if (pid == 0) {
    const int o = ::open(out.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    const int e = ::open(err.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    ::dup2(o, STDOUT_FILENO);
    ::dup2(e, STDERR_FILENO);
    if (in_child) in_child();
    ::execv(storage[0].c_str(), argv.data());
    ::_exit(127);
  }
  return pid;
}

// The exit code of a started child, or 128 + N when it was killed by signal N.
inline int wait_exit(pid_t pid) {
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0) {
    if (errno != EINTR) return -1;
  }
  return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

// afsim run to the end with its outputs in files of `dir` (see start_afsim).
inline ProcessResult run_afsim_in(const std::vector<std::string>& args, const std::filesystem::path& dir,
                                  const std::function<void()>& in_child = {}) {
  ProcessResult r;
  r.exit_code = wait_exit(start_afsim(args, dir, in_child));
  r.out = read_text(dir / "stdout.txt");
  r.err = read_text(dir / "stderr.txt");
  return r;
}

}  // namespace afsim::test
