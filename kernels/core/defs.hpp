// Basic definitions shared by every kernel: the host/device qualifier and the scalar type.
#pragma once

#if defined(__CUDACC__)
#define AFSIM_HD __host__ __device__
#else
#define AFSIM_HD
#endif

namespace afsim {

// Field values are double by default (DESIGN.md §3); AFSIM_REAL_FLOAT selects float for speed studies.
// Reductions of conserved quantities always accumulate in double whatever Real is.
#if defined(AFSIM_REAL_FLOAT)
using Real = float;
#else
using Real = double;
#endif

}  // namespace afsim
