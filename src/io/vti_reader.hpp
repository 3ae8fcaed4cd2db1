// Reads one array of a VTK XML ImageData file (.vti) back into interior-cell order, e.g. an initial
// condition given as `initial: {file: seeds.vti}` or a field of a previous run.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "io/vtk_writer.hpp"

namespace afsim::io {

// Returns the values of the scalar array `array_name`, x fastest, then y, then z, and fills
// `geometry_out` (cells per axis, spacing, origin = lower corner of cell (0,0,0), all in file units —
// metres for afsim's own files).
//
// Where the array is looked for, in this order:
//  * cell data: one value per cell, as written by write_vti. Point extent n + 1 gives n cells; a flat
//    axis (one point) counts as one cell.
//  * point data: each point is taken as the CENTRE of a cell (the usual "voxel image" made by numpy /
//    pyvista / ImageJ), so n points give n cells and the returned origin is the first point minus half a
//    spacing on every axis with more than one point. Values are not averaged or interpolated.
// Integer and float arrays are converted to double.
//
// Throws IoError naming the file for: a missing file, a file that is not VTK XML ImageData, a read
// error, an array that is absent (the message lists the cell and point arrays present), an array with
// more than one component, and anisotropic spacing (afsim grids are isotropic).
std::vector<double> read_vti_cell_array(const std::filesystem::path& path, const std::string& array_name,
                                        ImageGeometry& geometry_out);

// The names of the cell-data arrays of a .vti (then the point-data arrays, prefixed "point:").
std::vector<std::string> list_vti_arrays(const std::filesystem::path& path);

}  // namespace afsim::io
