// EngineOn<B>: the Engine on one backend. Included only by engine_cpu.cpp and engine_cuda.cu.
#pragma once

#include <algorithm>
#include <array>
#include <limits>
#include <stdexcept>
#include <type_traits>
#include <utility>

#include "backend/algorithms.hpp"
#include "deposit_stats.hpp"
#include "physics/metal_connectivity.hpp"
#include "physics/phase_field_module.hpp"
#include "simulation/engine.hpp"

namespace afsim {

namespace engine_detail {

// The linear interior index (x fastest) of a cell whose value is outside [lo, hi] or not finite, else a
// large number: min over the cells finds the first offending one. At namespace scope for nvcc.
// With `xi` set, the bounds apply to psi v (the salt content of the concentration v, MODELS §3): a cell
// deep in the metal holds almost no salt and its concentration is not a fault by itself.
struct FirstOutside {
  static constexpr int bytes_per_cell = 16;
  ConstView f, xi;
  Real lo, hi, psi_min;
  AFSIM_HD double operator()(int i, int j, int k) const {
    const Real v = f(i, j, k);
    const Real tested = xi.data ? electrolyte_fraction(xi(i, j, k), psi_min) * v : v;
    const bool ok = tested >= lo && tested <= hi && v - v == Real(0);
    return ok ? 1e300 : double(i) + double(f.g.nx) * (double(j) + double(f.g.ny) * double(k));
  }
};

// xi where the metal is dead (frozen), else 0: the dead_metal output field.
struct DeadMetalField {
  static constexpr int bytes_per_cell = 24;  // reads xi, frozen; writes out
  ConstView xi, frozen;
  View out;
  AFSIM_HD void operator()(int i, int j, int k) const {
    out(i, j, k) = frozen(i, j, k) > Real(0.5) ? xi(i, j, k) : Real(0);
  }
};

// The galvanostatic current of the implicit salt step may differ from the set one by this fraction before
// another pass of the potential solve is made with the new concentration (at most kMaxPasses passes);
// within it the reaction is scaled to the set current exactly (CurrentDistribution::scale_implicit_reaction).
constexpr double kCurrentTolerance = 1e-5;
constexpr int kMaxPasses = 3;
// How often a step may be shortened to the limits of its implicit reaction rates.
constexpr int kMaxShortenings = 4;
// The largest fraction of a cell's metal (or of its room for metal) that one step may strip (or fill).
constexpr double kFillFraction = 0.5;

}  // namespace engine_detail

template <class B>
class EngineOn final : public Engine {
 public:
  explicit EngineOn(const EngineSetup& s)
      : cd_(s.grid, s.model, s.lateral, s.top, s.solver, s.newton_max_iterations, s.newton_tolerance),
        pf_(s.grid, s.phase_field, cd_.order_parameter_bc(), s.solver),
        conn_(s.grid, s.lateral == config::Lateral::Periodic, s.halo_cells),
        evolve_(s.evolve),
        max_xi_change_(s.max_xi_change),
        scratch_(s.grid),
        sx_(s.grid),
        sy_(s.grid),
        sz_(s.grid),
        envelope_(column_grid(s.grid)),
        envelope_connected_(column_grid(s.grid)) {
    const Grid& g = s.grid;
    Field<B>& xi = cd_.order_parameter();
    if (!s.metal_fraction.empty()) {
      if (s.metal_fraction.size() != static_cast<size_t>(g.cells()))
        throw std::invalid_argument("metal_fraction field size does not match the grid");
      xi.interior_from_host(s.metal_fraction);
    } else {
      for_each_cell<B>(interior(g), InitDepositOrderParameter{xi.view(), s.deposit});
    }
    if (!s.nuclei.empty()) {
      const double without = cd_.deposit_metal();
      std::vector<double> v = xi.interior_to_host();
      place_nuclei(v, g, s.nuclei, s.deposit.width, s.lateral == config::Lateral::Periodic);
      xi.interior_from_host(v);
      nuclei_metal_ = cd_.deposit_metal() - without;
    }
    if (evolve_) {
      if (!(cd_.deposit_metal() > 0))
        throw std::invalid_argument(
            "physics.initial places no metal: plating needs a film, seeds, bumps, needles or a file to grow "
            "on (nucleation on the bare collector comes with the nucleation model, MODELS §4)");
      cd_.update_coefficients();
    } else {
      cd_.update_geometry();
    }
  }

  std::string backend_name() const override { return B::name(); }
  bool evolves() const override { return evolve_; }
  double nuclei_metal_mol_m2() const override { return nuclei_metal_; }
  double electrode_potential() const override { return cd_.electrode_potential(); }

  PotentialResult solve_potential(const Drive& d) override {
    if (evolve_) prepare(dt_prev_ > 0 ? dt_prev_ : pf_.stable_dt());
    return cd_.solve_potential(d);
  }

  StepReport step(const Drive& drive, double dt_max, long long step_index) override {
    StepReport rep;
    if (!evolve_) {
      rep.potential = cd_.solve_potential(drive);
      rep.dt = dt_max;
      if (rep.potential.converged) rep.salt = cd_.advance_salt(dt_max);
      traffic_ +=
          double(rep.potential.linear_iterations + rep.salt.iterations) * cd_.solver_traffic_per_iteration();
      return rep;
    }
    const ModelParameters& mp = cd_.parameters();
    // 1. From xi^n: dead metal, the potential-independent rate and the reaction weights (MODELS §2, §7).
    const double dt_guess = std::min({dt_max, pf_.stable_dt(), dt_prev_ > 0 ? dt_prev_ : dt_max});
    prepare(dt_guess);
    cd_.previous_order_parameter().copy_from(cd_.order_parameter());
    traffic_ += 2.0 * sizeof(Real) * double(grid().storage()) / double(grid().cells());
    double dt = 0;
    int salt_iterations = 0;
    for (int pass = 0;; ++pass) {
      // 2. The charge balance with the galvanostatic or potentiostatic V_e (MODELS §1, §3); the reaction
      //    sees c^n, or from the second pass on the concentration of the previous pass's salt step.
      const PotentialResult pot = cd_.solve_potential(drive);
      accumulate(rep.potential, pot);
      traffic_ += double(pot.linear_iterations) * cd_.solver_traffic_per_iteration();
      if (!pot.converged) return rep;
      // 3. The step: the cap, explicit stability, the largest change of xi (dxi/dt = q / (nF c_s)) and no
      //    reacting cell emptied (filled) past half its metal (its room for metal).
      dt = step_limit(std::min(dt_max, pf_.stable_dt()), rep, cd_.charge_source());
      // 4. The salt with the cathodic reaction implicit in c at this potential, and the charge source of
      //    its solution (docs/model-notes.md, "Reaction and salt within a step"). Its rates, not those of
      //    c^n, move xi: where they are faster (salt squeezed into an electrolyte pocket the metal closes)
      //    the step is shortened to their limits and the salt solved again.
      for (int shorten = 0;; ++shorten) {
        rep.salt = cd_.implicit_salt(dt);
        salt_iterations += rep.salt.iterations;
        traffic_ += double(rep.salt.iterations) * cd_.solver_traffic_per_iteration();
        if (!rep.salt.converged) return rep;
        const double limit = step_limit(dt, rep, cd_.implicit_source());
        if (limit >= dt * (1 - 1e-12) || shorten == engine_detail::kMaxShortenings) break;
        dt = limit;
      }
      // A galvanostatic step's current is the set one to the Newton tolerance with c^n in the reaction;
      // with the implicit c it may fall short where the salt runs low: one more pass with that c.
      const double current = cd_.implicit_current();
      const bool off = drive.mode == Drive::Mode::Galvanostatic &&
                       std::abs(current - drive.current) >
                           engine_detail::kCurrentTolerance * std::max(std::abs(drive.current), 1e-3);
      if (!off || pass + 1 == engine_detail::kMaxPasses) break;
      cd_.react_to_implicit();
    }
    if (drive.mode == Drive::Mode::Galvanostatic)
      cd_.scale_implicit_reaction(drive.current, engine_detail::kCurrentTolerance);
    rep.potential.current = cd_.implicit_current();
    rep.salt.iterations = salt_iterations;
    // 5. xi^{n+1} with the implicit source (semi-implicit relaxation, zero-mean noise), then c^{n+1}.
    Field<B>& xi = cd_.order_parameter();
    rep.phase_field = pf_.advance(xi, cd_.previous_order_parameter(), cd_.implicit_source(), conn_.frozen(),
                                  dt, mp.reaction);
    traffic_ += double(rep.phase_field.iterations) * pf_.solver_traffic_per_iteration();
    pf_.add_noise(xi, conn_.frozen(), dt, static_cast<unsigned long long>(step_index));
    cd_.commit_salt(dt);
    rep.dt = dt;
    dt_prev_ = dt;
    connectivity_stale_ = true;
    return rep;
  }

  EngineObservables observe() const override {
    EngineObservables o;
    const Grid& g = grid();
    const double area = g.collector_area();
    o.salt_mol_m2 = cd_.salt_content();
    o.deposit_metal_mol_m2 = cd_.deposit_metal();
    o.surface_concentration_min = cd_.surface_concentration_min();
    o.concentration_min = cd_.concentration_min();
    o.bulk_exchange_mol_m2 = cd_.last_bulk_exchange();
    o.finite = cd_.fields_finite();
    refresh_connectivity();
    const Field<B>& xi = cd_.order_parameter();
    o.dead_metal_mol_m2 = conn_.dead_fraction_volume(xi) * cd_.parameters().reaction.c_site / area;
    o.dead_islands = conn_.dead_islands();
    o.collector_metal = conn_.collector_has_connected_metal();
    for_each_cell<B>(
        Box{0, g.nx, 0, 1, 0, g.nz},
        ColumnHeights{xi.cview(), conn_.status().cview(), envelope_.view(), envelope_connected_.view()});
    const Box columns = interior(envelope_.grid());
    o.envelope_mean_m = sum_cells<B>(columns, CellValue{envelope_.cview()}) / double(columns.size());
    o.envelope_max_m = max_cells<B>(columns, CellValue{envelope_.cview()});
    o.tip_height_m = max_cells<B>(columns, CellValue{envelope_connected_.cview()});
    o.short_circuit = o.tip_height_m >= g.ny * g.h * (1 - 1e-12);
    // The interface area reads the ghosts of xi: the order parameter's own boundary conditions.
    fill_ghosts<B>(const_cast<Field<B>&>(xi), cd_.order_parameter_bc());
    o.interface_area = sum_cells<B>(interior(g), InterfaceAreaDensity{xi.cview()}) * g.cell_volume() / area;
    return o;
  }

  double traffic_bytes_per_cell() const override {
    return traffic_ + cd_.kernel_traffic_per_cell() + pf_.kernel_traffic_per_cell();
  }

  EngineState save_state() const override {
    EngineState s;
    for (const auto& [name, f] : state_fields(*this)) {
      const std::vector<Real> v = f->to_host();
      s.fields.emplace_back(name, std::vector<double>(v.begin(), v.end()));
    }
    s.electrode_potential = cd_.electrode_potential();
    s.last_current = cd_.last_current();
    s.last_bulk_exchange = cd_.last_bulk_exchange();
    s.previous_dt = dt_prev_;
    return s;
  }

  void restore_state(const EngineState& s) override {
    for (const auto& [field_name, f] : state_fields(*this)) {
      const std::string& name = field_name;  // a lambda may not capture a structured binding in C++17
      const auto it =
          std::find_if(s.fields.begin(), s.fields.end(), [&](const auto& p) { return p.first == name; });
      if (it == s.fields.end()) throw std::invalid_argument("engine state: field '" + name + "' missing");
      if (it->second.size() != static_cast<size_t>(cd_.grid().storage()))
        throw std::invalid_argument("engine state: field '" + name + "' does not match the grid");
      f->from_host(std::vector<Real>(it->second.begin(), it->second.end()));
    }
    if (evolve_)
      cd_.update_coefficients();
    else
      cd_.update_geometry();
    cd_.set_electrode_potential(s.electrode_potential);
    cd_.set_last_current(s.last_current);
    cd_.set_last_bulk_exchange(s.last_bulk_exchange);
    dt_prev_ = s.previous_dt;
    connectivity_stale_ = true;
  }

  std::optional<FieldFault> check_fields(const FieldBounds& b) const override {
    const double inf = std::numeric_limits<double>::infinity();
    const struct {
      const char* name;
      const Field<B>* f;
      double lo, hi;
      bool content;  // bounds on psi c
    } checks[] = {{"metal_fraction", &cd_.order_parameter(), b.xi_min, b.xi_max, false},
                  {"concentration", &cd_.concentration(), b.c_min, inf, true},
                  {"potential", &cd_.potential(), -inf, inf, false}};
    const Grid& g = cd_.grid();
    for (const auto& c : checks) {
      const ConstView xi = c.content ? cd_.order_parameter().cview() : ConstView{};
      const double first =
          min_cells<B>(interior(g), engine_detail::FirstOutside{c.f->cview(), xi, Real(c.lo), Real(c.hi),
                                                                cd_.parameters().electrolyte.psi_min});
      if (first > 1e299) continue;
      const auto n = static_cast<long long>(first);
      FieldFault fault;
      fault.field = c.name;
      fault.i = static_cast<int>(n % g.nx);
      fault.j = static_cast<int>((n / g.nx) % g.ny);
      fault.k = static_cast<int>(n / (static_cast<long long>(g.nx) * g.ny));
      fault.value = c.f->to_host()[static_cast<size_t>(g.idx(fault.i, fault.j, fault.k))];
      fault.lower = c.lo;
      fault.upper = c.hi;
      return fault;
    }
    return std::nullopt;
  }

  std::vector<HostArray> host_fields(const std::vector<std::string>& names) override {
    std::vector<HostArray> out;
    for (const std::string& n : names) {
      if (n == "metal_fraction") {
        out.push_back({n, 1, cd_.order_parameter().interior_to_host()});
      } else if (n == "electrolyte_fraction") {
        cd_.electrolyte_fraction_field(scratch_);
        out.push_back({n, 1, scratch_.interior_to_host()});
      } else if (n == "concentration") {
        out.push_back({n, 1, cd_.concentration().interior_to_host()});
      } else if (n == "potential") {
        out.push_back({n, 1, cd_.potential().interior_to_host()});
      } else if (n == "reaction_current_density") {
        cd_.reaction_current_density(scratch_);
        out.push_back({n, 1, scratch_.interior_to_host()});
      } else if (n == "reaction_rate") {
        // R = q / (nF), mol of metal formed per m^3 per s (MODELS (2.4)).
        std::vector<double> q = cd_.charge_source().interior_to_host();
        for (double& v : q) v /= cd_.parameters().reaction.nF;
        out.push_back({n, 1, std::move(q)});
      } else if (n == "dead_metal") {
        refresh_connectivity();
        for_each_cell<B>(interior(grid()),
                         engine_detail::DeadMetalField{cd_.order_parameter().cview(), conn_.frozen().cview(),
                                                       scratch_.view()});
        out.push_back({n, 1, scratch_.interior_to_host()});
      } else if (n == "current_density") {
        cd_.ionic_current_density(sx_, sy_, sz_);
        const auto x = sx_.interior_to_host(), y = sy_.interior_to_host(), z = sz_.interior_to_host();
        HostArray a{n, 3, std::vector<double>(3 * x.size())};
        for (size_t c = 0; c < x.size(); ++c) {
          a.values[3 * c] = x[c];
          a.values[3 * c + 1] = y[c];
          a.values[3 * c + 2] = z[c];
        }
        out.push_back(std::move(a));
      }
    }
    return out;
  }

 private:
  const Grid& grid() const { return cd_.grid(); }
  static Grid column_grid(const Grid& g) { return Grid{g.nx, 1, g.nz, g.h}; }

  void refresh_connectivity() const {
    if (!connectivity_stale_) return;
    conn_.update(cd_.order_parameter());
    traffic_ += conn_.bytes_per_update();
    connectivity_stale_ = false;
  }

  // The step limits that depend on the charge source of the last potential solve: the largest change of xi
  // and the reaction fill time (kernels/phase_field.hpp, ReactionFillTime). Records the largest rate in rep.
  double step_limit(double dt, StepReport& rep, const Field<B>& q) const {
    const ModelParameters& mp = cd_.parameters();
    const double nf_cs = mp.reaction.nF * mp.reaction.c_site;
    rep.max_rate = max_cells<B>(interior(grid()), AbsValue{q.cview()}) / nf_cs;
    traffic_ += AbsValue::bytes_per_cell + ReactionFillTime::bytes_per_cell;
    if (rep.max_rate > 0) dt = std::min(dt, max_xi_change_ / rep.max_rate);
    const double fill =
        min_cells<B>(interior(grid()), ReactionFillTime{cd_.order_parameter().cview(), q.cview(),
                                                        cd_.fixed_rate().cview(), Real(1.0 / nf_cs)});
    return std::min(dt, engine_detail::kFillFraction * fill);
  }

  static void accumulate(PotentialResult& total, const PotentialResult& pass) {
    total.v_e = pass.v_e;
    total.current = pass.current;
    total.newton_iterations += pass.newton_iterations;
    total.linear_iterations += pass.linear_iterations;
    total.linear_residual = std::max(total.linear_residual, pass.linear_residual);
    total.converged = pass.converged;
  }

  // Dead metal of xi^n, then the relaxation rate and the reaction weights (all independent of the potential).
  void prepare(double dt_guess) {
    refresh_connectivity();
    const ModelParameters& mp = cd_.parameters();
    pf_.prepare(cd_.order_parameter(), conn_.frozen(), conn_.reactive(), dt_guess, mp.reaction,
                mp.electrolyte, cd_.fixed_rate(), cd_.reaction_weight(), cd_.plating_weight(),
                cd_.reaction_limiter(), cd_.surface_potential());
  }

  // The fields a checkpoint holds: the order parameter, the salt, the potential and the Newton
  // sensitivity (its warm start changes the iteration path). Everything else is derived in each step.
  template <class Self>
  static auto state_fields(Self& self) {
    using F = std::conditional_t<std::is_const_v<Self>, const Field<B>, Field<B>>;
    return std::array<std::pair<std::string, F*>, 4>{
        {{"order_parameter", &self.cd_.order_parameter()},
         {"concentration", &self.cd_.concentration()},
         {"potential", &self.cd_.potential()},
         {"newton_sensitivity", &self.cd_.newton_sensitivity()}}};
  }

  CurrentDistribution<B> cd_;
  PhaseField<B> pf_;
  mutable MetalConnectivity<B> conn_;
  bool evolve_;
  double max_xi_change_;
  double nuclei_metal_ = 0;  // mol/m^2 placed at t = 0
  double dt_prev_ = 0;
  mutable bool connectivity_stale_ = true;
  mutable double traffic_ = 0;  // bytes per cell of the engine's own launches and of all linear solves
  Field<B> scratch_, sx_, sy_, sz_;
  mutable Field<B> envelope_, envelope_connected_;
};

}  // namespace afsim
