// libFuzzer harness for the units parser: parse_quantity either returns a finite quantity or throws
// UnitError; to_si with a dimension never throws when given an error string.
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>

#include "schema/units.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  try {
    const afsim::schema::Quantity q = afsim::schema::parse_quantity(text);
    if (!std::isfinite(q.value)) std::abort();  // the parser promises finite values
  } catch (const afsim::schema::UnitError&) {
  }
  std::string error;
  (void)afsim::schema::to_si(text, afsim::schema::dim::length, &error);
  return 0;
}
