// A field copied to the host for output (VTK frames): interior cells, x fastest; `components` values per
// cell. Plain C++, so the backend-neutral engine face can name it.
#pragma once

#include <string>
#include <vector>

namespace afsim {

struct HostArray {
  std::string name;
  int components = 1;
  std::vector<double> values;
};

}  // namespace afsim
