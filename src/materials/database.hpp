// The material database: inputs/materials/{metals,electrolytes,collectors,cathodes}.yaml, each a mapping
// from a material name to its properties (every number with its source and confidence tag). Decks name a
// material, or name one and override some of its properties inline:
//   electrolyte: LiPF6_EC_DMC
//   electrolyte: {name: LiPF6_EC_DMC, diffusivity: 3e-10 m2/s}
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "materials/material_props.hpp"
#include "schema/diagnostics.hpp"
#include "schema/schema.hpp"

namespace afsim::materials {

enum class Kind { Metal, Electrolyte, Collector, Cathode };

const char* file_name(Kind kind);  // "metals.yaml"
const char* noun(Kind kind);       // "metal"

class Database {
 public:
  // Loads and checks all four files of `dir`; every problem is reported to `diag` (file:line:col).
  static Database load(const std::string& dir, schema::Diagnostics& diag);
  // As above, throwing schema::DeckError with all messages.
  static Database load(const std::string& dir);

  const std::string& directory() const { return dir_; }
  std::vector<std::string> names(Kind kind) const;  // in file order

  const materials::MetalProps* metal(const std::string& name) const;
  const materials::ElectrolyteProps* electrolyte(const std::string& name) const;
  const materials::CollectorProps* collector(const std::string& name) const;
  const materials::CathodeProps* cathode(const std::string& name) const;

  // `spec` is a material name or a mapping {name: X, <property>: <value>, ...} in a deck. Unknown names
  // (with the nearest known one) and bad overrides are reported at the spec; returns nullopt then.
  std::optional<materials::MetalProps> resolve_metal(const schema::Cursor& spec) const;
  std::optional<materials::ElectrolyteProps> resolve_electrolyte(const schema::Cursor& spec) const;
  std::optional<materials::CollectorProps> resolve_collector(const schema::Cursor& spec) const;
  std::optional<materials::CathodeProps> resolve_cathode(const schema::Cursor& spec) const;

 private:
  std::string dir_;
  std::map<Kind, std::vector<std::string>> order_;
  std::map<std::string, materials::MetalProps> metals_;
  std::map<std::string, materials::ElectrolyteProps> electrolytes_;
  std::map<std::string, materials::CollectorProps> collectors_;
  std::map<std::string, materials::CathodeProps> cathodes_;
};

}  // namespace afsim::materials
