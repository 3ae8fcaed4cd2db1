// Output layer (src/io): VTK images, the ParaView collection, the time series, JSON and atomic writes.
#include <unistd.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <limits>
#include <sstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <hdf5.h>
#include <vtkCellData.h>
#include <vtkDataArray.h>
#include <vtkDoubleArray.h>
#include <vtkImageData.h>
#include <vtkNew.h>
#include <vtkPointData.h>
#include <vtkSmartPointer.h>
#include <vtkXMLDataElement.h>
#include <vtkXMLImageDataReader.h>
#include <vtkXMLImageDataWriter.h>
#include <vtkXMLUtilities.h>

#include "io/atomic_file.hpp"
#include "io/pvd_writer.hpp"
#include "io/run_directory.hpp"
#include "io/summary.hpp"
#include "io/timeseries.hpp"
#include "io/timeseries_h5.hpp"
#include "io/vti_reader.hpp"
#include "io/vtk_writer.hpp"

namespace fs = std::filesystem;
using namespace afsim::io;

namespace {

class IoTest : public ::testing::Test {
 protected:
  void SetUp() override {
    const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
    dir_ = fs::temp_directory_path() /
           ("afsim_io_" + std::to_string(::getpid()) + "_" + info->test_suite_name() + "_" + info->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  void TearDown() override {
    std::error_code ec;
    fs::remove_all(dir_, ec);
  }

  static std::string slurp(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::ostringstream ss;
    ss << in.rdbuf();
    return ss.str();
  }
  static void spit(const fs::path& p, const std::string& s) { std::ofstream(p, std::ios::binary) << s; }

  // A recognisable, non-symmetric value per cell.
  static std::vector<double> ramp(long long n, double scale) {
    std::vector<double> v(static_cast<std::size_t>(n));
    for (long long i = 0; i < n; ++i) v[static_cast<std::size_t>(i)] = scale * (0.1 + i) + 1e-17 * i;
    return v;
  }

  static vtkSmartPointer<vtkXMLImageDataReader> vtk_read(const fs::path& p) {
    auto reader = vtkSmartPointer<vtkXMLImageDataReader>::New();
    reader->SetFileName(p.c_str());
    reader->Update();
    return reader;
  }

  fs::path dir_;
};

}  // namespace

// ---- write_vti --------------------------------------------------------------------------------------

TEST_F(IoTest, WriteVti_TwoDimensionalField_ReadsBackValueForValueWithVtkReader) {
  const ImageGeometry g{5, 3, 1, 50e-9, {1e-6, 2e-6, 0.0}};
  const std::vector<double> phi = ramp(g.cell_count(), 0.25);
  const fs::path file = dir_ / "frame2d.vti";
  write_vti(file, g, {{"metal_fraction", phi}});

  auto reader = vtk_read(file);
  vtkImageData* image = reader->GetOutput();
  int dims[3];
  image->GetDimensions(dims);
  EXPECT_EQ(dims[0], 6);
  EXPECT_EQ(dims[1], 4);
  EXPECT_EQ(dims[2], 1);  // flat: a true 2-D image of pixels
  double spacing[3], origin[3];
  image->GetSpacing(spacing);
  image->GetOrigin(origin);
  EXPECT_DOUBLE_EQ(spacing[0], 50e-9);
  EXPECT_DOUBLE_EQ(spacing[1], 50e-9);
  EXPECT_DOUBLE_EQ(origin[0], 1e-6);
  EXPECT_DOUBLE_EQ(origin[1], 2e-6);
  EXPECT_EQ(image->GetNumberOfCells(), 15);

  vtkDataArray* a = image->GetCellData()->GetArray("metal_fraction");
  ASSERT_NE(a, nullptr);
  ASSERT_EQ(a->GetNumberOfTuples(), 15);
  for (vtkIdType i = 0; i < 15; ++i) EXPECT_EQ(a->GetComponent(i, 0), phi[static_cast<std::size_t>(i)]) << i;
}

TEST_F(IoTest, WriteVti_ThreeDimensionalFields_ReadBackValueForValueWithVtkReader) {
  const ImageGeometry g{4, 3, 2, 1e-7, {0.0, 0.0, -3e-7}};
  const std::vector<double> c = ramp(g.cell_count(), 1000.0);
  std::vector<std::array<double, 3>> j(static_cast<std::size_t>(g.cell_count()));
  for (std::size_t i = 0; i < j.size(); ++i) j[i] = {1.0 * i, -2.0 * i, 0.5 + i};
  const fs::path file = dir_ / "frame3d.vti";
  write_vti(file, g, {{"concentration", c}}, {{"current_density", j}});

  auto reader = vtk_read(file);
  vtkImageData* image = reader->GetOutput();
  int dims[3];
  image->GetDimensions(dims);
  EXPECT_EQ(dims[0], 5);
  EXPECT_EQ(dims[1], 4);
  EXPECT_EQ(dims[2], 3);
  double spacing[3], origin[3];
  image->GetSpacing(spacing);
  image->GetOrigin(origin);
  EXPECT_DOUBLE_EQ(spacing[2], 1e-7);
  EXPECT_DOUBLE_EQ(origin[2], -3e-7);

  // Cell (i,j,k) of the file is values[i + nx*(j + ny*k)]: check through VTK's own cell indexing.
  vtkDataArray* ca = image->GetCellData()->GetArray("concentration");
  ASSERT_NE(ca, nullptr);
  for (int k = 0; k < 2; ++k)
    for (int jj = 0; jj < 3; ++jj)
      for (int i = 0; i < 4; ++i) {
        int ijk[3] = {i, jj, k};
        const vtkIdType id = image->ComputeCellId(ijk);
        EXPECT_EQ(ca->GetComponent(id, 0), c[static_cast<std::size_t>(i + 4 * (jj + 3 * k))]);
      }
  vtkDataArray* ja = image->GetCellData()->GetArray("current_density");
  ASSERT_NE(ja, nullptr);
  ASSERT_EQ(ja->GetNumberOfComponents(), 3);
  for (vtkIdType i = 0; i < ja->GetNumberOfTuples(); ++i)
    for (int comp = 0; comp < 3; ++comp)
      EXPECT_EQ(ja->GetComponent(i, comp), j[static_cast<std::size_t>(i)][static_cast<std::size_t>(comp)]);
}

TEST_F(IoTest, WriteVti_File_IsAppendedRawBinaryAndZlibCompressed) {
  const ImageGeometry g{64, 64, 1, 1e-8, {}};
  const fs::path file = dir_ / "f.vti";
  write_vti(file, g, {{"potential", std::vector<double>(4096, 0.5)}});
  const std::string text = slurp(file);
  const std::string header = text.substr(0, text.find("<AppendedData"));
  EXPECT_NE(header.find("type=\"ImageData\""), std::string::npos);
  EXPECT_NE(header.find("compressor=\"vtkZLibDataCompressor\""), std::string::npos);
  EXPECT_NE(header.find("format=\"appended\""), std::string::npos);
  EXPECT_NE(text.find("<AppendedData encoding=\"raw\">"), std::string::npos);
  EXPECT_LT(text.size(), 4096u * 8u / 4u);  // constant field: compressed far below the raw doubles
}

TEST_F(IoTest, WriteVti_WrongValueCount_IsRejected) {
  const ImageGeometry g{2, 2, 1, 1e-8, {}};
  EXPECT_THROW(write_vti(dir_ / "f.vti", g, {{"xi", std::vector<double>(3, 0.0)}}), std::invalid_argument);
}

TEST_F(IoTest, WriteVti_FailedWrite_LeavesPreviousFrameIntact) {
  const ImageGeometry g{2, 2, 1, 1e-8, {}};
  const fs::path file = dir_ / "f.vti";
  write_vti(file, g, {{"xi", {1, 2, 3, 4}}});
  const std::string before = slurp(file);
  fs::create_directory(temporary_path_for(file));  // the temporary cannot be created (even as root)
  try {
    write_vti(file, g, {{"xi", {5, 6, 7, 8}}});
    FAIL() << "expected IoError";
  } catch (const IoError& e) {
    EXPECT_NE(std::string(e.what()).find(dir_.string()), std::string::npos) << e.what();
  }
  EXPECT_EQ(slurp(file), before);
}

// ---- read_vti_cell_array ----------------------------------------------------------------------------

TEST_F(IoTest, ReadVtiCellArray_RoundTripsValuesAndGeometry) {
  const ImageGeometry g{3, 4, 2, 2.5e-8, {1e-7, -1e-7, 5e-8}};
  const std::vector<double> xi = ramp(g.cell_count(), -0.3);
  const fs::path file = dir_ / "f.vti";
  write_vti(file, g, {{"dead_metal", ramp(g.cell_count(), 1.0)}, {"xi", xi}});

  ImageGeometry back;
  const std::vector<double> values = read_vti_cell_array(file, "xi", back);
  EXPECT_EQ(values, xi);
  EXPECT_EQ(back.nx, 3);
  EXPECT_EQ(back.ny, 4);
  EXPECT_EQ(back.nz, 2);
  EXPECT_DOUBLE_EQ(back.spacing, 2.5e-8);
  EXPECT_DOUBLE_EQ(back.origin[0], 1e-7);
  EXPECT_DOUBLE_EQ(back.origin[1], -1e-7);
  EXPECT_DOUBLE_EQ(back.origin[2], 5e-8);
}

TEST_F(IoTest, ReadVtiCellArray_TwoDimensionalFile_GivesOneLayerInZ) {
  const ImageGeometry g{4, 2, 1, 1e-8, {}};
  const fs::path file = dir_ / "f.vti";
  write_vti(file, g, {{"xi", ramp(8, 1.0)}});
  ImageGeometry back;
  EXPECT_EQ(read_vti_cell_array(file, "xi", back), ramp(8, 1.0));
  EXPECT_EQ(back.nz, 1);
  EXPECT_EQ(back.nx, 4);
  EXPECT_EQ(back.ny, 2);
}

TEST_F(IoTest, ReadVtiCellArray_MissingArray_ErrorListsArraysPresent) {
  const ImageGeometry g{2, 2, 1, 1e-8, {}};
  const fs::path file = dir_ / "f.vti";
  write_vti(file, g, {{"metal_fraction", {0, 0, 0, 0}}, {"potential", {1, 1, 1, 1}}});
  ImageGeometry back;
  try {
    read_vti_cell_array(file, "concentration", back);
    FAIL() << "expected IoError";
  } catch (const IoError& e) {
    const std::string msg = e.what();
    EXPECT_NE(msg.find("concentration"), std::string::npos) << msg;
    EXPECT_NE(msg.find("metal_fraction"), std::string::npos) << msg;
    EXPECT_NE(msg.find("potential"), std::string::npos) << msg;
    EXPECT_NE(msg.find(file.string()), std::string::npos) << msg;
  }
}

TEST_F(IoTest, ReadVtiCellArray_MissingFile_ErrorNamesPath) {
  ImageGeometry back;
  const fs::path file = dir_ / "absent.vti";
  try {
    read_vti_cell_array(file, "xi", back);
    FAIL() << "expected IoError";
  } catch (const IoError& e) {
    EXPECT_NE(std::string(e.what()).find(file.string()), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find("No such file"), std::string::npos) << e.what();
  }
}

TEST_F(IoTest, ReadVtiCellArray_NotAVtiFile_IsRejected) {
  const fs::path file = dir_ / "deck.vti";
  spit(file, "run: {name: x}\n");
  ImageGeometry back;
  try {
    read_vti_cell_array(file, "xi", back);
    FAIL() << "expected IoError";
  } catch (const IoError& e) {
    EXPECT_NE(std::string(e.what()).find("not a VTK XML ImageData"), std::string::npos) << e.what();
  }
}

TEST_F(IoTest, ReadVtiCellArray_VectorArray_IsRejectedWithComponentCount) {
  const ImageGeometry g{2, 1, 1, 1e-8, {}};
  const fs::path file = dir_ / "f.vti";
  write_vti(file, g, {}, {{"current_density", {{{1, 2, 3}}, {{4, 5, 6}}}}});
  ImageGeometry back;
  try {
    read_vti_cell_array(file, "current_density", back);
    FAIL() << "expected IoError";
  } catch (const IoError& e) {
    EXPECT_NE(std::string(e.what()).find("3 components"), std::string::npos) << e.what();
  }
}

TEST_F(IoTest, ReadVtiCellArray_PointData_TakesEachPointAsACellCentre) {
  // A "voxel image" as numpy/pyvista users make it: 3 x 2 points carrying point data.
  vtkNew<vtkImageData> image;
  image->SetDimensions(3, 2, 1);
  image->SetSpacing(1e-8, 1e-8, 1e-8);
  image->SetOrigin(5e-9, 5e-9, 0.0);
  vtkNew<vtkDoubleArray> seeds;
  seeds->SetName("seeds");
  for (double v : {0.0, 1.0, 0.0, 1.0, 1.0, 0.0}) seeds->InsertNextValue(v);
  image->GetPointData()->AddArray(seeds);
  const fs::path file = dir_ / "seeds.vti";
  vtkNew<vtkXMLImageDataWriter> writer;
  writer->SetInputData(image);
  writer->SetFileName(file.c_str());
  ASSERT_EQ(writer->Write(), 1);

  ImageGeometry back;
  const std::vector<double> values = read_vti_cell_array(file, "seeds", back);
  EXPECT_EQ(values, (std::vector<double>{0, 1, 0, 1, 1, 0}));
  EXPECT_EQ(back.nx, 3);
  EXPECT_EQ(back.ny, 2);
  EXPECT_EQ(back.nz, 1);
  EXPECT_NEAR(back.origin[0], 0.0, 1e-20);
  EXPECT_NEAR(back.origin[1], 0.0, 1e-20);
}

// ---- PvdCollection ----------------------------------------------------------------------------------

TEST_F(IoTest, PvdCollection_ListsTimesInOrderAsValidXml) {
  const fs::path pvd = dir_ / "run.pvd";
  PvdCollection collection(pvd);
  collection.add(0.0, frame_relative_path(0));
  collection.add(0.1, frame_relative_path(1));
  collection.add(12.345678901234567, frame_relative_path(2));

  vtkSmartPointer<vtkXMLDataElement> root;
  root.TakeReference(vtkXMLUtilities::ReadElementFromFile(pvd.c_str()));
  ASSERT_NE(root, nullptr) << "run.pvd is not well-formed XML";
  EXPECT_STREQ(root->GetName(), "VTKFile");
  EXPECT_STREQ(root->GetAttribute("type"), "Collection");
  vtkXMLDataElement* c = root->FindNestedElementWithName("Collection");
  ASSERT_NE(c, nullptr);
  ASSERT_EQ(c->GetNumberOfNestedElements(), 3);
  EXPECT_STREQ(c->GetNestedElement(0)->GetAttribute("file"), "fields/step_000000.vti");
  EXPECT_STREQ(c->GetNestedElement(2)->GetAttribute("file"), "fields/step_000002.vti");

  const std::vector<PvdEntry> entries = read_pvd(pvd);
  ASSERT_EQ(entries.size(), 3u);
  EXPECT_EQ(entries[0].time_s, 0.0);
  EXPECT_EQ(entries[1].time_s, 0.1);  // 17 significant digits: exact round trip
  EXPECT_EQ(entries[2].time_s, 12.345678901234567);
}

TEST_F(IoTest, PvdCollection_DecreasingTime_IsRejected) {
  PvdCollection collection(dir_ / "run.pvd");
  collection.add(1.0, "a.vti");
  EXPECT_THROW(collection.add(0.5, "b.vti"), std::invalid_argument);
  EXPECT_EQ(read_pvd(dir_ / "run.pvd").size(), 1u);
}

TEST_F(IoTest, PvdCollection_Reopened_AppendsAfterExistingEntries) {
  const fs::path pvd = dir_ / "run.pvd";
  {
    PvdCollection first(pvd);
    first.add(0.0, "fields/step_000000.vti");
    first.add(1.0, dir_ / "fields" / "step_000001.vti");  // absolute: stored relative to the .pvd
  }
  PvdCollection resumed = PvdCollection::open(pvd);
  ASSERT_EQ(resumed.entries().size(), 2u);
  EXPECT_EQ(resumed.entries()[1].file, "fields/step_000001.vti");
  resumed.add(2.0, "fields/step_000002.vti");
  const std::vector<PvdEntry> entries = read_pvd(pvd);
  ASSERT_EQ(entries.size(), 3u);
  EXPECT_EQ(entries[2].time_s, 2.0);
  EXPECT_EQ(entries[2].file, "fields/step_000002.vti");
}

TEST_F(IoTest, PvdCollection_DropEntriesAfter_ForgetsFramesPastTheCheckpoint) {
  const fs::path pvd = dir_ / "run.pvd";
  PvdCollection collection(pvd);
  for (int i = 0; i < 4; ++i) collection.add(i * 10.0, frame_relative_path(i));
  collection.drop_entries_after(15.0);
  const std::vector<PvdEntry> entries = read_pvd(pvd);
  ASSERT_EQ(entries.size(), 2u);
  EXPECT_EQ(entries[1].time_s, 10.0);
}

TEST_F(IoTest, PvdCollection_FileNameWithXmlCharacters_IsEscapedAndReadBack) {
  const fs::path pvd = dir_ / "run.pvd";
  PvdCollection collection(pvd);
  collection.add(0.0, "a&b<\"c\">.vti");
  EXPECT_EQ(read_pvd(pvd).at(0).file, "a&b<\"c\">.vti");
}

// ---- atomic writes ----------------------------------------------------------------------------------

TEST_F(IoTest, WriteFileAtomically_ReplacesContentAndLeavesNoTemporary) {
  const fs::path file = dir_ / "a.txt";
  write_file_atomically(file, "first");
  write_file_atomically(file, "second");
  EXPECT_EQ(slurp(file), "second");
  EXPECT_FALSE(fs::exists(temporary_path_for(file)));
  EXPECT_EQ(temporary_path_for(file).filename().string(), ".a.txt.tmp." + std::to_string(::getpid()));
}

TEST_F(IoTest, WriteFileAtomically_FailedWrite_LeavesPreviousFileIntact) {
  const fs::path file = dir_ / "summary.json";
  write_file_atomically(file, "old");
  fs::create_directory(temporary_path_for(file));  // the temporary cannot be opened for writing
  try {
    write_file_atomically(file, "new");
    FAIL() << "expected IoError";
  } catch (const IoError& e) {
    EXPECT_NE(std::string(e.what()).find(file.string()), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find("Is a directory"), std::string::npos) << e.what();
  }
  EXPECT_EQ(slurp(file), "old");
}

TEST_F(IoTest, WriteFileAtomically_ParentIsAFile_ErrorNamesPathAndReason) {
  spit(dir_ / "plain", "x");
  const fs::path file = dir_ / "plain" / "run.pvd";
  try {
    write_file_atomically(file, "x");
    FAIL() << "expected IoError";
  } catch (const IoError& e) {
    EXPECT_NE(std::string(e.what()).find(file.string()), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find("Not a directory"), std::string::npos) << e.what();
  }
}

TEST_F(IoTest, CommitTemporary_FailedRename_RemovesTemporaryAndKeepsTarget) {
  const fs::path target = dir_ / "target";
  fs::create_directories(target / "occupied");  // a non-empty directory cannot be renamed over
  const fs::path tmp = temporary_path_for(target);
  spit(tmp, "new");
  EXPECT_THROW(commit_temporary(tmp, target), IoError);
  EXPECT_FALSE(fs::exists(tmp));
  EXPECT_TRUE(fs::is_directory(target / "occupied"));
}

// ---- time series ------------------------------------------------------------------------------------

TEST_F(IoTest, TimeSeriesWriter_WritesHeaderAndFullPrecisionRows) {
  const fs::path csv = dir_ / "timeseries.csv";
  {
    TimeSeriesWriter ts(csv, {"time_s", "step", "step_kind", "V_cell_V"});
    ts.append(TimeSeriesRow{0.1, 12LL, std::string("charge"), 3.7000000000000002});
    ts.append(TimeSeriesRow{1.0 / 3.0, 13LL, std::string("rest"), 3.65});
    // Flushed per row: visible before the writer closes.
    EXPECT_EQ(slurp(csv),
              "time_s,step,step_kind,V_cell_V\n"
              "0.10000000000000001,12,charge,3.7000000000000002\n"
              "0.33333333333333331,13,rest,3.6499999999999999\n");
  }
  std::ifstream in(csv);
  std::string header, row;
  std::getline(in, header);
  std::getline(in, row);
  EXPECT_EQ(std::stod(row.substr(0, row.find(','))), 0.1);  // parses back exactly
}

TEST_F(IoTest, TimeSeriesWriter_DoubleRows_AndNonFiniteValues) {
  const fs::path csv = dir_ / "timeseries.csv";
  TimeSeriesWriter ts(csv, {"a", "b", "c"});
  ts.append(std::vector<double>{std::nan(""), std::numeric_limits<double>::infinity(), -1e300});
  EXPECT_EQ(slurp(csv), "a,b,c\nnan,inf,-1.0000000000000001e+300\n");
  EXPECT_THROW(ts.append(std::vector<double>{1.0}), std::invalid_argument);
}

TEST_F(IoTest, TimeSeriesWriter_TextWithCommaOrQuote_IsQuoted) {
  EXPECT_EQ(csv_line({std::string("a,b"), std::string("say \"hi\""), std::string("plain")}),
            "\"a,b\",\"say \"\"hi\"\"\",plain\n");
}

TEST_F(IoTest, TimeSeriesWriter_Resume_AppendsAfterRowsAndDropsPartialLine) {
  const fs::path csv = dir_ / "timeseries.csv";
  spit(csv, "time_s,step\n0,0\n1,1\n2,");  // killed in the middle of a row
  TimeSeriesWriter::Options options;
  options.mode = TimeSeriesWriter::OpenMode::resume;
  TimeSeriesWriter ts(csv, {"time_s", "step"}, options);
  ts.append(TimeSeriesRow{2.0, 2LL});
  EXPECT_EQ(slurp(csv), "time_s,step\n0,0\n1,1\n2,2\n");
}

TEST_F(IoTest, TimeSeriesWriter_ResumeWithOtherColumns_IsRejected) {
  const fs::path csv = dir_ / "timeseries.csv";
  spit(csv, "time_s,step\n0,0\n");
  TimeSeriesWriter::Options options;
  options.mode = TimeSeriesWriter::OpenMode::resume;
  EXPECT_THROW(TimeSeriesWriter(csv, {"time_s", "cycle"}, options), IoError);
  EXPECT_EQ(slurp(csv), "time_s,step\n0,0\n");
}

// ---- JSON -------------------------------------------------------------------------------------------

TEST_F(IoTest, WriteJsonAtomically_NaNAndInfinity_AreWrittenAsNull) {
  const fs::path file = dir_ / "summary.json";
  nlohmann::json j;
  j["status"] = "completed";
  j["final"]["ce"] = std::nan("");
  j["final"]["list"] = {1.5, std::numeric_limits<double>::infinity()};
  j["wall_s"] = json_number(-std::numeric_limits<double>::infinity());
  write_json_atomically(file, j);

  const std::string text = slurp(file);
  EXPECT_NE(text.find("\n  \"final\": {"), std::string::npos) << text;  // 2-space indent
  const nlohmann::json back = nlohmann::json::parse(text);
  EXPECT_TRUE(back["final"]["ce"].is_null());
  EXPECT_EQ(back["final"]["list"][0], 1.5);
  EXPECT_TRUE(back["final"]["list"][1].is_null());
  EXPECT_TRUE(back["wall_s"].is_null());
  EXPECT_EQ(back["status"], "completed");
}

// ---- run directory ----------------------------------------------------------------------------------

TEST_F(IoTest, CreateRunDirectory_MakesFieldsFolderAndNamesFrames) {
  const RunPaths p = create_run_directory(dir_ / "out" / "li_cu");
  EXPECT_TRUE(fs::is_directory(dir_ / "out" / "li_cu" / "fields"));
  EXPECT_EQ(p.pvd, dir_ / "out" / "li_cu" / "run.pvd");
  EXPECT_EQ(frame_file_name(123), "step_000123.vti");
  EXPECT_EQ(frame_file_name(12345678), "step_12345678.vti");
  EXPECT_EQ(frame_relative_path(7).generic_string(), "fields/step_000007.vti");
}

TEST_F(IoTest, CreateRunDirectory_PathIsAFile_ErrorNamesPath) {
  spit(dir_ / "out", "x");
  try {
    create_run_directory(dir_ / "out");
    FAIL() << "expected IoError";
  } catch (const IoError& e) {
    EXPECT_NE(std::string(e.what()).find((dir_ / "out").string()), std::string::npos) << e.what();
  }
}

TEST_F(IoTest, HoldsRunOutputs_IsTrueOnlyOnceARunFileExists) {
  create_run_directory(dir_);
  EXPECT_FALSE(holds_run_outputs(dir_));
  spit(dir_ / "timeseries.csv", "time_s\n");
  EXPECT_TRUE(holds_run_outputs(dir_));
}

// ---- timeseries.h5 ------------------------------------------------------------------------------------

TEST_F(IoTest, ReadCsvColumns_IgnoresAPartialLastLineAndUndoesQuotes) {
  spit(dir_ / "t.csv", "time_s,step_kind\n0,charge\n1.5,\"rest, \"\"long\"\"\"\n2,disch");
  const CsvColumns t = read_csv_columns(dir_ / "t.csv");
  ASSERT_EQ(t.names, (std::vector<std::string>{"time_s", "step_kind"}));
  ASSERT_EQ(t.cells[0], (std::vector<std::string>{"0", "1.5"}));
  EXPECT_EQ(t.cells[1][1], "rest, \"long\"");
}

TEST_F(IoTest, WriteTimeseriesH5_FailedWrite_LeavesPreviousFileIntact) {
  spit(dir_ / "t.csv", "time_s\n0\n1\n");
  const fs::path h5 = dir_ / "t.h5";
  write_timeseries_h5(dir_ / "t.csv", h5);
  const std::string before = slurp(h5);
  ASSERT_FALSE(before.empty());
  spit(dir_ / "t.csv", "time_s\n0\n1\n2\n");
  fs::create_directory(temporary_path_for(h5));  // the temporary cannot be created (even as root)
  try {
    write_timeseries_h5(dir_ / "t.csv", h5);
    FAIL() << "expected IoError";
  } catch (const IoError& e) {
    EXPECT_NE(std::string(e.what()).find(dir_.string()), std::string::npos) << e.what();
  }
  EXPECT_EQ(slurp(h5), before);
}

// Rows appended one by one reach the file with their values (numbers bit for bit, text as text) when it is
// written; refresh() writes again only once the rows grew by a quarter since the last write.
TEST_F(IoTest, TimeSeriesH5_AppendsRowsAndRefreshesWhenTheyGrewByAQuarter) {
  const fs::path h5 = dir_ / "t.h5";
  TimeSeriesH5 t(h5, {"time_s", "step", "step_kind"});
  for (int r = 0; r < 8; ++r)
    t.append(TimeSeriesRow{r / 3.0, static_cast<long long>(r), std::string("rest")});
  t.refresh();  // the first refresh writes
  const auto rows_on_disk = [&] {
    const hid_t f = H5Fopen(h5.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT);
    const hid_t d = H5Dopen2(f, "/timeseries/time_s", H5P_DEFAULT);
    const hid_t space = H5Dget_space(d);
    std::vector<double> v(static_cast<size_t>(H5Sget_simple_extent_npoints(space)));
    if (!v.empty()) H5Dread(d, H5T_NATIVE_DOUBLE, H5S_ALL, H5S_ALL, H5P_DEFAULT, v.data());
    H5Sclose(space);
    H5Dclose(d);
    H5Fclose(f);
    return v;
  };
  std::vector<double> v = rows_on_disk();
  ASSERT_EQ(v.size(), 8u);
  for (int r = 0; r < 8; ++r) EXPECT_EQ(v[r], r / 3.0);
  t.append(TimeSeriesRow{3.0, 8LL, std::string("discharge")});
  t.refresh();  // 1 new row of 8: not yet
  EXPECT_EQ(rows_on_disk().size(), 8u);
  t.append(TimeSeriesRow{3.5, 9LL, std::string("discharge")});
  t.refresh();  // 2 of 8: a quarter
  v = rows_on_disk();
  ASSERT_EQ(v.size(), 10u);
  EXPECT_EQ(v[9], 3.5);
  t.append(TimeSeriesRow{4.0, 10LL, std::string("charge")});
  t.write();  // the end of a run: every row
  EXPECT_EQ(rows_on_disk().size(), 11u);
}

TEST_F(IoTest, TimeSeriesH5_TextInANumberColumnIsRefused) {
  TimeSeriesH5 t(dir_ / "t.h5", {"time_s"});
  t.append(TimeSeriesRow{1.0});
  EXPECT_THROW(t.append(TimeSeriesRow{std::string("one")}), std::invalid_argument);
}

TEST_F(IoTest, WriteTimeseriesH5_RowWithTheWrongNumberOfValues_IsRefusedWithThePath) {
  spit(dir_ / "t.csv", "time_s,step\n0,1\n1\n");
  try {
    write_timeseries_h5(dir_ / "t.csv", dir_ / "t.h5");
    FAIL() << "expected IoError";
  } catch (const IoError& e) {
    EXPECT_NE(std::string(e.what()).find("t.csv"), std::string::npos) << e.what();
  }
  EXPECT_FALSE(fs::exists(dir_ / "t.h5"));
}
