#include "simulation/run_state.hpp"

#include <cinttypes>
#include <cstdio>
#include <map>

#include "config/deck.hpp"
#include "io/atomic_file.hpp"

namespace afsim {

namespace {

std::string fnv1a64(const std::string& text) {
  std::uint64_t h = 14695981039346656037ull;
  for (unsigned char c : text) {
    h ^= c;
    h *= 1099511628211ull;
  }
  char buf[40];
  std::snprintf(buf, sizeof buf, "fnv1a64:%016" PRIx64, h);
  return buf;
}

void flatten(const nlohmann::json& j, const std::string& prefix, std::map<std::string, std::string>& out) {
  if (j.is_object() && !j.empty()) {
    for (auto it = j.begin(); it != j.end(); ++it)
      flatten(*it, prefix.empty() ? it.key() : prefix + "." + it.key(), out);
  } else if (j.is_array() && !j.empty() && (j.front().is_object() || j.front().is_array())) {
    for (size_t i = 0; i < j.size(); ++i) flatten(j[i], prefix + "[" + std::to_string(i) + "]", out);
  } else {
    out[prefix] = j.dump();
  }
}

// The per-cycle protocol record, one checkpoint array per member. The metal arrays are absent from
// checkpoints written before the metal per cycle was booked; read, they leave it zero.
struct CycleArray {
  const char* name;
  double CycleCharge::*member;
  bool may_be_absent;
};
constexpr CycleArray kCycleArrays[] = {
    {"cycle_charge_in_C_m2", &CycleCharge::charge_in, false},
    {"cycle_charge_out_C_m2", &CycleCharge::charge_out, false},
    {"cycle_metal_connected_start_C_m2", &CycleCharge::connected_start, true},
    {"cycle_metal_dead_start_C_m2", &CycleCharge::dead_start, true},
    {"cycle_metal_connected_end_C_m2", &CycleCharge::connected_end, true},
    {"cycle_metal_dead_end_C_m2", &CycleCharge::dead_end, true}};

}  // namespace

DeckIdentity deck_identity(const config::Config& cfg) {
  nlohmann::json echo = config::deck_echo_si(cfg);
  for (const char* key : {"source", "warnings", "output"}) echo.erase(key);
  if (echo.contains("run"))
    for (const char* key : {"name", "output", "device"}) echo["run"].erase(key);
  DeckIdentity id;
  id.physics = std::move(echo);
  id.hash = fnv1a64(id.physics.dump());
  return id;
}

std::vector<std::string> deck_differences(const nlohmann::json& checkpoint, const nlohmann::json& deck) {
  std::map<std::string, std::string> a, b;
  flatten(checkpoint, "", a);
  flatten(deck, "", b);
  std::vector<std::string> out;
  for (const auto& [key, value] : a) {
    const auto it = b.find(key);
    if (it == b.end()) {
      out.push_back(key + ": " + value + " in the checkpoint, absent in the deck");
    } else if (it->second != value) {
      out.push_back(key + ": " + value + " in the checkpoint, " + it->second + " in the deck");
    }
  }
  for (const auto& [key, value] : b)
    if (!a.count(key)) out.push_back(key + ": absent in the checkpoint, " + value + " in the deck");
  return out;
}

io::Checkpoint make_checkpoint(const RunState& s, const DeckIdentity& deck, const std::string& backend,
                               const std::string& status) {
  io::Checkpoint c;
  c.format = io::kCheckpointFormat;
  c.afsim_version = AFSIM_VERSION;
  c.deck_hash = deck.hash;
  c.deck_json = deck.physics.dump();
  c.backend = backend;
  c.status = status;
  const DriverState& d = s.driver;
  c.reals = {{"time_s", d.time},
             {"charge_C_m2", d.charge},
             {"throughput_C_m2", d.throughput},
             {"short_time_s", d.short_time},
             {"plated_mol_m2", d.plated},
             {"reservoir_in_mol_m2", d.reservoir_in},
             {"inventory0_mol_m2", d.inventory0},
             {"dt_last_s", d.dt_last},
             {"surface_c_prev_mol_m3", d.surface_c_prev},
             {"time_prev_s", d.time_prev},
             {"sand_time_s", d.sand_time},
             {"first_current_A_m2", d.first_current},
             {"next_output_time_s", d.next_output_time},
             {"next_output_charge_C_m2", d.next_output_charge},
             {"next_checkpoint_time_s", d.next_checkpoint_time},
             {"next_checkpoint_charge_C_m2", d.next_checkpoint_charge},
             {"wall_s", d.wall_s},
             {"potential.v_e_V", d.potential.v_e},
             {"potential.current_A_m2", d.potential.current},
             {"potential.linear_residual", d.potential.linear_residual},
             {"salt.relative_residual", d.salt.relative_residual},
             {"salt.initial_residual", d.salt.initial_residual},
             {"protocol.step_time_s", s.protocol.step_time},
             {"protocol.step_charge_C_m2", s.protocol.step_charge},
             {"cathode.soc", s.cathode_soc},
             {"engine.electrode_potential_V", s.engine.electrode_potential},
             {"engine.last_current_A_m2", s.engine.last_current},
             {"engine.last_bulk_exchange_mol_m2", s.engine.last_bulk_exchange},
             {"engine.previous_dt_s", s.engine.previous_dt},
             {"grid.h_m", s.grid.h}};
  c.integers = {{"step", d.step},
                {"frames", d.frames},
                {"phase_field_iterations", d.phase_field_iterations},
                {"potential.newton_iterations", d.potential.newton_iterations},
                {"potential.linear_iterations", d.potential.linear_iterations},
                {"potential.converged", d.potential.converged ? 1 : 0},
                {"salt.iterations", d.salt.iterations},
                {"salt.converged", d.salt.converged ? 1 : 0},
                {"protocol.cycle", s.protocol.cycle},
                {"protocol.step", s.protocol.step},
                {"protocol.finished", s.protocol.finished ? 1 : 0},
                {"grid.nx", s.grid.nx},
                {"grid.ny", s.grid.ny},
                {"grid.nz", s.grid.nz}};
  for (const CycleArray& a : kCycleArrays) {
    std::vector<double>& values = c.arrays[a.name];
    for (const CycleCharge& q : s.protocol.charges) values.push_back(q.*a.member);
  }
  for (const auto& [name, values] : s.engine.fields) {
    io::CheckpointField f;
    f.dims = {s.grid.sz(), s.grid.sy(), s.grid.sx()};
    f.values = values;
    c.fields[name] = std::move(f);
  }
  return c;
}

RunState run_state_from(const io::Checkpoint& c) {
  RunState s;
  s.grid.nx = static_cast<int>(c.integer("grid.nx"));
  s.grid.ny = static_cast<int>(c.integer("grid.ny"));
  s.grid.nz = static_cast<int>(c.integer("grid.nz"));
  s.grid.h = c.real("grid.h_m");
  DriverState& d = s.driver;
  d.time = c.real("time_s");
  d.charge = c.real("charge_C_m2");
  d.throughput = c.real("throughput_C_m2");
  d.short_time = c.real("short_time_s");
  d.plated = c.real("plated_mol_m2");
  d.reservoir_in = c.real("reservoir_in_mol_m2");
  d.inventory0 = c.real("inventory0_mol_m2");
  d.dt_last = c.real("dt_last_s");
  d.surface_c_prev = c.real("surface_c_prev_mol_m3");
  d.time_prev = c.real("time_prev_s");
  d.sand_time = c.real("sand_time_s");
  d.first_current = c.real("first_current_A_m2");
  d.next_output_time = c.real("next_output_time_s");
  d.next_output_charge = c.real("next_output_charge_C_m2");
  d.next_checkpoint_time = c.real("next_checkpoint_time_s");
  d.next_checkpoint_charge = c.real("next_checkpoint_charge_C_m2");
  d.wall_s = c.real("wall_s");
  d.potential.v_e = c.real("potential.v_e_V");
  d.potential.current = c.real("potential.current_A_m2");
  d.potential.linear_residual = c.real("potential.linear_residual");
  d.potential.newton_iterations = static_cast<int>(c.integer("potential.newton_iterations"));
  d.potential.linear_iterations = static_cast<int>(c.integer("potential.linear_iterations"));
  d.potential.converged = c.integer("potential.converged") != 0;
  d.salt.relative_residual = c.real("salt.relative_residual");
  d.salt.initial_residual = c.real("salt.initial_residual");
  d.salt.iterations = static_cast<int>(c.integer("salt.iterations"));
  d.salt.converged = c.integer("salt.converged") != 0;
  d.step = c.integer("step");
  d.frames = c.integer("frames");
  d.phase_field_iterations = c.integer("phase_field_iterations");
  s.protocol.cycle = static_cast<int>(c.integer("protocol.cycle"));
  s.protocol.step = static_cast<int>(c.integer("protocol.step"));
  s.protocol.finished = c.integer("protocol.finished") != 0;
  s.protocol.step_time = c.real("protocol.step_time_s");
  s.protocol.step_charge = c.real("protocol.step_charge_C_m2");
  s.protocol.charges.resize(c.array("cycle_charge_in_C_m2").size());
  for (const CycleArray& a : kCycleArrays) {
    if (a.may_be_absent && c.arrays.count(a.name) == 0) continue;
    const std::vector<double>& values = c.array(a.name);
    if (values.size() != s.protocol.charges.size())
      throw io::IoError("checkpoint '" + c.source.string() + "': the per-cycle arrays disagree in length ('" +
                        a.name + "')");
    for (size_t n = 0; n < values.size(); ++n) s.protocol.charges[n].*a.member = values[n];
  }
  s.cathode_soc = c.real("cathode.soc");
  s.engine.electrode_potential = c.real("engine.electrode_potential_V");
  s.engine.last_current = c.real("engine.last_current_A_m2");
  s.engine.last_bulk_exchange = c.real("engine.last_bulk_exchange_mol_m2");
  s.engine.previous_dt = c.real("engine.previous_dt_s");
  for (const auto& [name, f] : c.fields) {
    if (f.dims[0] != s.grid.sz() || f.dims[1] != s.grid.sy() || f.dims[2] != s.grid.sx())
      throw io::IoError("checkpoint '" + c.source.string() + "': field '" + name +
                        "' does not match the grid it records");
    s.engine.fields.emplace_back(name, f.values);
  }
  return s;
}

}  // namespace afsim
