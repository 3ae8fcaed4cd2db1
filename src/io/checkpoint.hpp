// checkpoint.h5 (DESIGN.md §6): everything a run needs to continue, in one HDF5 file.
//
// The file layer knows nothing about the simulation: a checkpoint is a bag of named values that the
// driver (src/simulation/run_state.*) fills and reads back. Layout:
//   /                 attributes format (int), afsim_version, deck_hash, backend, status (strings)
//   /deck             string dataset: the physics part of the deck echo (JSON) that deck_hash hashes
//   /scalars          one double attribute per named real
//   /integers         one int64 attribute per named integer
//   /arrays/NAME      1-D double datasets (e.g. the per-cycle charges)
//   /fields/NAME      3-D double datasets [sz][sy][sx]: whole field storage, ghost cells included
// Doubles are stored bit for bit (native double), so a restart sees exactly the numbers that were saved.
//
// write_checkpoint builds the file in memory (HDF5 core driver), then writes it to a temporary beside the
// target, fsyncs it and renames it over the target (io::write_file_atomically): a run killed at any instant
// leaves the previous checkpoint readable, and a failing disk is reported with the path and errno.
#pragma once

#include <array>
#include <filesystem>
#include <map>
#include <string>
#include <vector>

namespace afsim::io {

struct CheckpointField {
  std::array<long long, 3> dims{};  // sz, sy, sx (slowest first)
  std::vector<double> values;       // dims[0] * dims[1] * dims[2] values, x fastest
};

// The checkpoint format this build writes and reads (2: throughput, short time, salt retries, the
// engine's previous step).
constexpr int kCheckpointFormat = 2;

struct Checkpoint {
  int format = kCheckpointFormat;
  std::string afsim_version;
  std::string deck_hash;
  std::string deck_json;
  std::string backend;
  std::string status;  // "running" for a checkpoint taken during the run, else the final status
  std::map<std::string, double> reals;
  std::map<std::string, long long> integers;
  std::map<std::string, std::vector<double>> arrays;
  std::map<std::string, CheckpointField> fields;

  // Lookups that throw IoError("checkpoint ... has no <kind> '<name>'") when absent.
  double real(const std::string& name) const;
  long long integer(const std::string& name) const;
  const std::vector<double>& array(const std::string& name) const;
  const CheckpointField& field(const std::string& name) const;
  std::filesystem::path source;  // the file it was read from (for messages); empty when built in memory
};

// Writes `c` to `path` atomically (temporary + fsync + rename). Throws IoError naming the path and the
// system error (errno) when the write fails; the previous file at `path` is then untouched.
void write_checkpoint(const std::filesystem::path& path, const Checkpoint& c);

// Reads a checkpoint. Throws IoError naming the path when the file is missing, not HDF5, not an afsim
// checkpoint or of another format version.
Checkpoint read_checkpoint(const std::filesystem::path& path);

}  // namespace afsim::io
