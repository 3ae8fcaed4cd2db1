#include "materials/properties.hpp"

#include <algorithm>
#include <cmath>
#include <optional>

namespace afsim::materials {

using schema::Cursor;
using schema::Dimension;
using schema::Range;
namespace dim = schema::dim;

const std::vector<std::string>& confidence_tags() {
  static const std::vector<std::string> tags = {"R", "A", "S", "C", "T", "K-hi", "K-med", "K-lo", "placeholder"};
  return tags;
}

bool is_unconfirmed_tag(const std::string& tag) {
  return tag.rfind("K-", 0) == 0 || tag == "placeholder";
}

namespace {

// Free-text keys any entry may carry (ignored by the code).
const std::vector<std::string> kTextKeys = {"description", "formula", "note"};

template <class P>
struct NumberField {
  const char* key;
  Dimension dimension;
  Range range;
  double P::*member;
};

void mark(std::vector<std::string>& list, const std::string& key, bool unconfirmed) {
  list.erase(std::remove(list.begin(), list.end(), key), list.end());
  if (unconfirmed) list.push_back(key);
}

// `source` and `confidence` of a sourced mapping (required in a file, optional inline); returns whether the
// confidence tag marks the value unconfirmed.
bool read_source_and_confidence(const Cursor& c, Mode mode) {
  const bool file = mode == Mode::File;
  if (auto s = file ? c.require("source") : c.get("source")) s->text("a source (text)");
  auto t = file ? c.require("confidence") : c.get("confidence");
  if (!t) return false;
  std::vector<std::pair<std::string, std::string>> opts;
  for (const auto& tag : confidence_tags()) opts.emplace_back(tag, tag);
  const auto tag = t->choice(opts);
  return tag && is_unconfirmed_tag(*tag);
}

// The value cell of a property: in a file `{value: X, source: "...", confidence: TAG[, note: ...]}`; inline
// a plain value is accepted as well. Returns the cell holding the value and whether it is unconfirmed.
std::optional<Cursor> value_cell(const Cursor& c, Mode mode, bool* unconfirmed) {
  *unconfirmed = false;
  if (c.is_map()) {
    c.check_map({"value", "source", "confidence", "note"}, "a mapping {value, source, confidence}");
    auto v = c.require("value");
    *unconfirmed = read_source_and_confidence(c, mode);
    return v;
  }
  if (mode == Mode::File) {
    c.error("every value in a material file needs its source: write {value: " +
            (c.is_scalar() ? c.node().Scalar() : std::string("...")) + ", source: \"...\", confidence: TAG}");
    return std::nullopt;
  }
  return c;
}

template <class P>
void read_numbers(const Cursor& entry, Mode mode, const std::vector<NumberField<P>>& fields, P& props,
                  std::vector<std::string>& unconfirmed) {
  for (const auto& f : fields) {
    auto c = entry.get(f.key);
    if (!c) continue;
    bool unc = false;
    auto cell = value_cell(*c, mode, &unc);
    if (!cell) continue;
    if (auto v = cell->quantity(f.dimension, f.range)) {
      props.*(f.member) = *v;
      mark(unconfirmed, f.key, unc);
    }
  }
}

void require_keys(const Cursor& entry, Mode mode, const std::vector<std::string>& keys) {
  if (mode != Mode::File) return;
  for (const auto& k : keys) entry.require(k);
}

std::vector<std::string> with_text_keys(std::vector<std::string> keys) {
  keys.insert(keys.end(), kTextKeys.begin(), kTextKeys.end());
  return keys;
}

template <class P>
std::vector<std::string> keys_of(const std::vector<NumberField<P>>& fields, std::vector<std::string> extra) {
  for (const auto& f : fields) extra.emplace_back(f.key);
  return with_text_keys(extra);
}

std::optional<std::string> metal_name(const Cursor& c) {
  return c.choice<std::string>({{"Li", "Li"}, {"Na", "Na"}});
}

// ---- field tables ----

const std::vector<NumberField<materials::MetalProps>>& metal_fields() {
  using P = materials::MetalProps;
  static const std::vector<NumberField<P>> f = {
      {"molar_mass", dim::molar_mass, Range::positive(), &P::molar_mass},
      {"density", dim::mass_density, Range::positive(), &P::density},
      {"molar_volume", dim::molar_volume, Range::positive(), &P::molar_volume},
      {"surface_energy", dim::surface_energy, Range::positive(), &P::surface_energy},
  };
  return f;
}

const std::vector<NumberField<materials::ElectrolyteProps>>& electrolyte_fields() {
  using P = materials::ElectrolyteProps;
  static const std::vector<NumberField<P>> f = {
      {"concentration", dim::concentration, Range::positive(), &P::concentration},
      {"diffusivity", dim::diffusivity, Range::positive(), &P::diffusivity},
      {"conductivity", dim::conductivity, Range::positive(), &P::conductivity},
      {"transference", dim::none, Range::open_closed(0, 1), &P::transference},
      {"thermodynamic_factor", dim::none, Range::positive(), &P::thermodynamic_factor},
      {"density", dim::mass_density, Range::positive(), &P::density},
      {"exchange_current", dim::current_density, Range::positive(), &P::exchange_current},
      {"transfer_coefficient", dim::none, Range::open(0, 1), &P::transfer_coefficient},
      {"youngs_modulus", dim::pressure, Range::positive(), &P::youngs_modulus},
      {"poisson_ratio", dim::none, Range{-1, 0.5, true, true}, &P::poisson_ratio},
  };
  return f;
}

const std::vector<NumberField<materials::CollectorProps>>& collector_fields() {
  using P = materials::CollectorProps;
  static const std::vector<NumberField<P>> f = {
      {"density", dim::mass_density, Range::positive(), &P::density},
      {"molar_volume", dim::molar_volume, Range::positive(), &P::molar_volume},
  };
  return f;
}

const std::vector<NumberField<materials::CathodeProps>>& cathode_fields() {
  using P = materials::CathodeProps;
  static const std::vector<NumberField<P>> f = {
      {"specific_capacity", dim::specific_capacity, Range::positive(), &P::specific_capacity},
      {"density", dim::mass_density, Range::positive(), &P::density},
  };
  return f;
}

// A voltage in an OCV table: "3.6 V" or a plain number in volts.
std::optional<double> table_voltage(const Cursor& c) {
  const auto s = c.text("a voltage in V");
  if (!s) return std::nullopt;
  schema::Quantity q;
  try {
    q = schema::parse_quantity(*s);
  } catch (const schema::UnitError& e) {
    c.error(std::string("expected a voltage in V, got ") + e.what());
    return std::nullopt;
  }
  if (!q.dimension.dimensionless() && q.dimension != dim::voltage) {
    c.error("expected a voltage in V, got \"" + *s + "\" (" + schema::dimension_name(q.dimension) + ")");
    return std::nullopt;
  }
  if (!(q.value > 0 && q.value < 6)) {
    c.error("must be in (0, 6) V, got \"" + *s + "\"");
    return std::nullopt;
  }
  return q.value;
}

// `ocv: {points: [[soc, V], ...], source, confidence}` (files) or a bare list of pairs (inline).
std::optional<std::vector<materials::OcvPoint>> read_ocv(const Cursor& c, Mode mode, bool* unconfirmed) {
  *unconfirmed = false;
  std::optional<Cursor> list;
  if (c.is_map()) {
    c.check_map({"points", "source", "confidence", "note"}, "a mapping {points, source, confidence}");
    list = c.require("points");
    *unconfirmed = read_source_and_confidence(c, mode);
  } else if (mode == Mode::File) {
    c.error("expected a mapping {points: [[soc, V], ...], source, confidence}, got " + c.describe_value());
    return std::nullopt;
  } else {
    list = c;
  }
  if (!list) return std::nullopt;
  auto items = list->items("a list of [soc, V] pairs");
  if (!items) return std::nullopt;
  std::vector<materials::OcvPoint> pts;
  bool ok = true;
  for (const auto& it : *items) {
    auto pair = it.items("a pair [soc, V]");
    if (!pair) {
      ok = false;
      continue;
    }
    if (pair->size() != 2) {
      it.error("expected a pair [soc, V], got a list of " + std::to_string(pair->size()));
      ok = false;
      continue;
    }
    auto soc = (*pair)[0].quantity(dim::none, Range::closed(0, 1));
    auto v = table_voltage((*pair)[1]);
    if (!soc || !v) {
      ok = false;
      continue;
    }
    pts.push_back({*soc, *v});
  }
  if (!ok) return std::nullopt;
  if (pts.size() < 2) {
    list->error("an OCV table needs at least 2 points, got " + std::to_string(pts.size()));
    return std::nullopt;
  }
  std::stable_sort(pts.begin(), pts.end(), [](const auto& a, const auto& b) { return a.soc < b.soc; });
  for (std::size_t i = 1; i < pts.size(); ++i) {
    if (pts[i].soc == pts[i - 1].soc) {
      list->error("soc " + std::to_string(pts[i].soc) + " appears twice; soc must increase strictly");
      return std::nullopt;
    }
    if (pts[i].voltage < pts[i - 1].voltage) {
      list->error("the open-circuit voltage must not fall as soc rises (at soc " +
                  std::to_string(pts[i].soc) + ")");
      return std::nullopt;
    }
  }
  if (pts.front().soc != 0 || pts.back().soc != 1) {
    list->error("the table must cover soc 0 to 1, got " + std::to_string(pts.front().soc) + " to " +
                std::to_string(pts.back().soc));
    return std::nullopt;
  }
  return pts;
}

}  // namespace

std::vector<std::string> metal_keys() {
  return keys_of(metal_fields(), {"charge_number"});
}
std::vector<std::string> electrolyte_keys() {
  return keys_of(electrolyte_fields(), {"kind", "metal", "conductivity_fit"});
}
std::vector<std::string> collector_keys() {
  return keys_of(collector_fields(), {});
}
std::vector<std::string> cathode_keys() {
  return keys_of(cathode_fields(), {"metal", "ocv"});
}

void read_metal(const Cursor& entry, Mode mode, materials::MetalProps& props) {
  read_numbers(entry, mode, metal_fields(), props, props.unconfirmed);
  if (auto c = entry.get("charge_number")) {
    bool unc = false;  // an exact number: a plain integer is fine even in files
    const std::optional<Cursor> cell = c->is_map() ? value_cell(*c, mode, &unc) : std::optional<Cursor>(*c);
    if (cell)
      if (auto n = cell->integer(1, 3)) props.charge_number = static_cast<int>(*n);
  }
  require_keys(entry, mode, {"molar_mass", "density", "surface_energy"});
  const bool have_mv = entry.get("molar_volume").has_value();
  if (props.molar_mass > 0 && props.density > 0) {
    const double mv = props.molar_mass / props.density;
    if (!have_mv && mode == Mode::File) {
      props.molar_volume = mv;
    } else if (have_mv && mode == Mode::File && std::abs(props.molar_volume - mv) > 0.02 * mv) {
      entry.get("molar_volume")
          ->error("molar_volume " + std::to_string(props.molar_volume) +
                  " m3/mol differs from molar_mass/density = " + std::to_string(mv) +
                  " m3/mol by more than 2 %");
    } else if (mode == Mode::Override && !have_mv && (entry.get("molar_mass") || entry.get("density"))) {
      props.molar_volume = mv;  // keep V_m = M / rho when an override changes M or rho
    }
  }
}

// conductivity_fit: in a file {form, [coefficients,] source, confidence}; inline also a bare form name.
// Forms: constant, dilute (kappa proportional to c) and landesfeind2019 (six coefficients p1..p6).
void read_conductivity_fit(const Cursor& c, Mode mode, materials::ElectrolyteProps& props) {
  const std::vector<std::pair<std::string, std::string>> forms = {
      {"constant", "constant"}, {"dilute", "dilute"}, {"landesfeind2019", "landesfeind2019"}};
  if (!c.is_map()) {
    if (mode == Mode::File) {
      c.error("expected a mapping {form, coefficients, source, confidence}, got " + c.describe_value());
      return;
    }
    if (auto f = c.choice(forms)) {
      if (*f == "landesfeind2019")
        c.error(
            "landesfeind2019 needs its coefficients: write {form: landesfeind2019, coefficients: [p1, ..., "
            "p6]}");
      else
        props.conductivity_form = *f, props.conductivity_coefficients.clear();
    }
    return;
  }
  if (!c.check_map({"form", "coefficients", "source", "confidence", "note"},
                   "a mapping {form, coefficients, source, confidence}"))
    return;
  const bool unc = read_source_and_confidence(c, mode);
  auto form_cell = c.require("form");
  if (!form_cell) return;
  auto form = form_cell->choice(forms);
  if (!form) return;
  std::vector<double> coefficients;
  auto list = c.get("coefficients");
  if (*form == "landesfeind2019") {
    if (!list) {
      c.error("landesfeind2019 needs 'coefficients': the six conductivity coefficients p1..p6");
      return;
    }
    auto items = list->items("a list of six numbers [p1, ..., p6]");
    if (!items) return;
    if (items->size() != 6) {
      list->error("expected the six Landesfeind coefficients [p1, ..., p6], got " +
                  std::to_string(items->size()));
      return;
    }
    for (const auto& it : *items) {
      auto v = it.quantity(dim::none, Range::any());
      if (!v) return;
      coefficients.push_back(*v);
    }
  } else if (list) {
    list->error("form " + *form + " takes no coefficients");
    return;
  }
  props.conductivity_form = *form;
  props.conductivity_coefficients = coefficients;
  mark(props.unconfirmed, "conductivity_fit", unc);
}

void read_electrolyte(const Cursor& entry, Mode mode, materials::ElectrolyteProps& props) {
  if (auto k = entry.get("kind"))
    if (auto v = k->choice<std::string>({{"liquid", "liquid"}, {"solid", "solid"}})) props.kind = *v;
  if (auto m = entry.get("metal"))
    if (auto v = metal_name(*m)) props.metal = *v;
  read_numbers(entry, mode, electrolyte_fields(), props, props.unconfirmed);
  if (auto c = entry.get("conductivity_fit")) read_conductivity_fit(*c, mode, props);
  require_keys(entry, mode, {"kind", "metal", "conductivity", "density", "exchange_current"});
  if (mode == Mode::File && props.kind == "liquid")
    require_keys(entry, mode, {"concentration", "diffusivity", "transference", "conductivity_fit"});
  if (mode == Mode::File && props.kind == "solid" && !entry.get("transference")) props.transference = 1.0;
}

void read_collector(const Cursor& entry, Mode mode, materials::CollectorProps& props) {
  read_numbers(entry, mode, collector_fields(), props, props.unconfirmed);
  require_keys(entry, mode, {"density"});
}

void read_cathode(const Cursor& entry, Mode mode, materials::CathodeProps& props) {
  if (auto m = entry.get("metal"))
    if (auto v = metal_name(*m)) props.metal = *v;
  read_numbers(entry, mode, cathode_fields(), props, props.unconfirmed);
  if (auto c = entry.get("ocv")) {
    bool unc = false;
    if (auto pts = read_ocv(*c, mode, &unc)) {
      props.ocv = *pts;
      mark(props.unconfirmed, "ocv", unc);
    }
  }
  require_keys(entry, mode, {"metal", "specific_capacity", "density", "ocv"});
}

}  // namespace afsim::materials
