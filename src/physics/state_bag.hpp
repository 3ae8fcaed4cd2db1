// Checkpoint state beyond the fields (DESIGN.md §3a): a member is bound once, by name, and the same binding
// saves it and restores it, so that what is written and what is read can never drift apart. Reals are kept
// bit for bit (double), integers and flags exactly.
#pragma once

#include <map>
#include <stdexcept>
#include <string>
#include <variant>
#include <vector>

namespace afsim {

// The values of a bag, by name (the checkpoint's /scalars and /integers).
struct StateValues {
  std::map<std::string, double> reals;
  std::map<std::string, long long> integers;
};

class StateBag {
 public:
  // `optional`: a checkpoint written before the member existed restores it as `fallback`.
  void bind(const std::string& name, double& member) { add(name, &member, false, 0.0); }
  void bind(const std::string& name, long long& member) { add(name, &member, false, 0.0); }
  void bind(const std::string& name, int& member) { add(name, &member, false, 0.0); }
  void bind(const std::string& name, bool& member) { add(name, &member, false, 0.0); }
  void bind_optional(const std::string& name, double& member, double fallback) {
    add(name, &member, true, fallback);
  }

  // Writes every bound member into `out` (names must not be there yet).
  void save(StateValues& out) const {
    for (const Binding& b : bindings_) {
      if (out.reals.count(b.name) || out.integers.count(b.name))
        throw std::logic_error("state '" + b.name + "' is bound twice");
      if (const auto* d = std::get_if<double*>(&b.member))
        out.reals[b.name] = **d;
      else if (const auto* l = std::get_if<long long*>(&b.member))
        out.integers[b.name] = **l;
      else if (const auto* i = std::get_if<int*>(&b.member))
        out.integers[b.name] = **i;
      else
        out.integers[b.name] = *std::get<bool*>(b.member) ? 1 : 0;
    }
  }
  // Restores every bound member from `in`; std::invalid_argument("has no value 'NAME'") names the first
  // one missing.
  void load(const StateValues& in) const {
    for (const Binding& b : bindings_) {
      if (auto* d = std::get_if<double*>(&b.member)) {
        const auto it = in.reals.find(b.name);
        if (it != in.reals.end())
          **d = it->second;
        else if (b.optional)
          **d = b.fallback;
        else
          missing(b.name);
        continue;
      }
      const auto it = in.integers.find(b.name);
      if (it == in.integers.end()) missing(b.name);
      if (auto* l = std::get_if<long long*>(&b.member))
        **l = it->second;
      else if (auto* i = std::get_if<int*>(&b.member))
        **i = static_cast<int>(it->second);
      else
        *std::get<bool*>(b.member) = it->second != 0;
    }
  }

 private:
  using Member = std::variant<double*, long long*, int*, bool*>;
  struct Binding {
    std::string name;
    Member member;
    bool optional;
    double fallback;
  };
  template <class T>
  void add(const std::string& name, T* member, bool optional, double fallback) {
    for (const Binding& b : bindings_)
      if (b.name == name) throw std::logic_error("state '" + name + "' is bound twice");
    bindings_.push_back(Binding{name, Member{member}, optional, fallback});
  }
  [[noreturn]] static void missing(const std::string& name) {
    throw std::invalid_argument("has no value '" + name + "'");
  }

  std::vector<Binding> bindings_;
};

}  // namespace afsim
