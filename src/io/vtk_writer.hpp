// Field snapshots for ParaView: VTK XML ImageData (.vti), cell data, appended raw binary, zlib-compressed,
// written with VTK's own vtkXMLImageDataWriter and replaced atomically (DESIGN §6).
#pragma once

#include <array>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace afsim::io {

// A uniform Cartesian grid of nx × ny × nz cells (2-D runs: nz = 1). `spacing` is the cell edge in metres
// (isotropic); `origin` is the lower corner of cell (0,0,0) in metres, so cell (i,j,k) spans
// origin + [i, i+1] × spacing along x, and so on.
//
// In the file an axis with more than one cell has n + 1 points; an axis with exactly one cell is written
// flat (one point layer), so a 2-D run is a true 2-D ImageData (pixels) that ParaView shows as a plane.
struct ImageGeometry {
  int nx = 1, ny = 1, nz = 1;
  double spacing = 1.0;
  std::array<double, 3> origin{};

  long long cell_count() const {
    return static_cast<long long>(nx) * static_cast<long long>(ny) * static_cast<long long>(nz);
  }
};

// One scalar per interior cell, x fastest, then y, then z: values[i + nx*(j + ny*k)].
struct HostField {
  std::string name;
  std::vector<double> values;
};

// Three components (x, y, z) per interior cell, same ordering (e.g. current_density in A/m²).
// For 2-D runs the z component is simply 0.
struct HostVectorField {
  std::string name;
  std::vector<std::array<double, 3>> values;
};

struct VtiOptions {
  // Also stored as the "TimeValue" field-data array (ParaView shows it for a lone .vti); the .pvd is what
  // carries time for a series.
  std::optional<double> time_s;
  // zlib level 1 (fast) … 9 (small). Level 1 already removes most of the redundancy of smooth fields.
  int compression_level = 5;
};

// Writes `scalars` and `vectors` as cell data of one ImageData to `path` (atomically: VTK writes
// ".<name>.tmp.<pid>" beside it, which is then fsynced and renamed over `path`). The first scalar field
// and the first vector field become the active ones (ParaView colours by them on open).
// Throws std::invalid_argument for a bad geometry, a value count that is not nx*ny*nz, an empty or
// repeated name; IoError when the file cannot be written (the previous file is left intact).
void write_vti(const std::filesystem::path& path, const ImageGeometry& geometry,
               const std::vector<HostField>& scalars, const std::vector<HostVectorField>& vectors = {},
               const VtiOptions& options = {});

}  // namespace afsim::io
