// deck_echo_si: the parsed deck as JSON with SI units in the key names, for summary.json.
#include "config/deck.hpp"

namespace afsim::config {

namespace {

using nlohmann::json;

template <class T>
json opt(const std::optional<T>& v) {
  return v ? json(*v) : json(nullptr);
}

json metal_json(const MetalProps& m) {
  return {{"name", m.name},
          {"molar_mass_kg_mol", m.molar_mass},
          {"density_kg_m3", m.density},
          {"molar_volume_m3_mol", m.molar_volume},
          {"surface_energy_J_m2", m.surface_energy},
          {"charge_number", m.charge_number},
          {"unconfirmed", m.unconfirmed}};
}

json electrolyte_json(const ElectrolyteProps& e) {
  return {
      {"name", e.name},
      {"kind", e.kind},
      {"metal", e.metal},
      {"concentration_mol_m3", e.concentration},
      {"diffusivity_m2_s", e.diffusivity},
      {"conductivity_S_m", e.conductivity},
      {"transference", e.transference},
      {"thermodynamic_factor", e.thermodynamic_factor},
      {"density_kg_m3", e.density},
      {"exchange_current_A_m2", e.exchange_current},
      {"transfer_coefficient", e.transfer_coefficient},
      {"youngs_modulus_Pa", e.youngs_modulus},
      {"poisson_ratio", e.poisson_ratio},
      {"conductivity_fit", {{"form", e.conductivity_form}, {"coefficients", e.conductivity_coefficients}}},
      {"unconfirmed", e.unconfirmed}};
}

json cathode_json(const CathodeConfig& c) {
  json ocv = json::array();
  for (const auto& p : c.props.ocv) ocv.push_back({p.soc, p.voltage});
  return {{"material", c.props.name},
          {"metal", c.props.metal},
          {"specific_capacity_C_kg", c.props.specific_capacity},
          {"density_kg_m3", c.props.density},
          {"ocv_soc_V", ocv},
          {"loading_C_m2", c.loading},
          {"initial_soc", c.initial_soc},
          {"unconfirmed", c.props.unconfirmed}};
}

const char* word(Lateral l) {
  return l == Lateral::Periodic ? "periodic" : "no_flux";
}
const char* word(TopBoundary t) {
  return t == TopBoundary::Reservoir ? "reservoir" : "counter_electrode";
}
const char* word(StepKind k) {
  return k == StepKind::Charge ? "charge" : k == StepKind::Rest ? "rest" : "discharge";
}
const char* word(Control c) {
  return c == Control::Galvanostatic    ? "galvanostatic"
         : c == Control::Potentiostatic ? "potentiostatic"
                                        : "rest";
}
const char* word(NucleationMode m) {
  return m == NucleationMode::Off             ? "off"
         : m == NucleationMode::Instantaneous ? "instantaneous"
                                              : "progressive";
}

}  // namespace

nlohmann::json deck_echo_si(const Config& c) {
  json out;
  out["source"] = c.source;
  out["run"] = {
      {"name", c.run.name}, {"output", c.run.output}, {"device", c.run.device}, {"seed", c.run.seed}};
  out["domain"] = {{"cells", c.domain.cells},
                   {"spacing_m", c.domain.spacing},
                   {"lateral", word(c.domain.lateral)},
                   {"top", word(c.domain.top)}};
  json cell = {{"metal", metal_json(c.cell.metal)},
               {"electrolyte", electrolyte_json(c.cell.electrolyte)},
               {"collector",
                {{"name", c.cell.collector.name},
                 {"density_kg_m3", c.cell.collector.density},
                 {"molar_volume_m3_mol", c.cell.collector.molar_volume},
                 {"unconfirmed", c.cell.collector.unconfirmed}}},
               {"interlayer", nullptr},
               {"cathode", cathode_json(c.cell.cathode)},
               {"temperature_K", c.cell.temperature},
               {"pressure_Pa", c.cell.pressure},
               {"external_resistance_ohm_m2", c.cell.external_resistance}};
  if (c.cell.interlayer)
    cell["interlayer"] = {{"material", c.cell.interlayer->material},
                          {"thickness_m", c.cell.interlayer->thickness}};
  out["cell"] = cell;

  const auto& pf = c.physics.phase_field;
  const auto& in = c.physics.initial;
  json bumps = json::array(), needles = json::array();
  for (const auto& b : in.bumps) bumps.push_back({{"x_m", b.x}, {"z_m", b.z}, {"radius_m", b.radius}});
  for (const auto& n : in.needles)
    needles.push_back({{"x_m", n.x}, {"z_m", n.z}, {"width_m", n.width}, {"height_m", n.height}});
  json seeds = nullptr;
  if (in.seeds) seeds = {{"density_per_m2", in.seeds->density}, {"radius_m", in.seeds->radius}};
  out["physics"] = {
      {"phase_field",
       {{"evolve", pf.evolve},
        {"interface_width_m", pf.interface_width},
        {"anisotropy", pf.anisotropy},
        {"anisotropy_angle_rad", pf.anisotropy_angle},
        {"noise_per_s", pf.noise},
        {"capillarity", pf.capillarity == Capillarity::GibbsThomson ? "gibbs_thomson" : "diffuse"},
        {"reaction_mobility_per_s", opt(pf.reaction_mobility)},
        {"interface_mobility_m3_J_s", opt(pf.interface_mobility)}}},
      {"initial",
       {{"film_m", in.film},
        {"bumps", bumps},
        {"needles", needles},
        {"seeds", seeds},
        {"file", in.file.empty() ? json(nullptr) : json(in.file)}}},
      {"nucleation", {{"mode", word(c.physics.nucleation.mode)}}},
      {"sei", {{"enabled", c.physics.sei.enabled}}}};

  const auto& nu = c.numerics;
  out["numerics"] = {{"dt_s", nu.dt},
                     {"dt_min_s", opt(nu.dt_min)},
                     {"max_xi_change", nu.max_xi_change},
                     {"psi_min", nu.psi_min},
                     {"ohmic_floor", nu.ohmic_floor},
                     {"solver_tolerance", nu.solver_tolerance},
                     {"solver_max_iterations", nu.solver_max_iterations},
                     {"newton_tolerance", nu.newton_tolerance},
                     {"newton_max_iterations", nu.newton_max_iterations}};

  json steps = json::array();
  for (const auto& s : c.protocol.steps) {
    json j = {{"kind", word(s.kind)}, {"control", word(s.control)}};
    if (s.control == Control::Galvanostatic) j["current_A_m2"] = s.current;
    if (s.control == Control::Potentiostatic) j["potential_V"] = s.potential;
    j["until_capacity_C_m2"] = opt(s.until_capacity);
    j["until_voltage_V"] = opt(s.until_voltage);
    j["until_time_s"] = opt(s.until_time);
    steps.push_back(j);
  }
  out["protocol"] = {{"cycles", c.protocol.cycles}, {"steps", steps}};
  out["output"] = {{"checkpoint_every_s", opt(c.output.checkpoint_every_time)},
                   {"checkpoint_every_C_m2", opt(c.output.checkpoint_every_capacity)},
                   {"checkpoint_wall_s", opt(c.output.checkpoint_wall)},
                   {"every_s", opt(c.output.every_time)},
                   {"every_C_m2", opt(c.output.every_capacity)},
                   {"fields", c.output.fields}};
  out["warnings"] = c.warnings;
  return out;
}

}  // namespace afsim::config
