// The ParaView collection file (run.pvd) that turns the frames in fields/ into a time series with real
// physical time. Rewritten atomically on every add(), so a killed run always leaves a valid .pvd listing
// exactly the frames that were completely written.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

namespace afsim::io {

struct PvdEntry {
  double time_s = 0.0;
  std::string file;  // relative to the .pvd's directory, '/' separators (e.g. "fields/step_000012.vti")
};

class PvdCollection {
 public:
  // An empty collection that will be written to `pvd_path` (nothing is written until add()).
  explicit PvdCollection(std::filesystem::path pvd_path);

  // Re-opens an existing collection to append on resume; an absent file gives an empty collection.
  // Throws IoError when the file exists but is not a VTK Collection (message names the path).
  static PvdCollection open(const std::filesystem::path& pvd_path);

  // Appends a frame and rewrites the .pvd atomically. `file` may be relative to the .pvd's directory or
  // absolute (then made relative to it). Times must not decrease: std::invalid_argument otherwise.
  void add(double time_s, const std::filesystem::path& file);

  // Resume from a checkpoint at time t: forgets frames with time > t_s (written after the checkpoint and
  // about to be written again) and rewrites the .pvd. The frame files themselves are not touched.
  void drop_entries_after(double time_s);

  // Rewrites the .pvd atomically from the entries held (also valid when empty).
  void write() const;

  const std::vector<PvdEntry>& entries() const { return entries_; }
  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
  std::vector<PvdEntry> entries_;
};

// The text of a .pvd listing `entries` (times with 17 significant digits, file names XML-escaped).
std::string pvd_text(const std::vector<PvdEntry>& entries);

// Parses a .pvd (any VTKFile of type "Collection"): the DataSet entries in file order. Throws IoError.
std::vector<PvdEntry> read_pvd(const std::filesystem::path& pvd_path);

}  // namespace afsim::io
