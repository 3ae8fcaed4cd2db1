// EngineOn<B>: the Engine on one backend. Included only by engine_cpu.cpp and engine_cuda.cu.
#pragma once

#include <stdexcept>

#include "backend/algorithms.hpp"
#include "simulation/engine.hpp"

namespace afsim {

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
  CurrentDistribution<B> cd_;
  Field<B> scratch_, sx_, sy_, sz_;
};

}  // namespace afsim
