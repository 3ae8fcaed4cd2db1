// `--sweep KEY=A..B[:N]UNIT` of `afsim cell`: N values (default 9) evenly from A to B, each applied to the
// deck as `--set PATH="<value> UNIT"`. KEY is a deck key path or an alias: loading -> cell.cathode.loading,
// foil -> stack.anode.thickness (applied only to decks with a metal foil; other decks are evaluated once).
#pragma once

#include <stdexcept>
#include <string>
#include <vector>

namespace afsim::cell {

struct SweepAxis {
  std::string name;                          // as given (loading, foil, stack.separator.thickness, ...)
  std::string path;                          // deck key path
  std::string unit;                          // unit text appended to each value ("mAh/cm2"; may be empty)
  std::vector<double> values;                // in the given unit
  bool foil_only = false;                    // applies only to decks with anode type foil
  std::string override_for(double v) const;  // "path=v unit"
};

struct SweepError : std::invalid_argument {
  using std::invalid_argument::invalid_argument;
};

// Throws SweepError with a message naming the text on a malformed spec.
SweepAxis parse_sweep(const std::string& spec);

}  // namespace afsim::cell
