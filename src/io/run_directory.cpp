#include "io/run_directory.hpp"

#include <cerrno>
#include <cstdio>
#include <stdexcept>
#include <system_error>

#include "io/atomic_file.hpp"

namespace afsim::io {

namespace fs = std::filesystem;

RunPaths run_paths(const fs::path& dir) {
  RunPaths p;
  p.root = dir;
  p.fields = dir / "fields";
  p.pvd = dir / "run.pvd";
  p.timeseries_csv = dir / "timeseries.csv";
  p.timeseries_h5 = dir / "timeseries.h5";
  p.summary_json = dir / "summary.json";
  p.checkpoint_h5 = dir / "checkpoint.h5";
  return p;
}

RunPaths create_run_directory(const fs::path& dir) {
  const RunPaths p = run_paths(dir);
  for (const fs::path& d : {p.root, p.fields}) {
    std::error_code ec;
    fs::create_directories(d, ec);
    if (ec) throw IoError("cannot create output directory '" + d.string() + "': " + ec.message());
    if (!fs::is_directory(d, ec)) throw_io_error("cannot create output directory", d, ENOTDIR);
  }
  return p;
}

std::string frame_file_name(long long frame) {
  if (frame < 0) throw std::invalid_argument("frame_file_name: negative frame " + std::to_string(frame));
  char buf[48];
  std::snprintf(buf, sizeof buf, "step_%06lld.vti", frame);
  return buf;
}

fs::path frame_relative_path(long long frame) {
  return fs::path("fields") / frame_file_name(frame);
}

bool holds_run_outputs(const fs::path& dir) {
  const RunPaths p = run_paths(dir);
  std::error_code ec;
  return fs::exists(p.pvd, ec) || fs::exists(p.summary_json, ec) || fs::exists(p.timeseries_csv, ec);
}

bool same_directory(const fs::path& a, const fs::path& b) {
  std::error_code ec;
  if (fs::exists(a, ec) && fs::exists(b, ec)) return fs::equivalent(a, b, ec);
  return fs::weakly_canonical(a, ec) == fs::weakly_canonical(b, ec);
}

namespace {

void remove_file(const fs::path& p) {
  std::error_code ec;
  fs::remove(p, ec);
  if (ec) throw IoError("cannot remove '" + p.string() + "': " + ec.message());
}

}  // namespace

void remove_run_outputs(const RunPaths& p) {
  for (const fs::path& f : {p.pvd, p.timeseries_csv, p.timeseries_h5, p.summary_json, p.checkpoint_h5})
    remove_file(f);
  std::error_code ec;
  if (!fs::is_directory(p.fields, ec)) return;
  for (const fs::directory_entry& e : fs::directory_iterator(p.fields, ec)) {
    const std::string name = e.path().filename().string();
    if (name.rfind("step_", 0) == 0 && e.path().extension() == ".vti") remove_file(e.path());
  }
}

}  // namespace afsim::io
