// deck_echo_si: the parsed deck as JSON with SI units in the key names (summary.json, the restart hash),
// made by the sections' own declarations (config/section.hpp), so that no key can be left out of it; and the
// deck reference made the same way.
#include "config/deck.hpp"
#include "config/deck_sections.hpp"

namespace afsim::config {

nlohmann::json deck_echo_si(const Config& c) {
  nlohmann::json out;
  out["source"] = c.source;
  out["run"] = detail::run_section().echo(c.run);
  out["domain"] = detail::domain_section().echo(c.domain);
  out["cell"] = detail::cell_section().echo(c.cell);
  out["physics"] = detail::physics_section().echo(c.physics);
  out["numerics"] = detail::numerics_section().echo(c.numerics);
  out["protocol"] = detail::protocol_section().echo(c.protocol);
  out["output"] = detail::output_section().echo(c.output);
  out["warnings"] = c.warnings;
  return out;
}

std::vector<KeyDoc> deck_reference() {
  std::vector<KeyDoc> rows;
  detail::run_section().reference(rows);
  detail::domain_section().reference(rows);
  detail::cell_section().reference(rows);
  detail::physics_section().reference(rows);
  detail::numerics_section().reference(rows);
  detail::protocol_section().reference(rows);
  detail::output_section().reference(rows);
  return rows;
}

std::string deck_reference_markdown() {
  const auto cell = [](std::string s) {
    for (std::size_t p = s.find('|'); p != std::string::npos; p = s.find('|', p + 2)) s.replace(p, 1, "\\|");
    return s;
  };
  std::string md =
      "# Deck reference\n\n"
      "Every key an `afsim run` deck accepts, generated from the sections' declarations "
      "(`afsim validate --list-keys` prints this file; a test keeps it in sync). Quantities take any unit of "
      "their dimension (`50 nm`, `1 mA/cm2`, `25 degC`, `10 min`); defaults are given in SI. A key marked "
      "\"not available yet\" names physics that is not built: a deck that sets it is refused.\n\n"
      "| key | holds | range | default | what it does |\n|---|---|---|---|---|\n";
  for (const KeyDoc& k : deck_reference())
    md += "| `" + k.path + "` | " + cell(k.holds) + " | " + cell(k.range) + " | " + cell(k.fallback) + " | " +
          cell(k.doc) + " |\n";
  return md;
}

}  // namespace afsim::config
