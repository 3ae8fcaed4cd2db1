#include "simulation/run_state.hpp"

#include <cinttypes>
#include <cstdio>
#include <map>

#include "config/deck.hpp"
#include "io/atomic_file.hpp"
#include "physics/state_bag.hpp"

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

namespace {

// The driver's members in the checkpoint, bound once for saving and loading (physics/state_bag.hpp).
void bind_driver(StateBag& bag, RunState& s) {
  DriverState& d = s.driver;
  for (const auto& [name, member] : std::initializer_list<std::pair<const char*, double*>>{
           {"time_s", &d.time},
           {"charge_C_m2", &d.charge},
           {"throughput_C_m2", &d.throughput},
           {"short_time_s", &d.short_time},
           {"inventory0_mol_m2", &d.inventory0},
           {"dt_last_s", &d.dt_last},
           {"surface_c_prev_mol_m3", &d.surface_c_prev},
           {"time_prev_s", &d.time_prev},
           {"sand_time_s", &d.sand_time},
           {"first_current_A_m2", &d.first_current},
           {"next_output_time_s", &d.next_output_time},
           {"next_output_charge_C_m2", &d.next_output_charge},
           {"next_checkpoint_time_s", &d.next_checkpoint_time},
           {"next_checkpoint_charge_C_m2", &d.next_checkpoint_charge},
           {"wall_s", &d.wall_s},
           {"potential.v_e_V", &d.potential.v_e},
           {"potential.current_A_m2", &d.potential.current},
           {"potential.linear_residual", &d.potential.linear_residual},
           {"salt.relative_residual", &d.salt.relative_residual},
           {"salt.initial_residual", &d.salt.initial_residual},
           {"protocol.step_time_s", &s.protocol.step_time},
           {"protocol.step_charge_C_m2", &s.protocol.step_charge},
           {"cathode.soc", &s.cathode_soc},
           {"grid.h_m", &s.grid.h}})
    bag.bind(name, *member);
  bag.bind("step", d.step);
  bag.bind("frames", d.frames);
  bag.bind("phase_field_iterations", d.phase_field_iterations);
  bag.bind("potential.newton_iterations", d.potential.newton_iterations);
  bag.bind("potential.linear_iterations", d.potential.linear_iterations);
  bag.bind("potential.converged", d.potential.converged);
  bag.bind("salt.iterations", d.salt.iterations);
  bag.bind("salt.converged", d.salt.converged);
  bag.bind("protocol.cycle", s.protocol.cycle);
  bag.bind("protocol.step", s.protocol.step);
  bag.bind("protocol.finished", s.protocol.finished);
  bag.bind("grid.nx", s.grid.nx);
  bag.bind("grid.ny", s.grid.ny);
  bag.bind("grid.nz", s.grid.nz);
}

}  // namespace

io::Checkpoint make_checkpoint(const RunState& state, const DeckIdentity& deck, const std::string& backend,
                               const std::string& status) {
  io::Checkpoint c;
  c.format = io::kCheckpointFormat;
  c.afsim_version = AFSIM_VERSION;
  c.deck_hash = deck.hash;
  c.deck_json = deck.physics.dump();
  c.backend = backend;
  c.status = status;
  RunState s = state;
  StateBag bag;
  bind_driver(bag, s);
  StateValues values = s.engine.values;  // the modules' members, then the driver's beside them
  bag.save(values);
  c.reals = values.reals;
  c.integers = values.integers;
  for (const CycleArray& a : kCycleArrays) {
    std::vector<double>& v = c.arrays[a.name];
    for (const CycleCharge& q : s.protocol.charges) v.push_back(q.*a.member);
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
  StateBag bag;
  bind_driver(bag, s);
  s.engine.values.reals = c.reals;  // the engine takes its members from these when it is restored
  s.engine.values.integers = c.integers;
  try {
    bag.load(s.engine.values);
  } catch (const std::invalid_argument& e) {
    throw io::IoError("checkpoint '" + c.source.string() + "' " + e.what());
  }
  s.protocol.charges.resize(c.array("cycle_charge_in_C_m2").size());
  for (const CycleArray& a : kCycleArrays) {
    if (a.may_be_absent && c.arrays.count(a.name) == 0) continue;
    const std::vector<double>& values = c.array(a.name);
    if (values.size() != s.protocol.charges.size())
      throw io::IoError("checkpoint '" + c.source.string() + "': the per-cycle arrays disagree in length ('" +
                        a.name + "')");
    for (size_t n = 0; n < values.size(); ++n) s.protocol.charges[n].*a.member = values[n];
  }
  for (const auto& [name, f] : c.fields) {
    if (f.dims[0] != s.grid.sz() || f.dims[1] != s.grid.sy() || f.dims[2] != s.grid.sx())
      throw io::IoError("checkpoint '" + c.source.string() + "': field '" + name +
                        "' does not match the grid it records");
    s.engine.fields.emplace_back(name, f.values);
  }
  return s;
}

}  // namespace afsim
