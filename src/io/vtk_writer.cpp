#include "io/vtk_writer.hpp"

#include <vtkCellData.h>
#include <vtkDoubleArray.h>
#include <vtkFieldData.h>
#include <vtkImageData.h>
#include <vtkNew.h>
#include <vtkXMLImageDataWriter.h>

#include <algorithm>
#include <cmath>
#include <set>
#include <stdexcept>
#include <system_error>

#include "io/atomic_file.hpp"
#include "io/vtk_error_capture.hpp"

namespace afsim::io {

namespace fs = std::filesystem;

namespace {

void check_geometry(const ImageGeometry& g) {
  if (g.nx < 1 || g.ny < 1 || g.nz < 1) {
    throw std::invalid_argument("write_vti: grid must have at least one cell per axis, got " +
                                std::to_string(g.nx) + " x " + std::to_string(g.ny) + " x " +
                                std::to_string(g.nz));
  }
  if (!(g.spacing > 0.0) || !std::isfinite(g.spacing)) {
    throw std::invalid_argument("write_vti: spacing must be a positive length in metres, got " +
                                std::to_string(g.spacing));
  }
  for (double o : g.origin) {
    if (!std::isfinite(o)) throw std::invalid_argument("write_vti: origin must be finite");
  }
}

void check_field(const std::string& name, std::size_t count, const ImageGeometry& g,
                 std::set<std::string>& seen) {
  if (name.empty()) throw std::invalid_argument("write_vti: a field has an empty name");
  if (!seen.insert(name).second) throw std::invalid_argument("write_vti: field '" + name + "' given twice");
  if (static_cast<long long>(count) != g.cell_count()) {
    throw std::invalid_argument("write_vti: field '" + name + "' has " + std::to_string(count) +
                                " values, the grid has " + std::to_string(g.cell_count()) + " cells");
  }
}

// Points along an axis of n cells: n + 1, or 1 for a flat axis (n == 1).
int point_extent(int cells) { return cells > 1 ? cells : 0; }

}  // namespace

void write_vti(const fs::path& path, const ImageGeometry& geometry, const std::vector<HostField>& scalars,
               const std::vector<HostVectorField>& vectors, const VtiOptions& options) {
  check_geometry(geometry);
  std::set<std::string> seen;
  for (const HostField& f : scalars) check_field(f.name, f.values.size(), geometry, seen);
  for (const HostVectorField& f : vectors) check_field(f.name, f.values.size(), geometry, seen);

  vtkNew<vtkImageData> image;
  image->SetExtent(0, point_extent(geometry.nx), 0, point_extent(geometry.ny), 0, point_extent(geometry.nz));
  image->SetSpacing(geometry.spacing, geometry.spacing, geometry.spacing);
  image->SetOrigin(geometry.origin[0], geometry.origin[1], geometry.origin[2]);
  if (image->GetNumberOfCells() != geometry.cell_count()) {
    throw std::logic_error("write_vti: ImageData cell count does not match the grid");  // cannot happen
  }

  const vtkIdType n = static_cast<vtkIdType>(geometry.cell_count());
  for (const HostField& f : scalars) {
    vtkNew<vtkDoubleArray> array;
    array->SetName(f.name.c_str());
    array->SetNumberOfComponents(1);
    array->SetNumberOfTuples(n);
    double* dst = array->GetPointer(0);
    std::copy(f.values.begin(), f.values.end(), dst);
    image->GetCellData()->AddArray(array);
  }
  for (const HostVectorField& f : vectors) {
    vtkNew<vtkDoubleArray> array;
    array->SetName(f.name.c_str());
    array->SetNumberOfComponents(3);
    array->SetNumberOfTuples(n);
    double* dst = array->GetPointer(0);
    for (const auto& v : f.values) {
      *dst++ = v[0];
      *dst++ = v[1];
      *dst++ = v[2];
    }
    image->GetCellData()->AddArray(array);
  }
  if (!scalars.empty()) image->GetCellData()->SetActiveScalars(scalars.front().name.c_str());
  if (!vectors.empty()) image->GetCellData()->SetActiveVectors(vectors.front().name.c_str());
  if (options.time_s) {
    vtkNew<vtkDoubleArray> time;
    time->SetName("TimeValue");
    time->SetNumberOfTuples(1);
    time->SetValue(0, *options.time_s);
    image->GetFieldData()->AddArray(time);
  }

  const fs::path tmp = temporary_path_for(path);
  probe_writable(tmp);  // a clear "cannot create file '…': Permission denied" instead of VTK's text

  vtkNew<vtkXMLImageDataWriter> writer;
  auto capture = detail::VtkErrorCapture::attach(writer);
  writer->SetInputData(image);
  writer->SetFileName(tmp.c_str());
  writer->SetDataModeToAppended();
  writer->EncodeAppendedDataOff();  // raw binary, not base64
  writer->SetCompressorTypeToZLib();
  writer->SetCompressionLevel(options.compression_level);
  writer->SetHeaderTypeToUInt64();  // blocks above 4 GiB stay representable
  const int ok = writer->Write();
  if (ok != 1 || capture->has_errors()) {
    std::error_code ignored;
    fs::remove(tmp, ignored);
    throw IoError("cannot write VTK image '" + path.string() + "': " +
                  (capture->has_errors() ? capture->errors() : std::string("vtkXMLImageDataWriter failed")));
  }
  commit_temporary(tmp, path);
}

}  // namespace afsim::io
