// The physics-module seam (DESIGN.md §3a). A model is not the program: it is a set of modules, each owning
// its fields and parameters and answering a fixed set of questions, so that a new model (nucleation, an
// interlayer, SEI, a solid electrolyte) is an addition, not an edit across the driver. The time step
// (simulation/liquid_step.hpp) calls the modules in named stages; the registries collect what they declare.
//
// docs/adding-a-model.md is the recipe.
#pragma once

#include <limits>
#include <optional>
#include <string>

#include "backend/field.hpp"
#include "physics/field_registry.hpp"
#include "physics/observation.hpp"
#include "physics/state_bag.hpp"

namespace afsim {

// The fields the interface reaction of MODELS (2.2)–(2.5) reads in the potential and salt solves. Before
// the potential solve of a step the engine clears the surface potential and the modules write them from the
// state at the start of the step: the phase field sets the others (its relaxation, the weights of stripping
// and plating, the limiter) and, with Gibbs–Thomson capillarity, the surface potential; a later module adds
// to them (an SEI film's overpotential adds to surface_potential).
template <class B>
struct ReactionTerms {
  Field<B>& rate0;              // potential-independent part of dxi/dt (relaxation), 1/s
  Field<B>& weight;             // c_s L_eta h'(xi): the stripping weight, 0 on dead metal
  Field<B>& plating_weight;     // the same where the collector's electrons reach, 0 elsewhere
  Field<B>& limiter;            // the cell-Damköhler factor g of a step of about dt
  Field<B>& surface_potential;  // U of (2.3), V: equilibrium potential beyond flat pure metal (add to it)
  double dt = 0;                // the step the limiter assumes, s
};

// A reaction beside the metal's, at the interface or on the collector faces (an SEI film forming, an
// interlayer alloying, the current into a nucleus being born): it passes charge through the electrolyte and
// consumes its Li+ as plating does ((1 - t+) q / nF of salt, MODELS §3) but forms no metal in xi; the module
// books where its metal goes (its ledger line). The electrolyte module calls it in every Newton iteration of
// the charge balance with the iterate's potentials; the module adds its charge source q (A/m^3, cathodic > 0
// like the metal's) and its slope dq/dphi into the fields given (a source on the collector faces: the cells
// of the collector row, j = 0).
template <class B>
struct SideReaction {
  ConstView phi;  // electrolyte potential of the iterate, V (ghosts filled)
  ConstView c;    // the concentration the reaction sees, mol/m^3
  double v_e;     // electrode potential of the iterate, V
  View q, dq;     // add into: charge source, A/m^3, and dq/dphi, A/(m^3 V)
};

// A step that was taken, for the modules that book something per step.
struct StepTaken {
  double dt = 0;             // s
  double current = 0;        // mean current density over the collector, A/m^2 (plating > 0)
  double metal_current = 0;  // of which formed metal in xi (the rest went into side reactions)
  long long index = 0;
};

template <class B>
class PhysicsModule {
 public:
  virtual ~PhysicsModule() = default;
  PhysicsModule() = default;
  PhysicsModule(const PhysicsModule&) = delete;
  PhysicsModule& operator=(const PhysicsModule&) = delete;

  // The module's name (MODELS section it implements in its header comment).
  virtual const char* name() const = 0;
  // Its fields: output, checkpoint, bounds, memory (FieldRegistry).
  virtual void declare(FieldRegistry<B>& fields) = 0;
  // The fields of other modules it reads, looked up by name once every module has declared its own.
  virtual void bind(const FieldRegistry<B>&) {}
  // What it adds to the interface reaction before the potential solve of a step.
  virtual void contribute(ReactionTerms<B>&) {}
  // A side reaction (SideReaction above): true when the module has one, side_reaction then adds it.
  virtual bool has_side_reaction() const { return false; }
  virtual void side_reaction(const SideReaction<B>&) {}
  // The largest step its explicit parts allow (s).
  virtual double step_limit() const { return std::numeric_limits<double>::infinity(); }
  // After a step was taken (all fields at n + 1): what it books per step.
  virtual void after_step(const StepTaken&) {}
  // Its observations of the present state: refresh (reductions on the device), then report.
  virtual void observe() {}
  virtual void columns(ColumnSink&) const {}
  virtual void ledger(LedgerSink&) const {}
  // Its checkpoint members beyond the declared fields; after_restore() rebuilds what derives from them.
  virtual void state(StateBag&) {}
  virtual void after_restore() {}
  // A reason to end the run, from its last observation.
  virtual std::optional<StopRequest> stop_reason() const { return std::nullopt; }
  // Bytes per cell moved so far by its own kernels and linear-solver iterations (afsim bench).
  virtual double traffic_bytes_per_cell() const { return 0; }
};

}  // namespace afsim
