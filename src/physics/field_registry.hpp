// The field registry (DESIGN.md §3a): every field a physics module holds is declared here once, with what
// it is for, and the registry alone then drives
//  * VTK output: the names a deck may list in output.fields and the host copy of each frame;
//  * checkpoints: the fields saved and restored (whole storage, ghosts included);
//  * the divergence guard: the admissible range of a field, scanned on the device after every step;
//  * the memory estimate: the bytes of every field, scratch array and solver hierarchy the modules hold.
// The registry owns no storage: it points at the modules' members, so it lives as long as they do.
#pragma once

#include <functional>
#include <limits>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "backend/field.hpp"
#include "physics/host_array.hpp"

namespace afsim {

// The admissible range of a field's values; NaN and Inf are never admissible. With psi_of set the range
// applies to psi(xi) v, the salt content of a concentration v (MODELS §3): a cell deep in the metal holds
// almost no salt, and its concentration is not a fault by itself.
template <class B>
struct FieldRange {
  double lower = -std::numeric_limits<double>::infinity();
  double upper = std::numeric_limits<double>::infinity();
  const Field<B>* psi_of = nullptr;  // the order parameter xi of psi(xi), or null
  double psi_min = 0;
};

// What a field is and what the run does with it.
struct FieldSpec {
  std::string name;        // the output name (VTK array, output.fields, fault reports)
  std::string unit;        // SI unit of its values ("1" for fractions)
  std::string doc;         // one line for `afsim info` and the deck reference
  bool output = false;     // may be listed in output.fields
  std::string checkpoint;  // its name in checkpoint.h5; empty: derived from the others, not saved
};

template <class B>
class FieldRegistry {
 public:
  struct Entry {
    FieldSpec spec;
    Field<B>* field = nullptr;  // stored fields
    int components = 1;         // derived outputs
    std::function<std::vector<double>()> produce;
    std::optional<FieldRange<B>> range;
  };

  // A field the module stores (one of its members).
  void add(const FieldSpec& spec, Field<B>& field, std::optional<FieldRange<B>> range = std::nullopt) {
    check_new(spec);
    Entry e;
    e.spec = spec;
    e.field = &field;
    e.range = range;
    entries_.push_back(std::move(e));
    count_storage(field_bytes(field));
  }
  // An output field computed on request from the stored ones: interior cells, `components` per cell.
  void add_derived(const FieldSpec& spec, int components, std::function<std::vector<double>()> produce) {
    if (!spec.checkpoint.empty())
      throw std::logic_error("FieldRegistry: derived field '" + spec.name + "' cannot be checkpointed");
    check_new(spec);
    Entry e;
    e.spec = spec;
    e.components = components;
    e.produce = std::move(produce);
    entries_.push_back(std::move(e));
  }
  // Working storage that is neither output nor state (scratch fields, solver levels, labels): counted in
  // the memory estimate only.
  void add_scratch(const Field<B>& field) { count_storage(field_bytes(field)); }
  void add_storage(double bytes) { count_storage(bytes); }

  const std::vector<Entry>& entries() const { return entries_; }
  const Entry* find(const std::string& name) const {
    for (const Entry& e : entries_)
      if (e.spec.name == name) return &e;
    return nullptr;
  }
  // The names output.fields may list, in declaration order.
  std::vector<std::string> output_names() const {
    std::vector<std::string> out;
    for (const Entry& e : entries_)
      if (e.spec.output) out.push_back(e.spec.name);
    return out;
  }
  // Bytes of everything declared (fields, scratch, solver storage).
  double storage_bytes() const { return bytes_; }

  // The host copy of an output field.
  HostArray host_copy(const Entry& e) const {
    if (e.field) return HostArray{e.spec.name, 1, e.field->interior_to_host()};
    return HostArray{e.spec.name, e.components, e.produce()};
  }

 private:
  static double field_bytes(const Field<B>& f) { return double(f.stored_values()) * double(sizeof(Real)); }
  void count_storage(double bytes) { bytes_ += bytes; }
  void check_new(const FieldSpec& spec) const {
    if (spec.name.empty()) throw std::logic_error("FieldRegistry: a field without a name");
    for (const Entry& e : entries_) {
      if (e.spec.name == spec.name)
        throw std::logic_error("FieldRegistry: field '" + spec.name + "' declared twice");
      if (!spec.checkpoint.empty() && e.spec.checkpoint == spec.checkpoint)
        throw std::logic_error("FieldRegistry: checkpoint name '" + spec.checkpoint + "' used twice");
    }
  }

  std::vector<Entry> entries_;
  double bytes_ = 0;
};

}  // namespace afsim
