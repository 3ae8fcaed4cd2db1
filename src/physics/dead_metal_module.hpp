// Host module of dead metal and the deposit's shape, MODELS §7 and the deposit observables of §9.4: the
// connected components of the metal (physics/metal_connectivity.hpp) give the masks the phase field and
// the reaction need (frozen, reactive), the connected and dead metal of the ledger, the dead islands, the
// envelope and tip of the deposit, its porosity and interface area, and the short circuit when connected
// metal reaches the top of the domain.
#pragma once

#include <algorithm>
#include <optional>

#include "backend/algorithms.hpp"
#include "backend/boundary.hpp"
#include "deposit_stats.hpp"
#include "physics/metal_connectivity.hpp"
#include "physics/module.hpp"
#include "physics/phase_field_module.hpp"
#include "physics/traffic.hpp"

namespace afsim {

namespace dead_metal_detail {

// xi where the metal is dead (frozen), else 0: the dead_metal output field.
struct DeadMetalField {
  static constexpr int bytes_per_cell = 24;  // reads xi, frozen; writes out
  ConstView xi, frozen;
  View out;
  AFSIM_HD void operator()(int i, int j, int k) const {
    out(i, j, k) = frozen(i, j, k) > Real(0.5) ? xi(i, j, k) : Real(0);
  }
};

}  // namespace dead_metal_detail

template <class B>
class DeadMetal final : public PhysicsModule<B> {
 public:
  // halo_cells: cells of the diffuse shell that float with a dead island; fixed_deposit: the deposit does
  // not move, so the metal its current plates is booked from the charge (MODELS §3 current distribution).
  DeadMetal(const PhaseField<B>& phase_field, bool periodic, int halo_cells, double c_site,
            double molar_volume, double nF, bool fixed_deposit)
      : pf_(phase_field),
        g_(phase_field.order_parameter().grid()),
        conn_(g_, periodic, halo_cells),
        c_site_(c_site),
        molar_volume_(molar_volume),
        nF_(nF),
        fixed_(fixed_deposit),
        out_(g_),
        envelope_(column_grid(g_)),
        envelope_connected_(column_grid(g_)),
        launch_(g_) {}

  const char* name() const override { return "dead_metal"; }
  void declare(FieldRegistry<B>& fields) override {
    fields.add_derived(
        {"dead_metal", "1", "xi of the metal that lost contact with the collector (MODELS §7)", true, ""}, 1,
        [this] {
          update();
          launch_.run(dead_metal_detail::DeadMetalField{xi().cview(), conn_.frozen().cview(), out_.view()});
          return out_.interior_to_host();
        });
    fields.add_scratch(out_);
    fields.add_scratch(envelope_);
    fields.add_scratch(envelope_connected_);
    fields.add_storage(conn_.storage_bytes());
  }
  void after_step(const StepTaken& t) override { plated_ += t.metal_current * t.dt / nF_; }
  void state(StateBag& bag) override { bag.bind("plated_mol_m2", plated_); }
  void after_restore() override { stale_ = true; }
  double traffic_bytes_per_cell() const override { return launch_.traffic(); }

  // The components of xi as it is now (labelled again only after xi moved: mark_stale()).
  void update() {
    if (!stale_) return;
    conn_.update(xi());
    launch_.count(conn_.bytes_per_update());
    stale_ = false;
  }
  void mark_stale() { stale_ = true; }
  const Field<B>& frozen() const { return conn_.frozen(); }
  const Field<B>& reactive() const { return conn_.reactive(); }

  void observe() override {
    const Grid& g = g_;
    const double area = g.collector_area();
    deposit_ = pf_.metal_mol_m2();
    update();
    dead_ = conn_.dead_fraction_volume(xi()) * c_site_ / area;
    islands_ = conn_.dead_islands();
    for_each_cell<B>(
        Box{0, g.nx, 0, 1, 0, g.nz},
        ColumnHeights{xi().cview(), conn_.status().cview(), envelope_.view(), envelope_connected_.view()});
    const Box columns = interior(envelope_.grid());
    envelope_mean_ = sum_cells<B>(columns, CellValue{envelope_.cview()}) / double(columns.size());
    envelope_max_ = max_cells<B>(columns, CellValue{envelope_.cview()});
    tip_ = max_cells<B>(columns, CellValue{envelope_connected_.cview()});
    short_ = tip_ >= g.ny * g.h * (1 - 1e-12);
    // The interface area reads the ghosts of xi: the order parameter's own boundary conditions.
    fill_ghosts<B>(const_cast<Field<B>&>(xi()), pf_.boundary());
    interface_area_ = sum_cells<B>(interior(g), InterfaceAreaDensity{xi().cview()}) * g.cell_volume() / area;
  }
  void columns(ColumnSink& s) const override {
    const double dense = deposit_ * molar_volume_;
    // The diffuse tails hold metal outside the xi = 1/2 envelope: clamp to [0, 1].
    const double porosity = envelope_mean_ > 0 ? std::clamp(1.0 - dense / envelope_mean_, 0.0, 1.0) : 0.0;
    s.real("dense_thickness", "m", dense);
    s.real("envelope_mean", "m", envelope_mean_);
    s.real("envelope_max", "m", envelope_max_);
    s.real("tip_height", "m", tip_);
    s.real("porosity", "", porosity);
    s.real("interface_area", "", interface_area_);
    s.integer("dead_islands", "", islands_);
  }
  void ledger(LedgerSink& l) const override {
    l.held("metal_connected", deposit_ - dead_ + (fixed_ ? plated_ : 0.0), MetalKind::Connected);
    l.held("metal_dead", dead_, MetalKind::Dead);
  }
  std::optional<StopRequest> stop_reason() const override {
    // MODELS §2: connected metal reached y = L_y, the separator side: a hard short.
    if (fixed_ || !short_) return std::nullopt;
    return StopRequest{StopRequest::Kind::Short,
                       "short circuit: metal connected to the collector reached the top of the domain"};
  }

  // The last observation: metal in the fields and the dead part of it (mol/m^2).
  double deposit_metal() const { return deposit_; }
  double dead_metal() const { return dead_; }

 private:
  const Field<B>& xi() const { return pf_.order_parameter(); }
  static Grid column_grid(const Grid& g) { return Grid{g.nx, 1, g.nz, g.h}; }

  const PhaseField<B>& pf_;
  Grid g_;
  MetalConnectivity<B> conn_;
  double c_site_, molar_volume_, nF_;
  bool fixed_;
  bool stale_ = true;
  double plated_ = 0;  // mol/m^2 the metal's charge passed since t = 0 (a fixed deposit's metal)
  double deposit_ = 0, dead_ = 0, envelope_mean_ = 0, envelope_max_ = 0, tip_ = 0, interface_area_ = 0;
  long long islands_ = 0;
  bool short_ = false;
  Field<B> out_, envelope_, envelope_connected_;
  Launcher<B> launch_;
};

}  // namespace afsim
