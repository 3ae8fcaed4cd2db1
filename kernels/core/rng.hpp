// Counter-based random numbers (DESIGN.md §3): a value is a pure function of (seed, step, cell), so a run
// is reproducible, identical on the CPU and the GPU whatever the thread order, and continues bit for bit
// after a restart (the step is the counter; MODELS §2 noise, §11 V13/V15).
#pragma once

#include "core/defs.hpp"

namespace afsim {

// SplitMix64 finaliser (Steele, Lea & Flood 2014): a bijection of 64-bit words with full avalanche.
AFSIM_HD inline unsigned long long splitmix64(unsigned long long x) {
  x += 0x9E3779B97F4A7C15ull;
  x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ull;
  x = (x ^ (x >> 27)) * 0x94D049BB133111EBull;
  return x ^ (x >> 31);
}

// Uniform in [0, 1) from the 53 high bits of the hash of the three keys, chained so that neighbouring
// counters give unrelated values.
AFSIM_HD inline double uniform01(unsigned long long seed, unsigned long long step, unsigned long long cell) {
  const unsigned long long h = splitmix64(seed ^ splitmix64(step ^ splitmix64(cell)));
  return double(h >> 11) * (1.0 / 9007199254740992.0);  // 2^-53
}

}  // namespace afsim
