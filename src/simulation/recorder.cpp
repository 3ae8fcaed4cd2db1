#include "simulation/recorder.hpp"

#include <algorithm>
#include <stdexcept>
#include <variant>

#include "io/summary.hpp"
#include "io/timeseries_h5.hpp"
#include "io/vtk_writer.hpp"

namespace afsim {

Recorder::Recorder(const std::filesystem::path& dir, const Grid& grid, std::vector<std::string> fields,
                   const std::optional<RecorderResume>& resume)
    : paths_(io::create_run_directory(dir)), grid_(grid), fields_(std::move(fields)), pvd_(paths_.pvd) {
  if (!resume) return;
  pvd_ = io::PvdCollection::open(paths_.pvd);
  pvd_.drop_entries_after(resume->time);
  io::drop_rows_after(paths_.timeseries_csv, resume->time);
  frame_ = resume->frames;
  resume_ = true;
  // The HDF5 copy starts again from the rows the CSV keeps (one parse, at the start of the session).
  if (std::filesystem::exists(paths_.timeseries_csv)) {
    const io::CsvColumns t = io::read_csv_columns(paths_.timeseries_csv);
    h5_ = std::make_unique<io::TimeSeriesH5>(paths_.timeseries_h5, t.names);
    for (const io::TimeSeriesRow& row : io::csv_rows(t)) h5_->append(row);
  }
}

void Recorder::row(const ColumnSink& r) {
  const std::vector<std::string> headers = r.headers();
  if (!series_) {
    io::TimeSeriesWriter::Options opt;
    if (resume_) opt.mode = io::TimeSeriesWriter::OpenMode::resume;
    series_ = std::make_unique<io::TimeSeriesWriter>(paths_.timeseries_csv, headers, opt);
  } else if (headers != series_->columns()) {
    throw std::logic_error("time-series row with other columns than the file's");
  }
  if (!h5_) h5_ = std::make_unique<io::TimeSeriesH5>(paths_.timeseries_h5, headers);
  if (h5_->columns() != headers)
    throw std::logic_error("time-series row with other columns than " + paths_.timeseries_h5.string() + "'s");
  io::TimeSeriesRow values;
  for (const ColumnValue& v : r.values()) std::visit([&](const auto& x) { values.emplace_back(x); }, v);
  series_->append(values);
  h5_->append(values);
}

void Recorder::frame(double time, Engine& engine) {
  io::ImageGeometry geo;
  geo.nx = grid_.nx;
  geo.ny = grid_.ny;
  geo.nz = grid_.nz;
  geo.spacing = grid_.h;
  std::vector<io::HostField> scalars;
  std::vector<io::HostVectorField> vectors;
  for (HostArray& a : engine.host_fields(fields_)) {
    if (a.components == 3) {
      io::HostVectorField v{a.name, std::vector<std::array<double, 3>>(a.values.size() / 3)};
      for (size_t c = 0; c < v.values.size(); ++c)
        v.values[c] = {a.values[3 * c], a.values[3 * c + 1], a.values[3 * c + 2]};
      vectors.push_back(std::move(v));
    } else {
      scalars.push_back(io::HostField{a.name, std::move(a.values)});
    }
  }
  io::VtiOptions opt;
  opt.time_s = time;
  io::write_vti(paths_.root / io::frame_relative_path(frame_), geo, scalars, vectors, opt);
  pvd_.add(time, io::frame_relative_path(frame_));
  ++frame_;
}

void Recorder::summary(const nlohmann::json& j) {
  if (h5_) h5_->write();
  io::write_json_atomically(paths_.summary_json, j);
}

void Recorder::refresh_timeseries_h5() {
  if (h5_) h5_->refresh();
}

}  // namespace afsim
