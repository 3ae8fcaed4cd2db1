// CurrentDistribution<B>::declare: the electrolyte's fields in the field registry
// (physics/field_registry.hpp): what is written to VTK, what a checkpoint holds, the divergence guard's
// ranges and the memory it takes. Included by current_distribution.hpp only.
#pragma once

namespace afsim {

template <class B>
void CurrentDistribution<B>::declare(FieldRegistry<B>& fields) {
  const double inf = std::numeric_limits<double>::infinity();
  FieldRange<B> content;  // on psi c: a small undershoot of a depleted cell is tolerated
  content.lower = -kConcentrationTolerance * mp_.c_ref;
  content.upper = inf;
  content.psi_of = &xi_;
  content.psi_min = mp_.electrolyte.psi_min;
  fields.add({"concentration", "mol/m^3", "salt concentration c of the electrolyte (MODELS §3)", true,
              "concentration"},
             c_, content);
  fields.add({"potential", "V", "electrolyte potential phi against the top of the domain (MODELS §3)", true,
              "potential"},
             phi_, FieldRange<B>{});
  // The Newton sensitivity dphi/dV_e warm-starts its next solve: a restart must iterate exactly as before.
  fields.add({"newton_sensitivity", "1", "dphi/dV_e of the last galvanostatic Newton step", false,
              "newton_sensitivity"},
             w_);
  fields.add_derived({"electrolyte_fraction", "1", "psi(xi), the electrolyte's share of a cell", true, ""}, 1,
                     [this] {
                       electrolyte_fraction_field(out_);
                       return out_.interior_to_host();
                     });
  fields.add_derived(
      {"reaction_current_density", "A/m^2",
       "local Butler–Volmer current density of the interface, plating > 0 (MODELS (2.2))", true, ""},
      1, [this] {
        reaction_current_density(out_);
        return out_.interior_to_host();
      });
  fields.add_derived(
      {"reaction_rate", "mol/(m^3 s)", "metal formed per volume and time, q / (nF) (MODELS (2.4))", true, ""},
      1, [this] {
        std::vector<double> q = q_.interior_to_host();
        for (double& v : q) v /= mp_.reaction.nF;
        return q;
      });
  fields.add_derived(
      {"current_density", "A/m^2", "ionic current density in the electrolyte (MODELS (3.2))", true, ""}, 3,
      [this] {
        ionic_current_density(ix_, iy_, iz_);
        const auto x = ix_.interior_to_host(), y = iy_.interior_to_host(), z = iz_.interior_to_host();
        std::vector<double> v(3 * x.size());
        for (size_t c = 0; c < x.size(); ++c) {
          v[3 * c] = x[c];
          v[3 * c + 1] = y[c];
          v[3 * c + 2] = z[c];
        }
        return v;
      });
  for (const Field<B>* f :
       {&p_,       &q_,       &dq_,     &rhs_,   &sigma_, &sigma_d_, &a_,   &b_,  &weight_, &plating_weight_,
        &limiter_, &rate0_,   &u_eq_,   &c_new_, &q_new_, &xi_star_, &out_, &ix_, &iy_,     &iz_,
        &q_side_,  &dq_side_, &q_metal_})
    fields.add_scratch(*f);
  fields.add_storage(phi_solver_.storage_bytes() + salt_solver_.storage_bytes());
}

}  // namespace afsim
