// The properties of a material as the database holds them (inputs/materials/*.yaml), in SI: plain structs,
// so that every layer above may hold them (a deck holds its materials resolved, config/config.hpp).
#pragma once

#include <string>
#include <vector>

namespace afsim::materials {

// inputs/materials/metals.yaml
struct MetalProps {
  std::string name;                      // Li | Na
  double molar_mass = 0;                 // kg/mol
  double density = 0;                    // kg/m^3
  double molar_volume = 0;               // m^3/mol (M / rho)
  double surface_energy = 0;             // J/m^2 (gamma, metal/electrolyte)
  int charge_number = 1;                 // n
  std::vector<std::string> unconfirmed;  // properties whose source is unconfirmed ([K-..], placeholder)
};

// inputs/materials/electrolytes.yaml (liquid or solid)
struct ElectrolyteProps {
  std::string name;
  std::string kind = "liquid";        // liquid | solid
  std::string metal;                  // Li | Na (the cation it carries)
  double concentration = 0;           // c0, mol/m^3
  double diffusivity = 0;             // D, m^2/s
  double conductivity = 0;            // kappa_e, S/m
  double transference = 0;            // t+
  double thermodynamic_factor = 1;    // (1 + dln f/dln c)
  double density = 0;                 // kg/m^3
  double exchange_current = 0;        // i0 of the metal in this electrolyte at c0, A/m^2
  double transfer_coefficient = 0.5;  // alpha
  double youngs_modulus = 0;          // Pa (solid electrolytes; 0 = not given)
  double poisson_ratio = 0;           // (solid electrolytes; 0 = not given)
  // kappa_e(c) (MODELS §3, kernels/potential.hpp): constant | dilute (kappa proportional to c) |
  // landesfeind2019 with its six conductivity coefficients p1..p6 (c in mol/L, PARAMETERS.md §2).
  std::string conductivity_form = "dilute";
  std::vector<double> conductivity_coefficients;
  std::vector<std::string> unconfirmed;  // properties whose source is unconfirmed ([K-..], placeholder)
};

// inputs/materials/collectors.yaml
struct CollectorProps {
  std::string name;
  double density = 0;                    // kg/m^3
  double molar_volume = 0;               // m^3/mol of the host element (0 = not given)
  std::vector<std::string> unconfirmed;  // properties whose source is unconfirmed ([K-..], placeholder)
};

// One point of a cathode open-circuit table: state of charge of the window (1 = fully charged) and U.
struct OcvPoint {
  double soc = 0;      // state of charge, 0..1 (1 = fully charged)
  double voltage = 0;  // V vs Li/Li+ (Na/Na+)
};

// inputs/materials/cathodes.yaml
struct CathodeProps {
  std::string name;
  std::string metal;                     // Li | Na
  double specific_capacity = 0;          // C/kg of active material (practical window)
  double density = 0;                    // kg/m^3 (coating)
  std::vector<OcvPoint> ocv;             // sorted by soc ascending, covering [0, 1]
  std::vector<std::string> unconfirmed;  // properties whose source is unconfirmed ([K-..], placeholder)
};

}  // namespace afsim::materials
