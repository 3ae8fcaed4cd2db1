#include "cell/cell_report.hpp"

#include <cstdio>

namespace afsim::cell {

namespace {

// Components of the sweep table, in a fixed order so every row has the same columns.
const std::vector<std::string>& sweep_components() {
  static const std::vector<std::string> names = {
      "positive_collector", "cathode",    "separator",          "graphite",   "metal_foil",
      "plated_metal",       "interlayer", "negative_collector", "electrolyte"};
  return names;
}

std::string num(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.10g", v);
  return buf;
}

std::string csv_field(const std::string& s) {
  if (s.find_first_of(",\"\n") == std::string::npos) return s;
  std::string q = "\"";
  for (char c : s) q += c == '"' ? std::string("\"\"") : std::string(1, c);
  return q + "\"";
}

}  // namespace

nlohmann::json result_json(const StackResult& r) {
  nlohmann::json comps = nlohmann::json::array();
  for (const auto& c : r.components)
    comps.push_back({{"name", c.name},
                     {"material", c.material},
                     {"thickness_m", c.thickness_m},
                     {"volume_m3_m2", c.volume_m3_m2},
                     {"mass_kg_m2", c.mass_kg_m2},
                     {"pore_volume_m3_m2", c.pore_volume_m3_m2},
                     {"volume_fraction", c.volume_fraction},
                     {"mass_fraction", c.mass_fraction}});
  return {{"state", "charged"},
          {"repeating_unit", r.repeating_unit},
          {"areal_capacity_C_m2", r.areal_capacity_C_m2},
          {"areal_capacity_mAh_cm2", r.areal_capacity_mAh_cm2()},
          {"mean_voltage_V", r.mean_voltage_V},
          {"energy_J_m2", r.energy_J_m2},
          {"energy_Wh_m2", r.energy_Wh_m2()},
          {"mass_kg_m2", r.mass_kg_m2},
          {"thickness_m", r.thickness_m},
          {"gravimetric_J_kg", r.gravimetric_J_kg},
          {"gravimetric_Wh_kg", r.gravimetric_Wh_kg()},
          {"volumetric_J_m3", r.volumetric_J_m3},
          {"volumetric_Wh_L", r.volumetric_Wh_L()},
          {"plated_dense_thickness_m", r.plated_dense_thickness_m},
          {"plated_envelope_thickness_m", r.plated_envelope_thickness_m},
          {"components", comps}};
}

nlohmann::json stack_echo_json(const config::CellDeck& deck) {
  const auto& s = deck.stack;
  const char* anode = s.anode == config::AnodeKind::Graphite ? "graphite"
                      : s.anode == config::AnodeKind::Foil   ? "foil"
                                                             : "anode_free";
  nlohmann::json j = {
      {"repeating_unit", repeating_unit_name(s.repeating_unit)},
      {"repeating_unit_note", s.repeating_unit == config::RepeatingUnit::DoubleSided
                                  ? "double-sided electrodes: half of each collector foil per cell layer"
                                  : "single-sided: the whole of each collector foil per cell layer"},
      {"positive_collector",
       {{"material", s.positive_collector.name},
        {"density_kg_m3", s.positive_collector.density},
        {"thickness_m", s.positive_collector_thickness}}},
      {"cathode",
       {{"porosity", s.cathode_porosity},
        {"active_fraction", s.cathode_active_fraction},
        {"utilisation", s.utilisation},
        {"polarization_V", s.polarization}}},
      {"separator",
       {{"name", s.separator.name},
        {"thickness_m", s.separator.thickness},
        {"porosity", s.separator.porosity},
        {"density_kg_m3", s.separator.density}}},
      {"negative_collector",
       {{"material", deck.cell.collector.name},
        {"density_kg_m3", deck.cell.collector.density},
        {"thickness_m", s.negative_collector_thickness}}},
      {"anode", {{"type", anode}, {"foil_thickness_m", s.foil_thickness}}},
      {"deposit_porosity", s.deposit_porosity},
      {"electrolyte",
       {{"name", deck.cell.electrolyte.name}, {"density_kg_m3", deck.cell.electrolyte.density}}}};
  if (s.anode == config::AnodeKind::Graphite)
    j["anode"]["graphite"] = {{"name", s.graphite.name},
                              {"density_kg_m3", s.graphite.density},
                              {"porosity", s.graphite.porosity},
                              {"active_fraction", s.graphite.active_fraction},
                              {"specific_capacity_C_kg", s.graphite.specific_capacity},
                              {"mean_voltage_V", s.graphite.mean_voltage},
                              {"np_ratio", s.graphite.np_ratio}};
  if (deck.cell.interlayer)
    j["interlayer"] = {{"material", deck.cell.interlayer->material},
                       {"thickness_m", deck.cell.interlayer->thickness},
                       {"density_kg_m3", s.interlayer_density}};
  return j;
}

std::string components_csv(const StackResult& r) {
  std::string s = "name,material,thickness_m,volume_m3_m2,mass_kg_m2,volume_fraction,mass_fraction\n";
  for (const auto& c : r.components)
    s += csv_field(c.name) + "," + csv_field(c.material) + "," + num(c.thickness_m) + "," +
         num(c.volume_m3_m2) + "," + num(c.mass_kg_m2) + "," + num(c.volume_fraction) + "," +
         num(c.mass_fraction) + "\n";
  return s;
}

std::string sweep_csv_header(const std::vector<std::string>& label_names) {
  std::string s;
  for (const auto& l : label_names) s += csv_field(l) + ",";
  s += "areal_capacity_mAh_cm2,mean_voltage_V,energy_Wh_m2,mass_kg_m2,thickness_m,gravimetric_Wh_kg,"
       "volumetric_Wh_L";
  for (const auto& c : sweep_components())
    s += "," + c + "_thickness_m," + c + "_mass_kg_m2," + c + "_volume_fraction," + c + "_mass_fraction";
  return s + "\n";
}

std::string sweep_csv_row(const std::vector<std::string>& labels, const StackResult& r) {
  std::string s;
  for (const auto& l : labels) s += csv_field(l) + ",";
  s += num(r.areal_capacity_mAh_cm2()) + "," + num(r.mean_voltage_V) + "," + num(r.energy_Wh_m2()) + "," +
       num(r.mass_kg_m2) + "," + num(r.thickness_m) + "," + num(r.gravimetric_Wh_kg()) + "," +
       num(r.volumetric_Wh_L());
  for (const auto& name : sweep_components()) {
    const Component* c = r.find(name);
    if (c == nullptr) {
      s += ",0,0,0,0";
    } else {
      s += "," + num(c->thickness_m) + "," + num(c->mass_kg_m2) + "," + num(c->volume_fraction) + "," +
           num(c->mass_fraction);
    }
  }
  return s + "\n";
}

std::string text_summary(const std::string& title, const StackResult& r) {
  char buf[512];
  std::string s = title + " (" + r.repeating_unit + ", charged state)\n";
  std::snprintf(buf, sizeof buf,
                "  capacity %.4g mAh/cm2, mean voltage %.4g V, energy %.4g Wh/m2\n"
                "  mass %.4g mg/cm2, thickness %.4g um\n"
                "  gravimetric %.1f Wh/kg, volumetric %.1f Wh/L\n",
                r.areal_capacity_mAh_cm2(), r.mean_voltage_V, r.energy_Wh_m2(), r.mass_kg_m2 * 100.0,
                r.thickness_m * 1e6, r.gravimetric_Wh_kg(), r.volumetric_Wh_L());
  s += buf;
  std::snprintf(buf, sizeof buf, "  %-20s %-16s %10s %12s %8s %8s\n", "component", "material", "t (um)",
                "m (mg/cm2)", "vol %", "mass %");
  s += buf;
  for (const auto& c : r.components) {
    std::snprintf(buf, sizeof buf, "  %-20s %-16s %10.3f %12.4f %8.2f %8.2f\n", c.name.c_str(),
                  c.material.c_str(), c.thickness_m * 1e6, c.mass_kg_m2 * 100.0, c.volume_fraction * 100,
                  c.mass_fraction * 100);
    s += buf;
  }
  return s;
}

}  // namespace afsim::cell
