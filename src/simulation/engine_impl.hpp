// EngineOn<B>: the Engine on one backend. Included only by engine_cpu.cpp and engine_cuda.cu.
#pragma once

#include <algorithm>
#include <array>
#include <limits>
#include <stdexcept>
#include <type_traits>
#include <utility>

#include "backend/algorithms.hpp"
#include "simulation/engine.hpp"

namespace afsim {

namespace engine_detail {

// The linear interior index (x fastest) of a cell whose value is outside [lo, hi] or not finite, else a
// large number: min over the cells finds the first offending one. At namespace scope for nvcc.
struct FirstOutside {
  static constexpr int bytes_per_cell = 8;
  ConstView f;
  Real lo, hi;
  AFSIM_HD double operator()(int i, int j, int k) const {
    const Real v = f(i, j, k);
    const bool ok = v >= lo && v <= hi && v - v == Real(0);
    return ok ? 1e300 : double(i) + double(f.g.nx) * (double(j) + double(f.g.ny) * double(k));
  }
};

}  // namespace engine_detail

template <class B>
class EngineOn final : public Engine {
 public:
  explicit EngineOn(const EngineSetup& s)
      : cd_(s.grid, s.model, s.lateral, s.top, s.solver, s.newton_max_iterations, s.newton_tolerance),
        scratch_(s.grid),
        sx_(s.grid),
        sy_(s.grid),
        sz_(s.grid) {
    const Grid& g = s.grid;
    if (!s.metal_fraction.empty()) {
      if (s.metal_fraction.size() != static_cast<size_t>(g.cells()))
        throw std::invalid_argument("metal_fraction field size does not match the grid");
      cd_.order_parameter().interior_from_host(s.metal_fraction);
    } else {
      for_each_cell<B>(interior(g), InitDepositOrderParameter{cd_.order_parameter().view(), s.deposit});
    }
    cd_.update_geometry();
  }

  std::string backend_name() const override { return B::name(); }
  PotentialResult solve_potential(const Drive& d) override { return cd_.solve_potential(d); }
  SolveStats advance_salt(double dt) override { return cd_.advance_salt(dt); }
  double electrode_potential() const override { return cd_.electrode_potential(); }

  EngineObservables observe() const override {
    EngineObservables o;
    o.salt_mol_m2 = cd_.salt_content();
    o.deposit_metal_mol_m2 = cd_.deposit_metal();
    o.surface_concentration_min = cd_.surface_concentration_min();
    o.concentration_min = cd_.concentration_min();
    o.bulk_exchange_mol_m2 = cd_.last_bulk_exchange();
    o.finite = cd_.fields_finite();
    return o;
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
    cd_.update_geometry();
    cd_.set_electrode_potential(s.electrode_potential);
    cd_.set_last_current(s.last_current);
    cd_.set_last_bulk_exchange(s.last_bulk_exchange);
  }

  std::optional<FieldFault> check_fields(const FieldBounds& b) const override {
    const double inf = std::numeric_limits<double>::infinity();
    const struct {
      const char* name;
      const Field<B>* f;
      double lo, hi;
    } checks[] = {{"metal_fraction", &cd_.order_parameter(), b.xi_min, b.xi_max},
                  {"concentration", &cd_.concentration(), b.c_min, inf},
                  {"potential", &cd_.potential(), -inf, inf}};
    const Grid& g = cd_.grid();
    for (const auto& c : checks) {
      const double first =
          min_cells<B>(interior(g), engine_detail::FirstOutside{c.f->cview(), Real(c.lo), Real(c.hi)});
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
  Field<B> scratch_, sx_, sy_, sz_;
};

}  // namespace afsim
