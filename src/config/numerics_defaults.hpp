// numerics when a deck leaves it out (DESIGN.md §5: the section is optional): the cap of the time step
// derived from the protocol and the interface, so that a deck that names only the physics runs with a
// step that resolves it. The engine still shortens a step where the interface asks for it
// (numerics.max_xi_change, the explicit stability of the phase field).
#pragma once

#include <string>

#include "config/config.hpp"

namespace afsim::config {

struct DerivedTimeStep {
  double dt = 0;       // s
  std::string reason;  // which bound set it, for the deck echo ("protocol step 2 (rest): 600 s / 100")
};

// The smallest of, over the protocol's steps:
//  * the step's planned duration / 100 (its time cut-off, or its capacity over its current; a step that
//    ends on the cell voltage only is bounded by the cathode's whole capacity over its current);
//  * with a moving interface, the time the front takes to advance one interface width l at the step's
//    current, l nF / (|i| V_m);
//  * on a galvanostatic charge, the planar Sand's time pi D (c0 nF / (2 i (1 - t+)))^2 / 100 (MODELS §11 V3):
//    the salt at the front must be resolved while it depletes.
// A potentiostatic step's current is taken at its largest: the least of the kinetic current at its V_e,
// 2 i0 sinh(alpha f |V_e|), the ohmic current kappa_e |V_e| / L_y across the domain, and on a charge the
// salt's limiting current nF D c0 / ((1 - t+) L_y); so its bounds err short. Requires domain, cell,
// physics and protocol to be read.
DerivedTimeStep default_time_step(const Config& cfg);

// Planar Sand's time t_S = pi D (c0 nF)^2 / (4 i^2 (1 - t+)^2) of the deck's electrolyte at the current
// density i (MODELS §11 V3).
double planar_sand_time(const Config& cfg, double i);

}  // namespace afsim::config
