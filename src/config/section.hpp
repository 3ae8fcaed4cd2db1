// A deck section declared once (DESIGN.md §3a, §5): every key with what it holds (a quantity of a
// dimension, an integer, a flag, a choice, or a reader of its own), its range, its default and one line of
// doc. The one declaration
//  * reads the section: unknown keys are reported with the nearest known one, every value is checked;
//  * echoes it in SI (summary.json, and the restart hash: a key the echo lacks cannot exist);
//  * documents it (afsim validate --list-keys, docs/deck-reference.md).
// Defaults are the struct's own initial values, so a default is written once, in config.hpp.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "schema/schema.hpp"

namespace afsim::config {

namespace detail {
struct DeckContext;  // what a reader may need beyond the section: materials, the deck's folder, the domain
}  // namespace detail

// One row of the deck reference.
struct KeyDoc {
  std::string path;      // "numerics.dt"
  std::string holds;     // "time (s)", "integer", "true | false", "one of periodic, no_flux", ...
  std::string range;     // "> 0", "in (0, 0.5]", "" when any value of its kind is accepted
  std::string fallback;  // "required", the default in SI, or how it is derived
  std::string doc;
};

template <class T>
class Section {
 public:
  // path: "numerics", "physics.phase_field"; what: the mapping in messages ("a mapping of numerics
  // settings {dt, psi_min, ...}").
  Section(std::string path, std::string what) : path_(std::move(path)), what_(std::move(what)) {}

  // What a key's value does when the deck leaves the key out.
  enum class Need { Required, Optional };

  // A quantity of dimension d in range r. `unit`: the echo's key suffix when the SI unit is not enough
  // ("rad" for an angle).
  Section& quantity(const char* key, const Dimension& d, const Range& r, double T::*member, Need need,
                    const char* doc, const char* unit = nullptr) {
    Key k{key, doc, need == Need::Required};
    k.holds = holds_quantity(d);
    k.range = r.text(unit_text(d));
    k.read = [d, r, member](const Cursor& c, T& out, const detail::DeckContext*) {
      if (auto v = c.quantity(d, r)) out.*member = *v;
    };
    const std::string name = echo_name(key, d, unit);
    k.echo = [name, member](const T& v, nlohmann::json& j) { j[name] = v.*member; };
    k.fallback = [member](const T& v) { return number(v.*member); };
    keys_.push_back(std::move(k));
    return *this;
  }
  // A quantity that stays unset when the key is left out (the model then derives it).
  Section& optional_quantity(const char* key, const Dimension& d, const Range& r,
                             std::optional<double> T::*member, const char* doc, const char* derived) {
    Key k{key, doc, false};
    k.holds = holds_quantity(d);
    k.range = r.text(unit_text(d));
    k.read = [d, r, member](const Cursor& c, T& out, const detail::DeckContext*) {
      if (auto v = c.quantity(d, r)) out.*member = *v;
    };
    const std::string name = echo_name(key, d, nullptr);
    k.echo = [name, member](const T& v, nlohmann::json& j) {
      j[name] = (v.*member) ? nlohmann::json(*(v.*member)) : nlohmann::json(nullptr);
    };
    const std::string text = derived;
    k.fallback = [text](const T&) { return text; };
    keys_.push_back(std::move(k));
    return *this;
  }
  template <class I>
  Section& integer(const char* key, long long lo, long long hi, I T::*member, const char* doc) {
    Key k{key, doc, false};
    k.holds = "integer";
    k.range = "in [" + std::to_string(lo) + ", " + std::to_string(hi) + "]";
    k.read = [lo, hi, member](const Cursor& c, T& out, const detail::DeckContext*) {
      if (auto v = c.integer(lo, hi)) out.*member = static_cast<I>(*v);
    };
    k.echo = [key = std::string(key), member](const T& v, nlohmann::json& j) { j[key] = v.*member; };
    k.fallback = [member](const T& v) { return std::to_string(v.*member); };
    keys_.push_back(std::move(k));
    return *this;
  }
  Section& flag(const char* key, bool T::*member, const char* doc) {
    Key k{key, doc, false};
    k.holds = "true | false";
    k.read = [member](const Cursor& c, T& out, const detail::DeckContext*) {
      if (auto v = c.boolean()) out.*member = *v;
    };
    k.echo = [key = std::string(key), member](const T& v, nlohmann::json& j) { j[key] = v.*member; };
    k.fallback = [member](const T& v) { return std::string(v.*member ? "true" : "false"); };
    keys_.push_back(std::move(k));
    return *this;
  }
  template <class E>
  Section& choice(const char* key, std::vector<std::pair<std::string, E>> options, E T::*member,
                  const char* doc) {
    Key k{key, doc, false};
    std::string words;
    for (const auto& [w, e] : options) words += (words.empty() ? "" : " | ") + w;
    k.holds = words;
    k.read = [options, member](const Cursor& c, T& out, const detail::DeckContext*) {
      if (auto v = c.choice<E>(options)) out.*member = *v;
    };
    const auto word = [options](E e) {
      for (const auto& [w, v] : options)
        if (v == e) return w;
      return std::string("?");
    };
    k.echo = [key = std::string(key), member, word](const T& v, nlohmann::json& j) {
      j[key] = word(v.*member);
    };
    k.fallback = [member, word](const T& v) { return word(v.*member); };
    keys_.push_back(std::move(k));
    return *this;
  }
  // How a key with a reader of its own is described in the reference.
  struct Describe {
    std::string holds, range, fallback;
  };
  // A key with a reader of its own (lists, materials, several dimensions, checks of its own). `echo` writes
  // it into the section's echo.
  Section& custom(const char* key, Need need, const Describe& d, const char* doc,
                  std::function<void(const Cursor&, T&, const detail::DeckContext*)> read,
                  std::function<void(const T&, nlohmann::json&)> echo) {
    Key k{key, doc, need == Need::Required};
    k.holds = d.holds;
    k.range = d.range;
    k.read = std::move(read);
    k.echo = std::move(echo);
    const std::string fallback = d.fallback;
    k.fallback = [fallback](const T&) { return fallback; };
    keys_.push_back(std::move(k));
    return *this;
  }
  // A nested section held by member.
  template <class S>
  Section& section(const char* key, const Section<S>& spec, S T::*member, Need need, const char* doc) {
    Key k{key, doc, need == Need::Required};
    k.holds = "mapping";
    k.read = [spec, member](const Cursor& c, T& out, const detail::DeckContext* ctx) {
      spec.read(c, out.*member, ctx);
    };
    k.echo = [key = std::string(key), spec, member](const T& v, nlohmann::json& j) {
      j[key] = spec.echo(v.*member);
    };
    k.fallback = [](const T&) { return std::string(""); };
    k.nested = [spec](std::vector<KeyDoc>& rows) { spec.reference(rows); };
    keys_.push_back(std::move(k));
    return *this;
  }
  // A nested mapping whose keys fill this section's own struct (output.checkpoint in OutputConfig); its
  // echo is flat in this section's, each key prefixed with `key_` (checkpoint_every_s).
  Section& subsection(const char* key, const Section<T>& spec, const char* doc) {
    Key k{key, doc, false};
    k.holds = "mapping";
    k.read = [spec](const Cursor& c, T& out, const detail::DeckContext* ctx) { spec.read(c, out, ctx); };
    k.echo = [key = std::string(key), spec](const T& v, nlohmann::json& j) {
      const nlohmann::json echo = spec.echo(v);  // items() must not outlive the object it walks
      for (const auto& item : echo.items()) j[key + "_" + item.key()] = item.value();
    };
    k.fallback = [](const T&) { return std::string(""); };
    k.nested = [spec](std::vector<KeyDoc>& rows) { spec.reference(rows); };
    keys_.push_back(std::move(k));
    return *this;
  }
  // A key of physics that is not built yet: known (so not "did you mean ..."), refused with `message`.
  Section& refused(const char* key, const char* message) {
    Key k{key, message, false};
    k.holds = "not available yet";
    const std::string m = message;
    k.read = [m](const Cursor& c, T&, const detail::DeckContext*) { c.error(m); };
    k.fallback = [](const T&) { return std::string("refused"); };
    keys_.push_back(std::move(k));
    return *this;
  }
  // A check across keys, run after the section's keys were read (with the section's cursor).
  Section& check(std::function<void(const Cursor&, T&, const detail::DeckContext*)> f) {
    checks_.push_back(std::move(f));
    return *this;
  }

  const std::string& path() const { return path_; }
  std::vector<std::string> keys() const {
    std::vector<std::string> out;
    for (const Key& k : keys_) out.push_back(k.key);
    return out;
  }

  // Reads the section at c into out (every problem reported through c's diagnostics); false when c is not
  // a mapping.
  bool read(const Cursor& c, T& out, const detail::DeckContext* ctx = nullptr) const {
    if (!c.check_map(keys(), what_)) return false;
    for (const Key& k : keys_) {
      const std::optional<Cursor> v = k.required ? c.require(k.key) : c.get(k.key);
      if (v) k.read(*v, out, ctx);
    }
    for (const auto& f : checks_) f(c, out, ctx);
    return true;
  }
  // The section in SI, every declared key (refused ones excepted) under its echo name.
  nlohmann::json echo(const T& v) const {
    nlohmann::json j = nlohmann::json::object();
    for (const Key& k : keys_)
      if (k.echo) k.echo(v, j);
    return j;
  }
  // The section's rows of the deck reference, defaults from a default-constructed T.
  void reference(std::vector<KeyDoc>& rows) const {
    const T defaults{};
    for (const Key& k : keys_) {
      const std::string path = path_.empty() ? k.key : path_ + "." + k.key;
      rows.push_back(KeyDoc{path, k.holds, k.range, k.required ? "required" : k.fallback(defaults), k.doc});
      if (k.nested) k.nested(rows);
    }
  }

 private:
  struct Key {
    Key(std::string k, std::string d, bool r) : key(std::move(k)), doc(std::move(d)), required(r) {}
    std::string key, doc;
    bool required = false;
    std::string holds, range;
    std::function<void(const Cursor&, T&, const detail::DeckContext*)> read;
    std::function<void(const T&, nlohmann::json&)> echo;
    std::function<std::string(const T&)> fallback;
    std::function<void(std::vector<KeyDoc>&)> nested;
  };

  static std::string number(double v) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%g", v);
    return buf;
  }
  static std::string holds_quantity(const Dimension& d) {
    if (d.dimensionless()) return "number";
    return dimension_name(d) + " (" + unit_text(d) + ")";
  }
  // The SI unit as a battery scientist writes it.
  static std::string unit_text(const Dimension& d) {
    if (d.dimensionless()) return "";
    const std::pair<Dimension, const char*> named[] = {{dim::current_density, "A/m^2"},
                                                       {dim::areal_capacity, "C/m^2"},
                                                       {dim::rate, "1/s"},
                                                       {dim::area_resistance, "ohm m^2"},
                                                       {dim::interface_mobility, "m^3/(J s)"},
                                                       {dim::areal_density, "1/m^2"},
                                                       {dim::concentration, "mol/m^3"},
                                                       {dim::diffusivity, "m^2/s"},
                                                       {dim::voltage, "V"},
                                                       {dim::pressure, "Pa"}};
    for (const auto& [dimension, text] : named)
      if (d == dimension) return text;
    return d.si_unit();
  }
  static std::string echo_name(const char* key, const Dimension& d, const char* unit) {
    if (unit) return std::string(key) + "_" + unit;
    if (d.dimensionless()) return key;
    return std::string(key) + "_" + d.key_suffix();
  }

  std::string path_, what_;
  std::vector<Key> keys_;
  std::vector<std::function<void(const Cursor&, T&, const detail::DeckContext*)>> checks_;
};

}  // namespace afsim::config
