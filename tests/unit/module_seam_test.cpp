// The physics-module seam (DESIGN.md §3a, docs/adding-a-model.md): a module plugged into the engine beside
// the liquid model's three shows up, without any edit of the driver, in the time series, the ledger, the
// checkpoint, the VTK fields, the divergence guard, the stop reasons and the interface reaction.
#include <cmath>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "backend/cpu_backend.hpp"
#include "config/deck.hpp"
#include "csv_table.hpp"
#include "io/checkpoint.hpp"
#include "io/vti_reader.hpp"
#include "ledger_check.hpp"
#include "simulation/engine_impl.hpp"
#include "simulation/engine_setup.hpp"
#include "simulation/recorder.hpp"
#include "simulation/run_loop.hpp"
#include "simulation/run_state.hpp"
#include "temp_dir.hpp"

namespace afsim {
namespace {

namespace fs = std::filesystem;
using B = CpuBackend;

const std::string kMinimal = std::string(AFSIM_TEST_DATA_DIR) + "/cli/good_decks/minimal.yaml";

// A test model: a tracer field at 0.5 (range [0, 1]), its double as a derived output, a clock that adds up
// the steps' dt (a column and a checkpoint member), a constant store of metal (a ledger line), a uniform
// surface potential `shift` (V) added to the reaction, and a stop after `stop_after` steps.
class Tracer final : public PhysicsModule<B> {
 public:
  Tracer(const Grid& g, double shift, long long stop_after)
      : tracer_(g, Real(0.5)), doubled_(g), shift_(shift), stop_after_(stop_after), launch_(g) {}
  const char* name() const override { return "tracer"; }
  void declare(FieldRegistry<B>& fields) override {
    FieldRange<B> range;
    range.lower = 0;
    range.upper = 1;
    fields.add({"tracer", "1", "a test tracer", true, "tracer"}, tracer_, range);
    fields.add_derived({"tracer_doubled", "1", "twice the tracer", true, ""}, 1, [this] {
      std::vector<double> v = tracer_.interior_to_host();
      for (double& x : v) x *= 2;
      return v;
    });
    fields.add_scratch(doubled_);
  }
  void bind(const FieldRegistry<B>& fields) override { xi_ = fields.find("metal_fraction"); }
  void contribute(ReactionTerms<B>& t) override {
    if (shift_ != 0) launch_.run(cd_detail::AddConstant{t.surface_potential.view(), Real(shift_)});
  }
  void after_step(const StepTaken& t) override {
    clock_ += t.dt;
    ++steps_;
  }
  void columns(ColumnSink& s) const override { s.real("tracer_clock", "s", clock_); }
  void ledger(LedgerSink& l) const override { l.held("tracer_store", kStore); }
  void state(StateBag& bag) override { bag.bind("tracer.clock_s", clock_); }
  std::optional<StopRequest> stop_reason() const override {
    if (stop_after_ > 0 && steps_ >= stop_after_)
      return StopRequest{StopRequest::Kind::Cutoff, "the tracer stops"};
    return std::nullopt;
  }

  static constexpr double kStore = 0.25;  // mol/m^2
  Field<B>& tracer() { return tracer_; }
  const FieldRegistry<B>::Entry* xi_entry() const { return xi_; }
  double clock() const { return clock_; }

 private:
  Field<B> tracer_, doubled_;
  double shift_;
  long long stop_after_;
  Launcher<B> launch_;
  const FieldRegistry<B>::Entry* xi_ = nullptr;
  double clock_ = 0;
  long long steps_ = 0;
};

// A side reaction on the collector faces, as an interlayer's alloying would be: a current density
// i(eta) = i_s + g (E0 - eta) into the cells of the collector row (eta = V_e - phi), so that its slope is
// exercised too (dq/dphi = g / h per cell). Its metal goes into a store of its own, booked per step.
struct CollectorSink {
  static constexpr int bytes_per_cell = 40;
  ConstView phi;
  View q, dq;
  Real v_e, i_s, g, e0, inv_h;
  AFSIM_HD void operator()(int i, int, int k) const {
    const Real eta = v_e - phi(i, 0, k);
    q(i, 0, k) += (i_s + g * (e0 - eta)) * inv_h;
    dq(i, 0, k) += g * inv_h;
  }
};

// Its current density per collector cell.
struct FaceCurrent {
  static constexpr int bytes_per_cell = 8;
  ConstView phi;
  Real v_e, i_s, g, e0;
  AFSIM_HD double operator()(int i, int, int k) const { return i_s + g * (e0 - (v_e - phi(i, 0, k))); }
};

class Alloying final : public PhysicsModule<B> {
 public:
  Alloying(const Grid& g, double i_s, double conductance, double e0, double nF)
      : g_(g), i_s_(i_s), g_s_(conductance), e0_(e0), nF_(nF) {}
  const char* name() const override { return "alloying"; }
  void declare(FieldRegistry<B>&) override {}
  bool has_side_reaction() const override { return true; }
  void side_reaction(const SideReaction<B>& r) override {
    for_each_cell<B>(Box{0, g_.nx, 0, 1, 0, g_.nz}, CollectorSink{r.phi, r.q, r.dq, Real(r.v_e), Real(i_s_),
                                                                  Real(g_s_), Real(e0_), Real(1 / g_.h)});
    // The current density of this iterate (the last call of a step is its converged one).
    const Box row{0, g_.nx, 0, 1, 0, g_.nz};
    current_ = sum_cells<B>(row, FaceCurrent{r.phi, Real(r.v_e), Real(i_s_), Real(g_s_), Real(e0_)}) /
               double(row.size());
  }
  void after_step(const StepTaken& t) override { store_ += current_ * t.dt / nF_; }
  void ledger(LedgerSink& l) const override { l.held("alloy", store_); }
  void state(StateBag& bag) override { bag.bind("alloying.store_mol_m2", store_); }
  double current() const { return current_; }

 private:
  Grid g_;
  double i_s_, g_s_, e0_, nF_;
  double current_ = 0, store_ = 0;
};

struct Plugged {
  std::unique_ptr<EngineOn<B>> engine;
  Tracer* tracer = nullptr;
};

Plugged plugged_engine(const config::Config& cfg, double shift = 0, long long stop_after = 0) {
  const EngineSetup setup = make_engine_setup(cfg);
  auto tracer = std::make_unique<Tracer>(setup.grid, shift, stop_after);
  Plugged p;
  p.tracer = tracer.get();
  std::vector<std::unique_ptr<PhysicsModule<B>>> extra;
  extra.push_back(std::move(tracer));
  p.engine = std::make_unique<EngineOn<B>>(setup, std::move(extra));
  return p;
}

// The driver's own loop over a plugged engine, outputs in `dir`.
RunOutcome run_plugged(const config::Config& cfg, Engine& engine, const fs::path& dir,
                       const std::vector<std::string>& fields) {
  RunOptions opt;
  opt.log = nullptr;
  const io::RunPaths paths = io::run_paths(dir);
  const DeckIdentity deck = deck_identity(cfg);
  Recorder rec(dir, make_grid(cfg.domain), fields);
  RunLoop::Setup s;
  s.cfg = &cfg;
  s.opt = &opt;
  s.engine = &engine;
  s.recorder = &rec;
  s.paths = &paths;
  s.deck = &deck;
  s.log = [](const std::string&) {};
  RunLoop loop(s);
  loop.begin();
  loop.run();
  loop.finish();
  rec.summary(nlohmann::json::object());
  return loop.outcome();
}

// 0.05 s of plating at 10 ms steps, a row and a frame every 20 ms.
config::Config short_deck() {
  return config::load_deck(
      kMinimal, {"numerics.dt=0.01 s", "protocol.steps[0].charge.until.time=0.05 s", "output.every=0.02 s"});
}

TEST(ModuleSeam, APluggedModuleFindsTheOtherModulesFieldsByName) {
  const Plugged p = plugged_engine(short_deck());
  ASSERT_NE(p.tracer->xi_entry(), nullptr);
  EXPECT_EQ(p.tracer->xi_entry()->spec.unit, "1");
}

TEST(ModuleSeam, ItsColumnAndLedgerLineReachTheTimeSeriesAndTheLedgerStaysClosed) {
  const config::Config cfg = short_deck();
  Plugged p = plugged_engine(cfg);
  test::TempDir dir;
  const RunOutcome out = run_plugged(cfg, *p.engine, dir.path() / "out", {"metal_fraction"});
  EXPECT_EQ(out.status, RunStatus::Completed);
  const test::CsvTable t((dir.path() / "out" / "timeseries.csv").string());
  const auto time = t.column("time_s"), clock = t.column("tracer_clock_s"),
             store = t.column("tracer_store_mol_m2");
  ASSERT_GE(t.rows(), 3u);
  for (size_t r = 0; r < t.rows(); ++r) {
    EXPECT_EQ(clock[r], time[r]) << "row " << r;  // the same dt summed in the same order
    EXPECT_EQ(store[r], Tracer::kStore) << "row " << r;
  }
  // The store is part of the inventory from t = 0 (what the ledger's lines sum to), so the error stays at
  // round-off: recomputed here from the inventory columns and the inflow from the reservoir top.
  const auto cathode = t.column("cathode_mol_m2"), salt = t.column("electrolyte_mol_m2"),
             connected = t.column("metal_connected_mol_m2"), dead = t.column("metal_dead_mol_m2"),
             inflow = t.column("reservoir_in_mol_m2");
  const double initial = cathode[0] + salt[0] + connected[0] + dead[0] + store[0] - inflow[0];
  for (size_t r = 0; r < t.rows(); ++r) {
    const double total = cathode[r] + salt[r] + connected[r] + dead[r] + store[r] - inflow[r];
    EXPECT_LT(std::abs(total - initial) / initial, 1e-12) << "row " << r;
  }
}

TEST(ModuleSeam, ItsFieldsAndStateAreCheckpointedAndItsFieldsWritten) {
  const config::Config cfg = short_deck();
  Plugged p = plugged_engine(cfg);
  test::TempDir dir;
  run_plugged(cfg, *p.engine, dir.path() / "out", {"metal_fraction", "tracer", "tracer_doubled"});
  const io::Checkpoint c = io::read_checkpoint(dir.path() / "out" / "checkpoint.h5");
  EXPECT_EQ(c.real("tracer.clock_s"), p.tracer->clock());
  EXPECT_NEAR(c.real("tracer.clock_s"), 0.05, 1e-12);
  EXPECT_EQ(c.field("tracer").values.front(), 0.5);
  io::ImageGeometry g;
  const auto frame = dir.path() / "out" / "fields" / "step_000000.vti";
  for (double v : io::read_vti_cell_array(frame, "tracer_doubled", g)) ASSERT_EQ(v, 1.0);
  // A fresh engine restored from the state continues with the member.
  const RunState s = run_state_from(c);
  Plugged q = plugged_engine(cfg);
  q.engine->restore_state(s.engine);
  EXPECT_EQ(q.tracer->clock(), p.tracer->clock());
}

TEST(ModuleSeam, ItsFieldRangeIsGuarded) {
  Plugged p = plugged_engine(short_deck());
  EXPECT_FALSE(p.engine->check_fields().has_value());
  p.tracer->tracer().fill(Real(1.5));
  const std::optional<FieldFault> f = p.engine->check_fields();
  ASSERT_TRUE(f.has_value());
  EXPECT_EQ(f->field, "tracer");
  EXPECT_EQ(f->value, 1.5);
  EXPECT_EQ(f->upper, 1.0);
}

TEST(ModuleSeam, ItsStopEndsTheRun) {
  const config::Config cfg = short_deck();
  Plugged p = plugged_engine(cfg, 0, 3);
  test::TempDir dir;
  const RunOutcome out = run_plugged(cfg, *p.engine, dir.path() / "out", {"metal_fraction"});
  EXPECT_EQ(out.status, RunStatus::Cutoff);
  EXPECT_NE(out.message.find("the tracer stops at t = "), std::string::npos) << out.message;
  EXPECT_NEAR(p.tracer->clock(), 0.03, 1e-12);
}

// MODELS (2.3): eta = V_e - phi - U. A uniform U added to every reacting cell leaves the current
// distribution as it was and moves the electrode potential of a galvanostatic solve by exactly U.
TEST(ModuleSeam, AUniformSurfacePotentialItAddsShiftsTheElectrodePotentialByThatMuch) {
  const config::Config cfg = short_deck();
  const double shift = 0.005;  // V
  Plugged with = plugged_engine(cfg, shift), without = plugged_engine(cfg, 0);
  const Drive drive{Drive::Mode::Galvanostatic, 10.0, 0.0};
  const PotentialResult a = with.engine->solve_potential(drive), b = without.engine->solve_potential(drive);
  ASSERT_TRUE(a.converged && b.converged);
  EXPECT_NEAR(a.v_e - b.v_e, shift, 1e-8);
  EXPECT_NEAR(a.current, b.current, 1e-8 * std::abs(b.current));
}

// A side reaction on the collector faces passes charge but forms no metal in xi: of a galvanostatic
// 1 mA/cm2, what it takes (here a quarter, 2.5 A/m^2 at the equilibrium of its linear kinetics, plus what its
// conductance adds) goes into its store, the rest plates; the metal ledger, recomputed here, stays closed.
TEST(ModuleSeam, ASideReactionOnTheCollectorTakesItsShareOfTheCurrentAndTheLedgerStaysClosed) {
  const config::Config cfg =
      config::load_deck(kMinimal, {"numerics.dt=0.01 s", "protocol.steps[0].charge.until.time=0.1 s",
                                   "output.every=0.02 s", "domain.top=counter_electrode"});
  const EngineSetup setup = make_engine_setup(cfg);
  std::vector<std::unique_ptr<PhysicsModule<B>>> extra;
  auto alloy = std::make_unique<Alloying>(setup.grid, 2.5, 50.0, 0.0, setup.model.reaction.nF);
  Alloying* a = alloy.get();
  extra.push_back(std::move(alloy));
  EngineOn<B> engine(setup, std::move(extra));
  test::TempDir dir;
  const RunOutcome out = run_plugged(cfg, engine, dir.path() / "out", {"metal_fraction"});
  ASSERT_EQ(out.status, RunStatus::Completed) << out.message;
  const test::CsvTable t((dir.path() / "out" / "timeseries.csv").string());
  const size_t last = t.rows() - 1;
  const double nF = setup.model.reaction.nF;
  const double q = t.column("charge_C_m2")[last];
  EXPECT_NEAR(q, 10.0 * 0.1, 1e-9);  // the set current, all of it
  const double alloyed = t.column("alloy_mol_m2")[last];
  const double plated = t.column("metal_connected_mol_m2")[last] - t.column("metal_connected_mol_m2")[0];
  // The side reaction's share: more than its 2.5 A/m^2 at eta = E0 = 0 (the plating overpotential is
  // negative, so its linear term adds), less than the whole current.
  EXPECT_GT(alloyed * nF, 2.5 * 0.1 * 0.999);
  EXPECT_LT(alloyed * nF, q);
  // Faraday, split: what plated plus what alloyed is the charge passed.
  EXPECT_NEAR((plated + alloyed) * nF, q, 1e-6 * q);
  EXPECT_LT(test::recomputed_ledger_error(t), 1e-10);
  EXPECT_GT(a->current(), 2.5);
}

}  // namespace
}  // namespace afsim
