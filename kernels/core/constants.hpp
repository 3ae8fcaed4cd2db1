// Physical constants (CODATA 2018, exact SI definitions), PARAMETERS.md header.
#pragma once

namespace afsim::constants {

constexpr double faraday = 96485.33212;     // C/mol
constexpr double gas = 8.314462618;         // J/(mol K)
constexpr double boltzmann = 1.380649e-23;  // J/K
constexpr double pi = 3.14159265358979323846;

}  // namespace afsim::constants
