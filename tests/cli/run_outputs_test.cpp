// What `afsim run` writes (DESIGN.md §6), checked on a short run of the minimal deck through the real
// binary: run.pvd, the .vti frames read back with VTK's own reader, timeseries.csv and summary.json; and
// the re-analysis path (a frame of one run as the initial metal of the next).
#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <system_error>
#include <vector>

#include <gtest/gtest.h>
#include <hdf5.h>
#include <nlohmann/json.hpp>
#include <vtkCellData.h>
#include <vtkDataArray.h>
#include <vtkImageData.h>
#include <vtkNew.h>
#include <vtkSmartPointer.h>
#include <vtkXMLDataElement.h>
#include <vtkXMLImageDataReader.h>
#include <vtkXMLUtilities.h>

#include "config/deck.hpp"
#include "run_process.hpp"
#include "simulation/engine_setup.hpp"
#include "temp_dir.hpp"

namespace {

namespace fs = std::filesystem;
using afsim::test::data_path;
using afsim::test::describe;
using afsim::test::ProcessResult;
using afsim::test::run_afsim;
using afsim::test::TempDir;

const std::string kMinimal = data_path("cli/good_decks/minimal.yaml");

// Five steps of 10 ms on the minimal deck's 32 x 32 grid: frames at 0, 20, 40 and 50 ms.
const std::vector<std::string> kShortRun = {
    "numerics.dt=0.01 s", "protocol.steps[0].charge.until.time=0.05 s", "output.every=0.02 s"};
const std::vector<std::string> kFields = {"metal_fraction", "concentration", "potential"};
constexpr int kNx = 32, kNy = 32;
constexpr double kSpacing = 0.5e-6;  // m

std::vector<std::string> run_args(const std::string& deck, const fs::path& out,
                                  const std::vector<std::string>& extra = {}) {
  std::vector<std::string> args = {"run", deck, "--output", out.string()};
  for (const std::string& s : kShortRun) {
    args.push_back("--set");
    args.push_back(s);
  }
  args.insert(args.end(), extra.begin(), extra.end());
  return args;
}

// The short run, done once per test process (ctest runs every test in its own process) and removed at exit.
struct ShortRun {
  fs::path root;
  fs::path out;
  ProcessResult result;

  ShortRun() {
    root = fs::temp_directory_path() / ("afsim_run_outputs_" + std::to_string(::getpid()));
    fs::remove_all(root);
    fs::create_directories(root);
    out = root / "out";
    result = run_afsim(run_args(kMinimal, out));
  }
  ~ShortRun() {
    std::error_code ec;
    fs::remove_all(root, ec);
  }
};

const ShortRun& short_run() {
  static const ShortRun run;
  return run;
}

// ---- readers, independent of afsim's own io/ code ------------------------------------------------------

struct PvdFrame {
  double time = 0;
  std::string file;
};

std::vector<PvdFrame> read_pvd(const fs::path& path) {
  std::vector<PvdFrame> frames;
  vtkSmartPointer<vtkXMLDataElement> root;
  root.TakeReference(vtkXMLUtilities::ReadElementFromFile(path.c_str()));
  if (!root) return frames;
  vtkXMLDataElement* collection = root->FindNestedElementWithName("Collection");
  if (!collection) return frames;
  for (int i = 0; i < collection->GetNumberOfNestedElements(); ++i) {
    vtkXMLDataElement* e = collection->GetNestedElement(i);
    if (std::string(e->GetName()) != "DataSet") continue;
    const char* t = e->GetAttribute("timestep");
    const char* f = e->GetAttribute("file");
    frames.push_back({t ? std::strtod(t, nullptr) : std::nan(""), f ? f : ""});
  }
  return frames;
}

vtkSmartPointer<vtkImageData> read_vti(const fs::path& path) {
  vtkNew<vtkXMLImageDataReader> reader;
  if (!reader->CanReadFile(path.c_str())) return nullptr;
  reader->SetFileName(path.c_str());
  reader->Update();
  if (reader->GetErrorCode() != 0) return nullptr;
  vtkSmartPointer<vtkImageData> image = reader->GetOutput();
  return image;
}

std::vector<double> cell_array(vtkImageData* image, const std::string& name) {
  std::vector<double> v;
  vtkDataArray* a = image ? image->GetCellData()->GetArray(name.c_str()) : nullptr;
  if (!a) return v;
  v.resize(static_cast<size_t>(a->GetNumberOfTuples()));
  for (vtkIdType i = 0; i < a->GetNumberOfTuples(); ++i) v[static_cast<size_t>(i)] = a->GetComponent(i, 0);
  return v;
}

struct Csv {
  std::vector<std::string> header;
  std::vector<std::vector<std::string>> rows;
  int column(const std::string& name) const {
    const auto it = std::find(header.begin(), header.end(), name);
    return it == header.end() ? -1 : static_cast<int>(it - header.begin());
  }
};

std::vector<std::string> split_csv_line(const std::string& line) {
  std::vector<std::string> cells;
  std::string cell;
  bool quoted = false;
  for (size_t i = 0; i < line.size(); ++i) {
    const char c = line[i];
    if (quoted) {
      if (c == '"' && i + 1 < line.size() && line[i + 1] == '"') {
        cell += '"';
        ++i;
      } else if (c == '"') {
        quoted = false;
      } else {
        cell += c;
      }
    } else if (c == '"') {
      quoted = true;
    } else if (c == ',') {
      cells.push_back(cell);
      cell.clear();
    } else if (c != '\r') {
      cell += c;
    }
  }
  cells.push_back(cell);
  for (std::string& s : cells) {
    const auto b = s.find_first_not_of(' ');
    s = b == std::string::npos ? "" : s.substr(b);
  }
  return cells;
}

Csv read_csv(const fs::path& path) {
  Csv csv;
  std::ifstream in(path);
  std::string line;
  if (std::getline(in, line)) csv.header = split_csv_line(line);
  while (std::getline(in, line))
    if (!line.empty()) csv.rows.push_back(split_csv_line(line));
  return csv;
}

double number(const std::string& s) {
  char* end = nullptr;
  const double v = std::strtod(s.c_str(), &end);
  return end == s.c_str() ? std::nan("") : v;
}

double max_abs_difference(const std::vector<double>& a, const std::vector<double>& b) {
  if (a.size() != b.size()) return INFINITY;
  double d = 0;
  for (size_t i = 0; i < a.size(); ++i) d = std::max(d, std::abs(a[i] - b[i]));
  return d;
}

// The metal_fraction the engine holds for the minimal deck with the short-run overrides.
std::vector<double> engine_metal_fraction(const std::string& deck,
                                          const std::vector<std::string>& overrides) {
  const afsim::config::Config cfg = afsim::config::load_deck(deck, overrides);
  std::unique_ptr<afsim::Engine> engine = afsim::make_cpu_engine(afsim::make_engine_setup(cfg));
  const auto fields = engine->host_fields({"metal_fraction"});
  return fields.empty() ? std::vector<double>{} : fields.front().values;
}

class RunOutputs : public ::testing::Test {
 protected:
  void SetUp() override {
    const ShortRun& run = short_run();
    ASSERT_EQ(run.result.exit_code, 0) << describe(run.result);
    out_ = run.out;
  }
  fs::path out_;
};

// ---- the run itself --------------------------------------------------------------------------------------

TEST_F(RunOutputs, ShortRunOfTheMinimalDeckExitsZeroAndWritesTheDesignFiles) {
  EXPECT_TRUE(fs::is_regular_file(out_ / "run.pvd"));
  EXPECT_TRUE(fs::is_directory(out_ / "fields"));
  EXPECT_TRUE(fs::is_regular_file(out_ / "timeseries.csv"));
  EXPECT_TRUE(fs::is_regular_file(out_ / "summary.json"));
}

// ---- run.pvd --------------------------------------------------------------------------------------------

TEST_F(RunOutputs, PvdListsTheFramesWithIncreasingPhysicalTimes) {
  const auto frames = read_pvd(out_ / "run.pvd");
  ASSERT_GE(frames.size(), 3u);
  EXPECT_EQ(frames.front().time, 0.0);
  for (size_t i = 1; i < frames.size(); ++i) EXPECT_GT(frames[i].time, frames[i - 1].time) << "frame " << i;
  EXPECT_NEAR(frames.back().time, 0.05, 1e-12);  // the end of the charge step, in seconds
}

TEST_F(RunOutputs, EveryFileListedInThePvdExists) {
  const auto frames = read_pvd(out_ / "run.pvd");
  ASSERT_FALSE(frames.empty());
  for (const PvdFrame& f : frames) {
    EXPECT_FALSE(fs::path(f.file).is_absolute()) << f.file;
    EXPECT_TRUE(fs::is_regular_file(out_ / f.file)) << f.file;
  }
}

TEST_F(RunOutputs, FieldsFolderHoldsExactlyTheFramesListedInThePvd) {
  std::vector<std::string> listed, present;
  for (const PvdFrame& f : read_pvd(out_ / "run.pvd")) listed.push_back(fs::path(f.file).filename().string());
  for (const auto& e : fs::directory_iterator(out_ / "fields"))
    present.push_back(e.path().filename().string());
  std::sort(listed.begin(), listed.end());
  std::sort(present.begin(), present.end());
  EXPECT_EQ(present, listed);  // no temporary files left behind by the atomic writes
}

// ---- the .vti frames --------------------------------------------------------------------------------------

TEST_F(RunOutputs, EveryFrameReadsBackWithVtkAndHasTheGridsDimensionsAndSpacingInMetres) {
  for (const PvdFrame& f : read_pvd(out_ / "run.pvd")) {
    const auto image = read_vti(out_ / f.file);
    ASSERT_TRUE(image) << f.file;
    int dims[3];
    image->GetDimensions(dims);
    EXPECT_EQ(dims[0], kNx + 1) << f.file;
    EXPECT_EQ(dims[1], kNy + 1) << f.file;
    EXPECT_EQ(dims[2], 1) << f.file;
    EXPECT_EQ(image->GetNumberOfCells(), kNx * kNy) << f.file;
    double spacing[3], origin[3];
    image->GetSpacing(spacing);
    image->GetOrigin(origin);
    EXPECT_NEAR(spacing[0], kSpacing, 1e-20) << f.file;
    EXPECT_NEAR(spacing[1], kSpacing, 1e-20) << f.file;
    EXPECT_EQ(origin[0], 0.0);
    EXPECT_EQ(origin[1], 0.0);
  }
}

TEST_F(RunOutputs, EveryFrameHasTheRequestedFieldsAsFiniteCellData) {
  for (const PvdFrame& f : read_pvd(out_ / "run.pvd")) {
    const auto image = read_vti(out_ / f.file);
    ASSERT_TRUE(image) << f.file;
    for (const std::string& name : kFields) {
      vtkDataArray* a = image->GetCellData()->GetArray(name.c_str());
      ASSERT_NE(a, nullptr) << f.file << " has no cell array " << name;
      EXPECT_EQ(a->GetNumberOfComponents(), 1) << f.file << " " << name;
      EXPECT_EQ(a->GetNumberOfTuples(), kNx * kNy) << f.file << " " << name;
      const auto v = cell_array(image, name);
      const auto bad = std::find_if(v.begin(), v.end(), [](double x) { return !std::isfinite(x); });
      EXPECT_EQ(bad, v.end()) << f.file << " " << name << " has a non-finite value at cell "
                              << (bad - v.begin());
    }
  }
}

TEST_F(RunOutputs, FirstFramesMetalFractionEqualsTheEnginesInitialHostValues) {
  const std::vector<double> expected = engine_metal_fraction(kMinimal, kShortRun);
  ASSERT_EQ(expected.size(), static_cast<size_t>(kNx * kNy));
  const std::vector<PvdFrame> frames = read_pvd(out_ / "run.pvd");
  ASSERT_FALSE(frames.empty());
  const auto got = cell_array(read_vti(out_ / frames.front().file), "metal_fraction");
  EXPECT_LE(max_abs_difference(got, expected), 1e-15) << frames.front().file;
}

// ---- timeseries.csv -----------------------------------------------------------------------------------

TEST_F(RunOutputs, TimeSeriesHeaderHasTheDesignColumns) {
  const Csv csv = read_csv(out_ / "timeseries.csv");
  for (const char* c :
       {"time_s", "step", "cycle", "step_kind", "current_density_A_m2", "charge_C_m2", "V_e_V", "V_cell_V",
        "metal_connected_mol_m2", "metal_dead_mol_m2", "sei_mol_m2", "alloy_mol_m2", "electrolyte_mol_m2",
        "cathode_mol_m2", "ledger_error_rel", "solver_iterations", "dt_s"})
    EXPECT_GE(csv.column(c), 0) << "timeseries.csv has no column " << c;
}

TEST_F(RunOutputs, TimeSeriesHasOneRowPerFrameWithIncreasingTime) {
  const Csv csv = read_csv(out_ / "timeseries.csv");
  const int t = csv.column("time_s");
  ASSERT_GE(t, 0);
  ASSERT_EQ(csv.rows.size(), read_pvd(out_ / "run.pvd").size());
  for (size_t i = 0; i < csv.rows.size(); ++i) {
    ASSERT_EQ(csv.rows[i].size(), csv.header.size()) << "row " << i;
    if (i > 0) EXPECT_GT(number(csv.rows[i][t]), number(csv.rows[i - 1][t])) << "row " << i;
  }
}

TEST_F(RunOutputs, TimeSeriesTimesEqualThePvdTimes) {
  const Csv csv = read_csv(out_ / "timeseries.csv");
  const auto frames = read_pvd(out_ / "run.pvd");
  const int t = csv.column("time_s");
  ASSERT_GE(t, 0);
  ASSERT_EQ(csv.rows.size(), frames.size());
  for (size_t i = 0; i < frames.size(); ++i) EXPECT_DOUBLE_EQ(number(csv.rows[i][t]), frames[i].time);
}

TEST_F(RunOutputs, TimeSeriesCurrentEqualsTheDecksSetCurrent) {
  const afsim::config::Config cfg = afsim::config::load_deck(kMinimal, kShortRun);
  ASSERT_FALSE(cfg.protocol.steps.empty());
  const double set_current = cfg.protocol.steps.front().current;  // A/m^2
  EXPECT_NEAR(set_current, 10.0, 1e-12);                          // 1 mA/cm2
  const Csv csv = read_csv(out_ / "timeseries.csv");
  const int c = csv.column("current_density_A_m2");
  ASSERT_GE(c, 0);
  ASSERT_FALSE(csv.rows.empty());
  for (size_t i = 0; i < csv.rows.size(); ++i)
    EXPECT_NEAR(number(csv.rows[i][c]), set_current, 1e-6 * set_current) << "row " << i;
}

// ---- timeseries.h5 --------------------------------------------------------------------------------------

// A column of timeseries.h5 read with the HDF5 C API: numbers as doubles, text as strings.
struct H5Column {
  bool text = false;
  std::vector<double> numbers;
  std::vector<std::string> strings;
};
H5Column read_h5_column(const fs::path& file, const std::string& name) {
  H5Column col;
  const hid_t f = H5Fopen(file.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT);
  if (f < 0) return col;
  const hid_t d = H5Dopen2(f, ("/timeseries/" + name).c_str(), H5P_DEFAULT);
  if (d >= 0) {
    const hid_t space = H5Dget_space(d);
    const hssize_t n = H5Sget_simple_extent_npoints(space);
    const hid_t type = H5Dget_type(d);
    if (H5Tget_class(type) == H5T_STRING) {
      col.text = true;
      const size_t width = H5Tget_size(type);
      std::string buf(width * static_cast<size_t>(n), '\0');
      H5Dread(d, type, H5S_ALL, H5S_ALL, H5P_DEFAULT, buf.data());
      for (hssize_t r = 0; r < n; ++r) {
        const char* cell = buf.data() + r * width;
        col.strings.emplace_back(cell, strnlen(cell, width));
      }
    } else {
      col.numbers.resize(static_cast<size_t>(n));
      H5Dread(d, H5T_NATIVE_DOUBLE, H5S_ALL, H5S_ALL, H5P_DEFAULT, col.numbers.data());
    }
    H5Tclose(type);
    H5Sclose(space);
    H5Dclose(d);
  }
  H5Fclose(f);
  return col;
}

TEST_F(RunOutputs, TimeSeriesH5HoldsEveryCsvColumnWithTheSameRows) {
  const Csv csv = read_csv(out_ / "timeseries.csv");
  ASSERT_TRUE(fs::is_regular_file(out_ / "timeseries.h5"));
  ASSERT_FALSE(csv.rows.empty());
  for (size_t c = 0; c < csv.header.size(); ++c) {
    const H5Column col = read_h5_column(out_ / "timeseries.h5", csv.header[c]);
    if (csv.header[c] == "step_kind") {
      ASSERT_TRUE(col.text);
      ASSERT_EQ(col.strings.size(), csv.rows.size());
      for (size_t r = 0; r < csv.rows.size(); ++r) EXPECT_EQ(col.strings[r], csv.rows[r][c]) << "row " << r;
      continue;
    }
    ASSERT_EQ(col.numbers.size(), csv.rows.size()) << csv.header[c];
    for (size_t r = 0; r < csv.rows.size(); ++r) {
      const double v = number(csv.rows[r][c]);
      if (std::isnan(v))
        EXPECT_TRUE(std::isnan(col.numbers[r])) << csv.header[c] << " row " << r;
      else
        EXPECT_EQ(col.numbers[r], v) << csv.header[c] << " row " << r;  // %.17g round-trips exactly
    }
  }
}

// The rows the deck itself implies, read from timeseries.h5: output marks every 20 ms and the end at 50 ms,
// 1 mA/cm2 = 10 A/m^2 of charge passed at every instant, one cycle of one charge step, 10 ms steps.
TEST_F(RunOutputs, TimeSeriesH5HoldsTheRowsTheDeckImplies) {
  const fs::path h5 = out_ / "timeseries.h5";
  const std::vector<double> time = read_h5_column(h5, "time_s").numbers;
  ASSERT_EQ(time.size(), 4u);
  const double expected[] = {0.0, 0.02, 0.04, 0.05};
  for (size_t r = 0; r < 4; ++r) EXPECT_NEAR(time[r], expected[r], 1e-12) << "row " << r;
  const std::vector<double> charge = read_h5_column(h5, "charge_C_m2").numbers;
  const std::vector<double> current = read_h5_column(h5, "current_density_A_m2").numbers;
  ASSERT_EQ(charge.size(), 4u);
  for (size_t r = 0; r < 4; ++r) {
    EXPECT_NEAR(current[r], 10.0, 1e-8) << "row " << r;  // the Newton tolerance of the set current
    EXPECT_NEAR(charge[r], 10.0 * expected[r], 1e-9) << "row " << r;
  }
  for (double c : read_h5_column(h5, "cycle").numbers) EXPECT_EQ(c, 1.0);
  const H5Column kind = read_h5_column(h5, "step_kind");
  ASSERT_TRUE(kind.text);
  for (const std::string& k : kind.strings) EXPECT_EQ(k, "charge");
  const std::vector<double> dt = read_h5_column(h5, "dt_s").numbers;
  EXPECT_EQ(dt[0], 0.0);
  for (size_t r = 1; r < 4; ++r) EXPECT_NEAR(dt[r], 0.01, 1e-12) << "row " << r;
}

// ---- summary.json ---------------------------------------------------------------------------------------

TEST_F(RunOutputs, SummaryJsonParsesWithTheDesignKeys) {
  std::ifstream in(out_ / "summary.json");
  const nlohmann::json j = nlohmann::json::parse(in, nullptr, /*allow_exceptions=*/false);
  ASSERT_FALSE(j.is_discarded()) << "summary.json is not valid JSON";
  for (const char* k :
       {"status", "afsim_version", "git", "device", "wall_s", "steps", "deck", "cycles", "final", "ledger"})
    EXPECT_TRUE(j.contains(k)) << "summary.json has no key " << k;
}

TEST_F(RunOutputs, SummaryJsonReportsACompletedRunOfFiveSteps) {
  std::ifstream in(out_ / "summary.json");
  const nlohmann::json j = nlohmann::json::parse(in, nullptr, false);
  ASSERT_FALSE(j.is_discarded());
  EXPECT_EQ(j.value("status", ""), "completed");
  EXPECT_EQ(j.value("steps", -1), 5);
  EXPECT_GE(j.value("wall_s", -1.0), 0.0);
  EXPECT_TRUE(j["cycles"].is_array());
}

// ---- pvpython (where ParaView is installed) -----------------------------------------------------------

// The full path of `program` found on PATH, or "".
std::string which(const std::string& program) {
  std::stringstream ss(std::getenv("PATH") ? std::getenv("PATH") : "");
  for (std::string dir; std::getline(ss, dir, ':');) {
    const fs::path p = fs::path(dir) / program;
    if (!dir.empty() && ::access(p.c_str(), X_OK) == 0) return p.string();
  }
  return "";
}

TEST_F(RunOutputs, PvpythonOpensThePvdAndSeesTheFields) {
  if (which("pvpython").empty()) GTEST_SKIP() << "pvpython is not on PATH";
  TempDir tmp;
  const fs::path script = tmp.path() / "arrays.py";
  {
    std::ofstream s(script);
    s << "import sys\n"
         "from paraview.simple import OpenDataFile, UpdatePipeline\n"
         "r = OpenDataFile(sys.argv[1])\n"
         "UpdatePipeline(proxy=r)\n"
         "print('timesteps', len(r.TimestepValues))\n"
         "for a in r.CellData.keys():\n"
         "    print('array', a)\n";
  }
  const ProcessResult r =
      afsim::test::run_process(which("pvpython"), {script.string(), (out_ / "run.pvd").string()});
  ASSERT_EQ(r.exit_code, 0) << describe(r);
  for (const std::string& name : kFields)
    EXPECT_NE(r.out.find("array " + name), std::string::npos) << describe(r);
}

// ---- other runs
// ---------------------------------------------------------------------------------------------

TEST(RunCommand, WithOneThreadCompletesAndSaysSo) {
  TempDir tmp;
  const fs::path out = tmp.path() / "out";
  const ProcessResult r = run_afsim(run_args(kMinimal, out, {"--threads", "1"}));
  ASSERT_EQ(r.exit_code, 0) << describe(r);
  std::ifstream in(out / "summary.json");
  const nlohmann::json j = nlohmann::json::parse(in, nullptr, false);
  ASSERT_FALSE(j.is_discarded());
  EXPECT_EQ(j.value("status", ""), "completed");
  EXPECT_NE(j.value("device", "").find("1 OpenMP thread"), std::string::npos) << j.value("device", "");
}

// The minimal deck with its initial metal replaced by `initial: {file: <vti>}`.
std::string deck_with_initial_file(const fs::path& vti) {
  std::ifstream in(kMinimal);
  std::string text, line;
  bool in_initial = false;
  while (std::getline(in, line)) {
    if (line.rfind("  initial:", 0) == 0) {
      text += "  initial: {file: \"" + vti.string() + "\"}\n";
      in_initial = true;
      continue;
    }
    if (in_initial && line.rfind("    ", 0) == 0) continue;  // the film, bumps and needles it replaces
    in_initial = false;
    text += line + "\n";
  }
  return text;
}

TEST_F(RunOutputs, ADeckStartingFromAFrameOfAPreviousRunReproducesItsMetalFraction) {
  const auto frames = read_pvd(out_ / "run.pvd");
  ASSERT_FALSE(frames.empty());
  const fs::path frame0 = out_ / frames.front().file;
  const std::vector<double> original = cell_array(read_vti(frame0), "metal_fraction");
  ASSERT_EQ(original.size(), static_cast<size_t>(kNx * kNy));

  TempDir tmp;
  const fs::path deck = tmp.path() / "reanalysis.yaml";
  std::ofstream(deck) << deck_with_initial_file(frame0);
  const fs::path out = tmp.path() / "out";
  const ProcessResult r = run_afsim(run_args(deck.string(), out));
  ASSERT_EQ(r.exit_code, 0) << describe(r) << "\n--- deck ---\n" << deck_with_initial_file(frame0);

  const auto again = read_pvd(out / "run.pvd");
  ASSERT_FALSE(again.empty());
  const auto reproduced = cell_array(read_vti(out / again.front().file), "metal_fraction");
  EXPECT_LE(max_abs_difference(reproduced, original), 1e-15);
}

TEST_F(RunOutputs, AnEngineBuiltFromAFrameOfAPreviousRunHoldsItsMetalFraction) {
  const auto frames = read_pvd(out_ / "run.pvd");
  ASSERT_FALSE(frames.empty());
  const fs::path frame0 = out_ / frames.front().file;
  TempDir tmp;
  const fs::path deck = tmp.path() / "reanalysis.yaml";
  std::ofstream(deck) << deck_with_initial_file(frame0);
  const std::vector<double> original = cell_array(read_vti(frame0), "metal_fraction");
  EXPECT_LE(max_abs_difference(engine_metal_fraction(deck.string(), kShortRun), original), 1e-15);
}

}  // namespace
