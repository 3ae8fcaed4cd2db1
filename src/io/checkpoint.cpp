#include "io/checkpoint.hpp"

#include <cerrno>
#include <cstdint>
#include <cstring>
#include <system_error>
#include <utility>

#include <hdf5.h>

#include "io/atomic_file.hpp"
#include "io/hdf5_support.hpp"

namespace afsim::io {

namespace fs = std::filesystem;

namespace {

using hdf5::Handle;
using hdf5::QuietHdf5;
using hdf5::Writer;

// File access without HDF5's file locking: cluster file systems (NFS, Lustre) often refuse the locks,
// and a checkpoint is written by one process only.
Handle file_access() {
  Handle fapl(H5Pcreate(H5P_FILE_ACCESS), H5Pclose);
#if H5_VERSION_GE(1, 10, 7)
  if (fapl.valid()) H5Pset_file_locking(fapl.get(), false, true);
#endif
  return fapl;
}

// Builds the whole file in memory (HDF5's core driver, no backing store) and returns its image. HDF5 thus
// never meets an I/O error: a failing disk is seen by our own write(2) (write_file_atomically), which
// reports errno and removes the temporary. (HDF5 1.10 keeps a file whose close failed open and crashes at
// exit trying again.)
std::string file_image(const fs::path& target, const Checkpoint& c) {
  const Writer w(target, "checkpoint");
  Handle file = hdf5::memory_file(w, target);
  const hid_t root = file.get();
  w.scalar_attribute(root, "format", H5T_NATIVE_INT, c.format);
  w.string_attribute(root, "afsim_version", c.afsim_version);
  w.string_attribute(root, "deck_hash", c.deck_hash);
  w.string_attribute(root, "backend", c.backend);
  w.string_attribute(root, "status", c.status);
  w.dataset(root, "deck", H5T_NATIVE_CHAR, c.deck_json.data(), {c.deck_json.size()});
  {
    Handle g = w.group(root, "scalars");
    for (const auto& [name, v] : c.reals) w.scalar_attribute(g.get(), name, H5T_NATIVE_DOUBLE, v);
  }
  {
    Handle g = w.group(root, "integers");
    for (const auto& [name, v] : c.integers) {
      const std::int64_t value = v;
      w.scalar_attribute(g.get(), name, H5T_NATIVE_INT64, value);
    }
  }
  {
    Handle g = w.group(root, "arrays");
    for (const auto& [name, v] : c.arrays) w.dataset(g.get(), name, H5T_NATIVE_DOUBLE, v.data(), {v.size()});
  }
  {
    Handle g = w.group(root, "fields");
    for (const auto& [name, f] : c.fields) {
      const std::vector<hsize_t> dims = {hsize_t(f.dims[0]), hsize_t(f.dims[1]), hsize_t(f.dims[2])};
      if (dims[0] * dims[1] * dims[2] != f.values.size())
        throw IoError("checkpoint field '" + name + "': size does not match its dimensions");
      w.dataset(g.get(), name, H5T_NATIVE_DOUBLE, f.values.data(), dims);
    }
  }
  return hdf5::file_image(w, file);
}

// ---- reading ----

[[noreturn]] void bad_file(const fs::path& path, const std::string& why) {
  throw IoError("cannot read checkpoint '" + path.string() + "': " + why);
}

std::string read_string_attribute(hid_t obj, const char* name, const fs::path& path) {
  Handle attr(H5Aopen(obj, name, H5P_DEFAULT), H5Aclose);
  if (!attr.valid()) bad_file(path, std::string("no attribute '") + name + "' (not an afsim checkpoint?)");
  Handle type(H5Aget_type(attr.get()), H5Tclose);
  if (H5Tget_class(type.get()) != H5T_STRING || H5Tis_variable_str(type.get()) > 0)
    bad_file(path, std::string("attribute '") + name + "' is not a fixed-length string");
  const size_t size = H5Tget_size(type.get());
  std::string s(size, '\0');
  Handle mem(H5Tcopy(H5T_C_S1), H5Tclose);
  H5Tset_size(mem.get(), size);
  if (H5Aread(attr.get(), mem.get(), s.data()) < 0) bad_file(path, std::string("cannot read '") + name + "'");
  const size_t end = s.find('\0');
  if (end != std::string::npos) s.resize(end);
  return s;
}

struct AttributeVisit {
  Checkpoint* c;
  bool integers;
  const fs::path* path;
  std::string error;
};

herr_t visit_attribute(hid_t obj, const char* name, const H5A_info_t*, void* data) {
  auto* v = static_cast<AttributeVisit*>(data);
  Handle attr(H5Aopen(obj, name, H5P_DEFAULT), H5Aclose);
  if (!attr.valid()) {
    v->error = std::string("cannot open attribute '") + name + "'";
    return -1;
  }
  if (v->integers) {
    std::int64_t value = 0;
    if (H5Aread(attr.get(), H5T_NATIVE_INT64, &value) < 0) {
      v->error = std::string("cannot read integer '") + name + "'";
      return -1;
    }
    v->c->integers[name] = value;
  } else {
    double value = 0;
    if (H5Aread(attr.get(), H5T_NATIVE_DOUBLE, &value) < 0) {
      v->error = std::string("cannot read real '") + name + "'";
      return -1;
    }
    v->c->reals[name] = value;
  }
  return 0;
}

void read_attributes(hid_t file, const char* group, bool integers, Checkpoint& c, const fs::path& path) {
  Handle g(H5Gopen2(file, group, H5P_DEFAULT), H5Gclose);
  if (!g.valid()) bad_file(path, std::string("no group '") + group + "'");
  AttributeVisit v{&c, integers, &path, {}};
  hsize_t index = 0;
  if (H5Aiterate2(g.get(), H5_INDEX_NAME, H5_ITER_INC, &index, visit_attribute, &v) < 0)
    bad_file(path, v.error.empty() ? std::string("cannot read group '") + group + "'" : v.error);
}

// Reads a whole double (or char) dataset; returns its dimensions.
template <class T>
std::vector<hsize_t> read_dataset(hid_t parent, const std::string& name, hid_t type, std::vector<T>& out,
                                  const fs::path& path) {
  Handle set(H5Dopen2(parent, name.c_str(), H5P_DEFAULT), H5Dclose);
  if (!set.valid()) bad_file(path, "no dataset '" + name + "'");
  Handle space(H5Dget_space(set.get()), H5Sclose);
  const int rank = H5Sget_simple_extent_ndims(space.get());
  if (rank < 0 || rank > 3) bad_file(path, "dataset '" + name + "' has an unexpected shape");
  std::vector<hsize_t> dims(static_cast<size_t>(rank));
  H5Sget_simple_extent_dims(space.get(), dims.data(), nullptr);
  hsize_t n = 1;
  for (hsize_t d : dims) n *= d;
  out.assign(static_cast<size_t>(n), T{});
  if (n > 0 && H5Dread(set.get(), type, H5S_ALL, H5S_ALL, H5P_DEFAULT, out.data()) < 0)
    bad_file(path, "cannot read dataset '" + name + "'");
  return dims;
}

herr_t collect_name(hid_t, const char* name, const H5L_info_t*, void* data) {
  static_cast<std::vector<std::string>*>(data)->push_back(name);
  return 0;
}

std::vector<std::string> member_names(hid_t group) {
  std::vector<std::string> names;
  hsize_t index = 0;
  H5Literate(group, H5_INDEX_NAME, H5_ITER_INC, &index, collect_name, &names);
  return names;
}

}  // namespace

double Checkpoint::real(const std::string& name) const {
  const auto it = reals.find(name);
  if (it == reals.end()) throw IoError("checkpoint '" + source.string() + "' has no value '" + name + "'");
  return it->second;
}

long long Checkpoint::integer(const std::string& name) const {
  const auto it = integers.find(name);
  if (it == integers.end())
    throw IoError("checkpoint '" + source.string() + "' has no integer '" + name + "'");
  return it->second;
}

const std::vector<double>& Checkpoint::array(const std::string& name) const {
  const auto it = arrays.find(name);
  if (it == arrays.end()) throw IoError("checkpoint '" + source.string() + "' has no array '" + name + "'");
  return it->second;
}

const CheckpointField& Checkpoint::field(const std::string& name) const {
  const auto it = fields.find(name);
  if (it == fields.end()) throw IoError("checkpoint '" + source.string() + "' has no field '" + name + "'");
  return it->second;
}

void write_checkpoint(const fs::path& path, const Checkpoint& c) {
  std::string image;
  {
    const QuietHdf5 quiet;
    image = file_image(path, c);
  }
  write_file_atomically(path, image);
}

Checkpoint read_checkpoint(const fs::path& path) {
  const QuietHdf5 quiet;
  std::error_code ec;
  if (!fs::is_regular_file(path, ec)) throw_io_error("cannot read checkpoint", path, ENOENT);
  if (H5Fis_hdf5(path.c_str()) <= 0) bad_file(path, "not an HDF5 file");
  Handle fapl = file_access();
  Handle file(H5Fopen(path.c_str(), H5F_ACC_RDONLY, fapl.get()), H5Fclose);
  if (!file.valid()) bad_file(path, "HDF5 cannot open it");
  Checkpoint c;
  c.source = path;
  {
    Handle attr(H5Aopen(file.get(), "format", H5P_DEFAULT), H5Aclose);
    if (!attr.valid() || H5Aread(attr.get(), H5T_NATIVE_INT, &c.format) < 0)
      bad_file(path, "no format attribute (not an afsim checkpoint)");
  }
  if (c.format != kCheckpointFormat)
    bad_file(path, "format " + std::to_string(c.format) + ", this afsim reads format " +
                       std::to_string(kCheckpointFormat));
  c.afsim_version = read_string_attribute(file.get(), "afsim_version", path);
  c.deck_hash = read_string_attribute(file.get(), "deck_hash", path);
  c.backend = read_string_attribute(file.get(), "backend", path);
  c.status = read_string_attribute(file.get(), "status", path);
  {
    std::vector<char> text;
    read_dataset(file.get(), "deck", H5T_NATIVE_CHAR, text, path);
    c.deck_json.assign(text.begin(), text.end());
  }
  read_attributes(file.get(), "scalars", false, c, path);
  read_attributes(file.get(), "integers", true, c, path);
  for (const char* group : {"arrays", "fields"}) {
    Handle g(H5Gopen2(file.get(), group, H5P_DEFAULT), H5Gclose);
    if (!g.valid()) bad_file(path, std::string("no group '") + group + "'");
    for (const std::string& name : member_names(g.get())) {
      std::vector<double> values;
      const std::vector<hsize_t> dims = read_dataset(g.get(), name, H5T_NATIVE_DOUBLE, values, path);
      if (std::strcmp(group, "arrays") == 0) {
        c.arrays[name] = std::move(values);
      } else {
        if (dims.size() != 3) bad_file(path, "field '" + name + "' is not three-dimensional");
        CheckpointField f;
        f.dims = {static_cast<long long>(dims[0]), static_cast<long long>(dims[1]),
                  static_cast<long long>(dims[2])};
        f.values = std::move(values);
        c.fields[name] = std::move(f);
      }
    }
  }
  return c;
}

}  // namespace afsim::io
