// Typed, SI-unit form of an input deck (DESIGN.md §5). Parsed once at the boundary by
// config/deck_parser; everything downstream reads only these structs. Plain C++ (no yaml-cpp), so the
// CUDA translation units can include it.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "materials/material_props.hpp"

// The input vocabulary (units, the schema cursor, diagnostics) is schema's: the deck speaks it.
namespace afsim::schema {}
namespace afsim::config {
using namespace afsim::schema;
}  // namespace afsim::config

namespace afsim::config {

struct RunConfig {
  std::string name;             // run.name
  std::string output;           // run.output (directory)
  std::string device = "auto";  // auto | cpu | gpu
  std::uint64_t seed = 0;       // run.seed
};

enum class Lateral { Periodic, NoFlux };
enum class TopBoundary { Reservoir, CounterElectrode };

struct DomainConfig {
  std::array<int, 3> cells{1, 1, 1};  // nx, ny, nz (nz = 1 for 2-D decks with two entries)
  std::string cells_where;            // "deck.yaml:5:17": where the deck gives cells (for later checks)
  double spacing = 0;                 // m
  Lateral lateral = Lateral::Periodic;
  TopBoundary top = TopBoundary::Reservoir;
};

// The material property structs are the materials database's (materials/material_props.hpp); a deck holds
// them resolved.
using materials::CathodeProps;
using materials::CollectorProps;
using materials::ElectrolyteProps;
using materials::MetalProps;
using materials::OcvPoint;

struct InterlayerConfig {
  std::string material;  // collector/host name
  double thickness = 0;  // m
};

struct CathodeConfig {
  CathodeProps props;
  double loading = 0;      // areal capacity, C/m^2
  double initial_soc = 0;  // state of charge at start (anode-free: 0, fully lithiated cathode)
};

struct CellConfig {
  MetalProps metal;
  ElectrolyteProps electrolyte;
  CollectorProps collector;
  std::optional<InterlayerConfig> interlayer;  // cell-stack decks (afsim cell) only, until MODELS §6 is built
  CathodeConfig cathode;
  double temperature = 298.15;     // K
  double external_resistance = 0;  // Ohm m^2 (R_ext of MODELS (1.1))
};

// How capillarity acts (kernels/phase_field.hpp, docs/model-notes.md "Capillarity").
enum class Capillarity {
  Diffuse,       // the Allen–Cahn curvature flow L_sigma kappa K of the diffuse interface (MODELS (2.1))
  GibbsThomson,  // curvature-free relaxation; gamma V_m K / (nF) in the overpotential (2.3)
};

struct PhaseFieldConfig {
  bool evolve = true;           // false: the deposit is held fixed (current distribution only)
  double interface_width = 0;   // l of MODELS §2 (profile tanh(y/l)), m
  double anisotropy = 0;        // delta_a
  double anisotropy_angle = 0;  // theta_0 of MODELS §2, rad (rotation about z)
  double noise = 0;             // Langevin strength D_xi, 1/s (MODELS §2, docs/model-notes.md)
  Capillarity capillarity = Capillarity::Diffuse;
  std::optional<double> reaction_mobility;   // L_eta, 1/s; default derived from the exchange current
  std::optional<double> interface_mobility;  // L_sigma, m^3/(J s)
};

struct Bump {           // hemispherical cap sitting on the film (or collector)
  double x = 0, z = 0;  // centre along the collector, m (z ignored in 2-D)
  double radius = 0;    // m
};

struct Needle {         // vertical needle with a rounded tip, from the film (or collector) upwards
  double x = 0, z = 0;  // axis position, m
  double width = 0;     // m (diameter)
  double height = 0;    // m above the collector (tip)
};

struct Seeds {         // random hemispherical nuclei on the collector (DESIGN.md §5 `initial: {seeds: ...}`)
  double density = 0;  // areal number density, 1/m^2
  double radius = 0;   // m
};

struct InitialConfig {
  double film = 0;  // flat film thickness, m
  std::vector<Bump> bumps;
  std::vector<Needle> needles;
  std::optional<Seeds> seeds;
  std::string file;  // .vti with a metal_fraction array (replaces the above when set)
};

struct NumericsConfig {
  double dt = 0;                   // time step (the cap of the adaptive step when the deposit evolves), s
  std::string dt_source;           // "deck", or the bound it was derived from (config/numerics_defaults.hpp)
  std::optional<double> dt_min;    // floor of the adaptive step (default 1e-6 dt): below it the run diverged
  double max_xi_change = 0.05;     // largest change of the order parameter in one step (adaptive dt)
  double psi_min = 1e-6;           // floor on the electrolyte fraction in the operators (MODELS §3)
  double ohmic_floor = 0.05;       // residual ohmic kappa_e / kappa_e(c0) of a depleted electrolyte
  double solver_tolerance = 1e-8;  // relative residual of the linear solves
  int solver_max_iterations = 200;
  double newton_tolerance = 1e-9;  // relative change of the galvanostatic current balance
  int newton_max_iterations = 30;
};

struct PhysicsConfig {
  PhaseFieldConfig phase_field;
  InitialConfig initial;
};

enum class StepKind { Charge, Rest, Discharge };
enum class Control { Galvanostatic, Potentiostatic, Rest };

struct ProtocolStep {
  StepKind kind = StepKind::Charge;
  Control control = Control::Galvanostatic;
  double current = 0;                    // A/m^2, magnitude (sign from kind)
  double potential = 0;                  // V_e for potentiostatic steps, V
  std::optional<double> until_capacity;  // C/m^2 passed in this step
  std::optional<double> until_voltage;   // V_cell limit, V
  std::optional<double> until_time;      // s (also 'duration' of a rest)
};

struct ProtocolConfig {
  int cycles = 1;
  std::vector<ProtocolStep> steps;
};

struct OutputConfig {
  std::optional<double> every_time;       // s
  std::optional<double> every_capacity;   // C/m^2
  std::vector<std::string> fields;        // names of fields written to VTK
  std::vector<std::string> fields_where;  // where the deck names each (checked against the run's physics)
  // output.checkpoint: {every: simulated time or areal capacity, wall: wall-clock time}. Unset: a
  // checkpoint follows every output frame. The end of a run always writes one.
  std::optional<double> checkpoint_every_time;      // s of simulated time
  std::optional<double> checkpoint_every_capacity;  // C/m^2 passed
  std::optional<double> checkpoint_wall;            // s of wall-clock time
};

struct Config {
  std::string source;  // deck path (for messages)
  RunConfig run;
  DomainConfig domain;
  CellConfig cell;
  PhysicsConfig physics;
  NumericsConfig numerics;
  ProtocolConfig protocol;
  OutputConfig output;
  std::vector<std::string> warnings;  // non-fatal remarks from loading (unconfirmed values used, ...)
};

}  // namespace afsim::config
