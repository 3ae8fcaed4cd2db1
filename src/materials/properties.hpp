// Reading one material's properties from a YAML mapping, for the four material kinds. The same readers
// serve the material files (inputs/materials/*.yaml, where every number must carry its source:
// `{value: 2.91e-10 m2/s, source: "...", confidence: C}`) and inline overrides in a deck (where a plain
// `diffusivity: 3e-10 m2/s` is enough).
#pragma once

#include <string>
#include <vector>

#include "materials/material_props.hpp"
#include "schema/schema.hpp"

namespace afsim::materials {

enum class Mode {
  File,     // a material file entry: {value, source, confidence} for every number; required keys enforced
  Override  // an inline deck override: plain values accepted, nothing required
};

// Confidence tags of PARAMETERS.md; K-* and placeholder count as unconfirmed.
const std::vector<std::string>& confidence_tags();
bool is_unconfirmed_tag(const std::string& tag);

// Property keys each kind accepts (without "name").
std::vector<std::string> metal_keys();
std::vector<std::string> electrolyte_keys();
std::vector<std::string> collector_keys();
std::vector<std::string> cathode_keys();

// Each reads the keys present in `entry` (already checked to be a mapping) into `props`, reports problems
// at their position and, in File mode, missing required keys. `unconfirmed` lists are updated: keys read
// with an unconfirmed tag are added, keys overridden inline are removed.
void read_metal(const schema::Cursor& entry, Mode mode, materials::MetalProps& props);
void read_electrolyte(const schema::Cursor& entry, Mode mode, materials::ElectrolyteProps& props);
void read_collector(const schema::Cursor& entry, Mode mode, materials::CollectorProps& props);
void read_cathode(const schema::Cursor& entry, Mode mode, materials::CathodeProps& props);

}  // namespace afsim::materials
