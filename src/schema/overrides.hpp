// --set overrides: `KEY=VALUE` with a dotted key path (`domain.spacing`, `protocol.steps[0].charge.current`)
// and a YAML value (`50 nm`, `[128, 64]`, `{name: Li, surface_energy: 0.4 J/m2}`), merged into the deck's
// tree before it is checked, so an override is validated exactly like the deck text it replaces.
#pragma once

#include <string>
#include <vector>

#include <yaml-cpp/yaml.h>

#include "schema/diagnostics.hpp"
#include "schema/schema.hpp"

namespace afsim::schema {

// Applies each override to `root` in order (later ones win), creating mappings that do not exist yet.
// Records every replaced key path in `source.overrides` so messages about it say `--set KEY=VALUE`;
// malformed overrides are reported to `diag` and skipped.
void apply_overrides(YAML::Node& root, const std::vector<std::string>& overrides, Source& source,
                     Diagnostics& diag);

}  // namespace afsim::schema
