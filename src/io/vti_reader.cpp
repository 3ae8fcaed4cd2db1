#include "io/vti_reader.hpp"

#include <vtkCellData.h>
#include <vtkDataArray.h>
#include <vtkImageData.h>
#include <vtkNew.h>
#include <vtkPointData.h>
#include <vtkXMLImageDataReader.h>

#include <cerrno>
#include <cmath>
#include <system_error>

#include "io/atomic_file.hpp"
#include "io/vtk_error_capture.hpp"

namespace afsim::io {

namespace fs = std::filesystem;

namespace {

struct LoadedImage {
  vtkNew<vtkXMLImageDataReader> reader;
  vtkImageData* image = nullptr;
};

void load(const fs::path& path, LoadedImage& out) {
  std::error_code ec;
  if (!fs::exists(path, ec)) throw_io_error("cannot read VTK image", path, ENOENT);
  if (fs::is_directory(path, ec)) throw_io_error("cannot read VTK image", path, EISDIR);
  auto capture = detail::VtkErrorCapture::attach(out.reader);
  if (!out.reader->CanReadFile(path.c_str())) {
    throw IoError("'" + path.string() + "' is not a VTK XML ImageData (.vti) file");
  }
  out.reader->SetFileName(path.c_str());
  out.reader->Update();
  out.image = out.reader->GetOutput();
  if (capture->has_errors() || !out.image) {
    throw IoError("cannot read VTK image '" + path.string() + "': " +
                  (capture->has_errors() ? capture->errors() : std::string("reader produced no image")));
  }
}

std::string join_names(vtkDataSetAttributes* data) {
  std::string s;
  for (int i = 0; i < data->GetNumberOfArrays(); ++i) {
    const char* name = data->GetArrayName(i);
    if (!s.empty()) s += ", ";
    s += name ? name : "(unnamed)";
  }
  return s.empty() ? "none" : s;
}

}  // namespace

std::vector<std::string> list_vti_arrays(const fs::path& path) {
  LoadedImage loaded;
  load(path, loaded);
  std::vector<std::string> names;
  vtkCellData* cd = loaded.image->GetCellData();
  for (int i = 0; i < cd->GetNumberOfArrays(); ++i)
    names.emplace_back(cd->GetArrayName(i) ? cd->GetArrayName(i) : "");
  vtkPointData* pd = loaded.image->GetPointData();
  for (int i = 0; i < pd->GetNumberOfArrays(); ++i) {
    names.emplace_back(std::string("point:") + (pd->GetArrayName(i) ? pd->GetArrayName(i) : ""));
  }
  return names;
}

std::vector<double> read_vti_cell_array(const fs::path& path, const std::string& array_name,
                                        ImageGeometry& geometry_out) {
  LoadedImage loaded;
  load(path, loaded);
  vtkImageData* image = loaded.image;

  bool point_centred = false;
  vtkDataArray* array = image->GetCellData()->GetArray(array_name.c_str());
  if (!array) {
    array = image->GetPointData()->GetArray(array_name.c_str());
    point_centred = array != nullptr;
  }
  if (!array) {
    const bool any_abstract = image->GetCellData()->GetAbstractArray(array_name.c_str()) ||
                              image->GetPointData()->GetAbstractArray(array_name.c_str());
    if (any_abstract) {
      throw IoError("array '" + array_name + "' in '" + path.string() + "' is not numeric");
    }
    throw IoError("'" + path.string() + "' has no array '" + array_name + "'; cell arrays: " +
                  join_names(image->GetCellData()) + "; point arrays: " + join_names(image->GetPointData()));
  }
  if (array->GetNumberOfComponents() != 1) {
    throw IoError("array '" + array_name + "' in '" + path.string() + "' has " +
                  std::to_string(array->GetNumberOfComponents()) + " components, expected 1 (a scalar)");
  }

  int extent[6];
  image->GetExtent(extent);
  double spacing[3], origin[3];
  image->GetSpacing(spacing);
  image->GetOrigin(origin);

  int cells[3];
  double lower[3];
  for (int a = 0; a < 3; ++a) {
    const int points = extent[2 * a + 1] - extent[2 * a] + 1;
    const double first_point = origin[a] + extent[2 * a] * spacing[a];
    if (point_centred) {
      cells[a] = points;
      lower[a] = points > 1 ? first_point - 0.5 * spacing[a] : first_point;
    } else {
      cells[a] = points > 1 ? points - 1 : 1;
      lower[a] = first_point;
    }
  }
  // Spacing of flat axes does not matter; the others must agree.
  double h = 0.0;
  for (int a = 0; a < 3; ++a) {
    const bool flat = extent[2 * a + 1] == extent[2 * a];
    if (flat) continue;
    if (h == 0.0) {
      h = spacing[a];
    } else if (std::abs(spacing[a] - h) > 1e-9 * std::abs(h)) {
      throw IoError("'" + path.string() + "' has anisotropic spacing (" + std::to_string(spacing[0]) + ", " +
                    std::to_string(spacing[1]) + ", " + std::to_string(spacing[2]) +
                    "); afsim grids have one spacing");
    }
  }
  if (h == 0.0) h = spacing[0];
  if (!(h > 0.0)) throw IoError("'" + path.string() + "' has a non-positive spacing");

  geometry_out.nx = cells[0];
  geometry_out.ny = cells[1];
  geometry_out.nz = cells[2];
  geometry_out.spacing = h;
  geometry_out.origin = {lower[0], lower[1], lower[2]};

  const vtkIdType n = array->GetNumberOfTuples();
  if (n != static_cast<vtkIdType>(geometry_out.cell_count())) {
    throw IoError("array '" + array_name + "' in '" + path.string() + "' has " + std::to_string(n) +
                  " values, the image has " + std::to_string(geometry_out.cell_count()));
  }
  std::vector<double> values(static_cast<std::size_t>(n));
  for (vtkIdType i = 0; i < n; ++i) values[static_cast<std::size_t>(i)] = array->GetComponent(i, 0);
  return values;
}

}  // namespace afsim::io
