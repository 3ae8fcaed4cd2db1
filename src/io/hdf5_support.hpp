// HDF5 helpers shared by the writers of checkpoint.h5 and timeseries.h5 (C API, RAII handles). Files are
// built in memory (HDF5's core driver) and their image written by our own atomic write, so that a failing
// disk is reported with errno and never leaves a half-written file (io/atomic_file.hpp).
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include <hdf5.h>

#include "io/atomic_file.hpp"

namespace afsim::io::hdf5 {

// Silences HDF5's own error printing while alive (the errors become IoError messages instead).
class QuietHdf5 {
 public:
  QuietHdf5() {
    H5Eget_auto2(H5E_DEFAULT, &func_, &data_);
    H5Eset_auto2(H5E_DEFAULT, nullptr, nullptr);
  }
  ~QuietHdf5() { H5Eset_auto2(H5E_DEFAULT, func_, data_); }
  QuietHdf5(const QuietHdf5&) = delete;
  QuietHdf5& operator=(const QuietHdf5&) = delete;

 private:
  H5E_auto2_t func_ = nullptr;
  void* data_ = nullptr;
};

// An HDF5 identifier closed by `close` when the handle dies (unless released).
class Handle {
 public:
  Handle(hid_t id, herr_t (*close)(hid_t)) : id_(id), close_(close) {}
  ~Handle() { reset(); }
  Handle(const Handle&) = delete;
  Handle& operator=(const Handle&) = delete;
  Handle(Handle&& other) noexcept : id_(other.id_), close_(other.close_) { other.id_ = -1; }
  Handle& operator=(Handle&& other) noexcept {
    if (this != &other) {
      reset();
      id_ = other.id_;
      close_ = other.close_;
      other.id_ = -1;
    }
    return *this;
  }
  hid_t get() const { return id_; }
  bool valid() const { return id_ >= 0; }
  // Closes now and reports whether the close succeeded (a file's close is where data reaches the disk).
  bool reset() {
    bool ok = true;
    if (id_ >= 0) ok = close_(id_) >= 0;
    id_ = -1;
    return ok;
  }

 private:
  hid_t id_;
  herr_t (*close_)(hid_t);
};

class Writer {
 public:
  // `kind` names the file in messages ("checkpoint", "time series").
  Writer(const std::filesystem::path& target, std::string kind) : target_(target), kind_(std::move(kind)) {}

  [[noreturn]] void fail(const std::string& what) const {
    throw IoError("cannot write " + kind_ + " '" + target_.string() + "': HDF5 failed at " + what);
  }
  void check(herr_t r, const std::string& what) const {
    if (r < 0) fail(what);
  }
  Handle group(hid_t parent, const char* name) const {
    Handle g(H5Gcreate2(parent, name, H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT), H5Gclose);
    if (!g.valid()) fail(std::string("group ") + name);
    return g;
  }
  void string_attribute(hid_t obj, const char* name, const std::string& value) const {
    Handle type(H5Tcopy(H5T_C_S1), H5Tclose);
    if (!type.valid()) fail(name);
    check(H5Tset_size(type.get(), value.empty() ? 1 : value.size()), name);
    Handle space(H5Screate(H5S_SCALAR), H5Sclose);
    Handle attr(H5Acreate2(obj, name, type.get(), space.get(), H5P_DEFAULT, H5P_DEFAULT), H5Aclose);
    if (!attr.valid()) fail(name);
    const std::string padded = value.empty() ? std::string(1, '\0') : value;
    check(H5Awrite(attr.get(), type.get(), padded.data()), name);
  }
  template <class T>
  void scalar_attribute(hid_t obj, const std::string& name, hid_t type, const T& value) const {
    Handle space(H5Screate(H5S_SCALAR), H5Sclose);
    Handle attr(H5Acreate2(obj, name.c_str(), type, space.get(), H5P_DEFAULT, H5P_DEFAULT), H5Aclose);
    if (!attr.valid()) fail(name);
    check(H5Awrite(attr.get(), type, &value), name);
  }
  void dataset(hid_t parent, const std::string& name, hid_t type, const void* data,
               const std::vector<hsize_t>& dims) const {
    Handle space(H5Screate_simple(static_cast<int>(dims.size()), dims.data(), nullptr), H5Sclose);
    if (!space.valid()) fail(name);
    Handle set(H5Dcreate2(parent, name.c_str(), type, space.get(), H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT),
               H5Dclose);
    if (!set.valid()) fail(name);
    bool empty = false;
    for (hsize_t d : dims) empty = empty || d == 0;
    if (!empty) check(H5Dwrite(set.get(), type, H5S_ALL, H5S_ALL, H5P_DEFAULT, data), name);
  }

 private:
  std::filesystem::path target_;
  std::string kind_;
};

// An in-memory HDF5 file (no backing store) for `target` (the name only labels it).
inline Handle memory_file(const Writer& w, const std::filesystem::path& target) {
  Handle fapl(H5Pcreate(H5P_FILE_ACCESS), H5Pclose);
  if (!fapl.valid() || H5Pset_fapl_core(fapl.get(), 1 << 20, false) < 0) w.fail("in-memory file");
  Handle file(H5Fcreate(target.c_str(), H5F_ACC_TRUNC, H5P_DEFAULT, fapl.get()), H5Fclose);
  if (!file.valid()) w.fail("in-memory file");
  return file;
}

// The bytes of an in-memory file; closes it.
inline std::string file_image(const Writer& w, Handle& file) {
  if (H5Fflush(file.get(), H5F_SCOPE_GLOBAL) < 0) w.fail("flush");
  const ssize_t size = H5Fget_file_image(file.get(), nullptr, 0);
  if (size <= 0) w.fail("file image");
  std::string image(static_cast<size_t>(size), '\0');
  if (H5Fget_file_image(file.get(), image.data(), image.size()) != size) w.fail("file image");
  if (!file.reset()) w.fail("close");
  return image;
}

}  // namespace afsim::io::hdf5
