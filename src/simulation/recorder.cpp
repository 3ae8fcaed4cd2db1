#include "simulation/recorder.hpp"

#include <algorithm>

#include "io/summary.hpp"
#include "io/timeseries_h5.hpp"
#include "io/vtk_writer.hpp"

namespace afsim {

DepositStats deposit_stats(const EngineObservables& o, double molar_volume) {
  DepositStats d;
  d.dense_thickness = o.deposit_metal_mol_m2 * molar_volume;
  d.envelope_mean = o.envelope_mean_m;
  d.envelope_max = o.envelope_max_m;
  d.tip_height = o.tip_height_m;
  d.interface_area = o.interface_area;
  d.dead_islands = o.dead_islands;
  // The diffuse tails hold metal outside the xi = 1/2 envelope: clamp to [0, 1].
  d.porosity =
      o.envelope_mean_m > 0 ? std::clamp(1.0 - d.dense_thickness / o.envelope_mean_m, 0.0, 1.0) : 0.0;
  return d;
}

const std::vector<std::string>& Recorder::columns() {
  static const std::vector<std::string> c = {"time_s",
                                             "step",
                                             "cycle",
                                             "step_kind",
                                             "current_density_A_m2",
                                             "charge_C_m2",
                                             "V_e_V",
                                             "V_cell_V",
                                             "U_cathode_V",
                                             "c_surface_min_mol_m3",
                                             "c_min_mol_m3",
                                             "metal_connected_mol_m2",
                                             "metal_dead_mol_m2",
                                             "sei_mol_m2",
                                             "alloy_mol_m2",
                                             "electrolyte_mol_m2",
                                             "cathode_mol_m2",
                                             "reservoir_in_mol_m2",
                                             "ledger_error_rel",
                                             "solver_iterations",
                                             "newton_iterations",
                                             "solver_residual",
                                             "dt_s",
                                             "dense_thickness_m",
                                             "envelope_mean_m",
                                             "envelope_max_m",
                                             "tip_height_m",
                                             "porosity",
                                             "interface_area",
                                             "dead_islands"};
  return c;
}

Recorder::Recorder(const std::filesystem::path& dir, const Grid& grid, std::vector<std::string> fields,
                   const std::optional<RecorderResume>& resume)
    : paths_(io::create_run_directory(dir)), grid_(grid), fields_(std::move(fields)), pvd_(paths_.pvd) {
  if (!resume) {
    series_ = std::make_unique<io::TimeSeriesWriter>(paths_.timeseries_csv, columns());
    return;
  }
  pvd_ = io::PvdCollection::open(paths_.pvd);
  pvd_.drop_entries_after(resume->time);
  io::drop_rows_after(paths_.timeseries_csv, resume->time);
  io::TimeSeriesWriter::Options opt;
  opt.mode = io::TimeSeriesWriter::OpenMode::resume;
  series_ = std::make_unique<io::TimeSeriesWriter>(paths_.timeseries_csv, columns(), opt);
  frame_ = resume->frames;
}

void Recorder::row(const SeriesRow& r) {
  series_->append(io::TimeSeriesRow{r.time,
                                    r.step,
                                    static_cast<long long>(r.cycle),
                                    r.step_kind,
                                    r.current,
                                    r.charge,
                                    r.v_e,
                                    r.v_cell,
                                    r.u_cathode,
                                    r.c_surface_min,
                                    r.c_min,
                                    r.metal_connected,
                                    r.metal_dead,
                                    r.sei,
                                    r.alloy,
                                    r.electrolyte,
                                    r.cathode,
                                    r.reservoir_in,
                                    r.ledger_error,
                                    r.solver_iterations,
                                    r.newton_iterations,
                                    r.solver_residual,
                                    r.dt,
                                    r.deposit.dense_thickness,
                                    r.deposit.envelope_mean,
                                    r.deposit.envelope_max,
                                    r.deposit.tip_height,
                                    r.deposit.porosity,
                                    r.deposit.interface_area,
                                    r.deposit.dead_islands});
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
  mirror_timeseries();
  io::write_json_atomically(paths_.summary_json, j);
}

void Recorder::mirror_timeseries() {
  io::write_timeseries_h5(paths_.timeseries_csv, paths_.timeseries_h5);
}

}  // namespace afsim
