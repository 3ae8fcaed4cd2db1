// Deck section protocol: cycles and a list of one-key steps (charge / rest / discharge) with cut-offs.
#include "config/deck_sections.hpp"
#include "config/section.hpp"

namespace afsim::config::detail {

namespace {

const std::vector<std::string> kStepKinds = {"charge", "rest", "discharge"};

// Body of a charge or discharge step: {current | potential, until: {capacity, voltage, time}, duration}.
std::optional<ProtocolStep> read_drive(const Cursor& body, StepKind kind, const std::string& word) {
  if (!body.check_map({"current", "potential", "until", "duration"},
                      "a mapping {current or potential, until: {capacity, voltage, time}}"))
    return std::nullopt;
  ProtocolStep step;
  step.kind = kind;
  bool ok = true;
  const auto current = body.get("current");
  const auto potential = body.get("potential");
  if (current && potential) {
    potential->error("give either current (galvanostatic) or potential (potentiostatic), not both");
    ok = false;
  } else if (current) {
    step.control = Control::Galvanostatic;
    if (auto v = current->quantity(dim::current_density, Range::positive()))
      step.current = *v;
    else
      ok = false;
  } else if (potential) {
    step.control = Control::Potentiostatic;
    if (auto v = potential->quantity(dim::voltage, Range::closed(-10, 10)))
      step.potential = *v;
    else
      ok = false;
  } else {
    body.error("a " + word + " step needs a current (e.g. 1 mA/cm2) or a potential (e.g. -0.1 V)");
    ok = false;
  }
  bool has_cutoff = false;
  if (auto until = body.get("until")) {
    if (until->check_map({"capacity", "voltage", "time"},
                         "a mapping of cut-offs {capacity, voltage, time}")) {
      if (auto x = until->get("capacity")) {
        has_cutoff = true;
        if (auto v = x->quantity(dim::areal_capacity, Range::positive()))
          step.until_capacity = *v;
        else
          ok = false;
      }
      if (auto x = until->get("voltage")) {
        has_cutoff = true;
        if (auto v = x->quantity(dim::voltage, Range::closed(-10, 10)))
          step.until_voltage = *v;
        else
          ok = false;
      }
      if (auto x = until->get("time")) {
        has_cutoff = true;
        if (auto v = x->quantity(dim::time, Range::positive()))
          step.until_time = *v;
        else
          ok = false;
      }
    } else {
      has_cutoff = true;  // reported already
      ok = false;
    }
  }
  if (auto d = body.get("duration")) {
    has_cutoff = true;
    if (step.until_time) {
      d->error("give either duration or until.time, not both");
      ok = false;
    } else if (auto v = d->quantity(dim::time, Range::positive())) {
      step.until_time = *v;
    } else {
      ok = false;
    }
  }
  if (!has_cutoff) {
    body.error("a " + word + " step needs a cut-off: until: {capacity, voltage or time} or duration");
    ok = false;
  }
  return ok ? std::optional<ProtocolStep>(step) : std::nullopt;
}

std::optional<ProtocolStep> read_rest(const Cursor& body) {
  if (!body.check_map({"duration"}, "a mapping {duration}")) return std::nullopt;
  ProtocolStep step;
  step.kind = StepKind::Rest;
  step.control = Control::Rest;
  auto d = body.require("duration");
  if (!d) return std::nullopt;
  auto v = d->quantity(dim::time, Range::positive());
  if (!v) return std::nullopt;
  step.until_time = *v;
  return step;
}

// protocol.steps: a list of one-key steps {charge | rest | discharge: {...}}.
void read_steps(const Cursor& steps, ProtocolConfig& out) {
  auto items = steps.items("a list of steps such as [{charge: {...}}, {rest: {...}}, {discharge: {...}}]");
  if (!items) return;
  if (items->empty()) {
    steps.error("needs at least one step");
    return;
  }
  for (const auto& it : *items) {
    if (!it.is_map()) {
      it.error("expected a step such as {charge: {current: 1 mA/cm2, until: {capacity: 1 mAh/cm2}}}, got " +
               it.describe_value());
      continue;
    }
    const auto entries = it.entries();
    if (entries.size() != 1 || it.node().size() != 1) {
      std::string keys;
      for (const auto& [k, v] : entries) keys += (keys.empty() ? "" : ", ") + k;
      it.error("a step has exactly one kind (charge, rest or discharge), got " +
               std::to_string(it.node().size()) + (keys.empty() ? "" : ": " + keys));
      continue;
    }
    const auto& [kind, body] = entries.front();
    std::optional<ProtocolStep> step;
    if (kind == "charge")
      step = read_drive(body, StepKind::Charge, kind);
    else if (kind == "discharge")
      step = read_drive(body, StepKind::Discharge, kind);
    else if (kind == "rest")
      step = read_rest(body);
    else
      it.check_map(kStepKinds, "a step");  // reports the unknown kind with a suggestion
    if (step) out.steps.push_back(*step);
  }
}

const char* word(StepKind k) {
  return k == StepKind::Charge ? "charge" : k == StepKind::Rest ? "rest" : "discharge";
}
const char* word(Control c) {
  return c == Control::Galvanostatic    ? "galvanostatic"
         : c == Control::Potentiostatic ? "potentiostatic"
                                        : "rest";
}

nlohmann::json steps_json(const ProtocolConfig& p) {
  const auto opt = [](const std::optional<double>& v) {
    return v ? nlohmann::json(*v) : nlohmann::json(nullptr);
  };
  nlohmann::json steps = nlohmann::json::array();
  for (const auto& s : p.steps) {
    nlohmann::json j = {{"kind", word(s.kind)}, {"control", word(s.control)}};
    if (s.control == Control::Galvanostatic) j["current_A_m2"] = s.current;
    if (s.control == Control::Potentiostatic) j["potential_V"] = s.potential;
    j["until_capacity_C_m2"] = opt(s.until_capacity);
    j["until_voltage_V"] = opt(s.until_voltage);
    j["until_time_s"] = opt(s.until_time);
    steps.push_back(j);
  }
  return steps;
}

}  // namespace

const Section<ProtocolConfig>& protocol_section() {
  static const Section<ProtocolConfig> s = [] {
    using N = Section<ProtocolConfig>::Need;
    Section<ProtocolConfig> p("protocol", "a mapping {cycles, steps}");
    p.integer("cycles", 1, 1000000, &ProtocolConfig::cycles, "how often the list of steps runs")
        .custom(
            "steps", N::Required,
            {"list of {charge | discharge: {current or potential, until: {capacity, voltage, time} or "
             "duration}} and {rest: {duration}}",
             "at least one step, each with a cut-off", "required"},
            "the steps of one cycle; each ends at its first cut-off (MODELS §1)",
            [](const Cursor& c, ProtocolConfig& out, const DeckContext*) { read_steps(c, out); },
            [](const ProtocolConfig& v, nlohmann::json& j) { j["steps"] = steps_json(v); });
    return p;
  }();
  return s;
}

void read_protocol(const Cursor& c, ProtocolConfig& out) {
  protocol_section().read(c, out);
}

}  // namespace afsim::config::detail
