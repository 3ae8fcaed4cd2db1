#include "materials/database.hpp"

#include <memory>

#include "schema/yaml_source.hpp"
#include "materials/properties.hpp"

namespace afsim::materials {

using schema::Cursor;

const char* file_name(Kind kind) {
  switch (kind) {
    case Kind::Metal:
      return "metals.yaml";
    case Kind::Electrolyte:
      return "electrolytes.yaml";
    case Kind::Collector:
      return "collectors.yaml";
    case Kind::Cathode:
      return "cathodes.yaml";
  }
  return "";
}

const char* noun(Kind kind) {
  switch (kind) {
    case Kind::Metal:
      return "metal";
    case Kind::Electrolyte:
      return "electrolyte";
    case Kind::Collector:
      return "collector";
    case Kind::Cathode:
      return "cathode";
  }
  return "";
}

namespace {

// Loads one table: name -> props, reading each entry with `read`.
template <class P, class Read>
void load_table(const std::string& dir, Kind kind, const std::vector<std::string>& keys, Read read,
                std::map<std::string, P>& table, std::vector<std::string>& order, schema::Diagnostics& diag) {
  const std::string path = dir + "/" + file_name(kind);
  auto root = schema::read_yaml_file(path, diag);
  if (!root) return;
  auto source = std::make_shared<schema::Source>();
  source->file = path;
  const Cursor top(*root, "", source, &diag, YAML::Mark());
  if (top.is_null()) {
    diag.error(path, "",
               std::string("is empty; expected a mapping from ") + noun(kind) + " names to properties");
    return;
  }
  std::vector<std::string> names;
  for (const auto& [name, entry] : top.entries()) names.push_back(name);
  if (!top.check_map(names, std::string("a mapping from ") + noun(kind) + " names to properties")) return;
  for (const auto& [name, entry] : top.entries()) {
    if (!entry.check_map(keys, std::string("a mapping of ") + noun(kind) + " properties")) continue;
    P props;
    props.name = name;
    read(entry, Mode::File, props);
    table[name] = props;
    order.push_back(name);
  }
}

template <class P, class Read>
std::optional<P> resolve(const Cursor& spec, Kind kind, const std::map<std::string, P>& table,
                         const std::vector<std::string>& order, const std::string& dir,
                         const std::vector<std::string>& keys, Read read) {
  std::optional<Cursor> name_cell;
  if (spec.is_map()) {
    std::vector<std::string> known = keys;
    known.insert(known.begin(), "name");
    spec.check_map(known, std::string("a ") + noun(kind) + " name or a mapping {name, <property>: <value>}");
    name_cell = spec.require("name");
    if (!name_cell) return std::nullopt;
  } else {
    name_cell = spec;
  }
  const auto name = name_cell->name(std::string("a ") + noun(kind) + " name");
  if (!name) return std::nullopt;
  const auto it = table.find(*name);
  if (it == table.end()) {
    name_cell->error(std::string("unknown ") + noun(kind) + " \"" + *name + "\"" +
                     schema::suggestion(*name, order) + " (materials from " + dir + "/" + file_name(kind) +
                     ")");
    return std::nullopt;
  }
  P props = it->second;
  if (spec.is_map()) {
    const std::size_t before = spec.diagnostics().error_count();
    read(spec, Mode::Override, props);
    if (spec.diagnostics().error_count() != before) return std::nullopt;
  }
  return props;
}

}  // namespace

Database Database::load(const std::string& dir, schema::Diagnostics& diag) {
  Database db;
  db.dir_ = dir;
  load_table(dir, Kind::Metal, metal_keys(), read_metal, db.metals_, db.order_[Kind::Metal], diag);
  load_table(dir, Kind::Electrolyte, electrolyte_keys(), read_electrolyte, db.electrolytes_,
             db.order_[Kind::Electrolyte], diag);
  load_table(dir, Kind::Collector, collector_keys(), read_collector, db.collectors_,
             db.order_[Kind::Collector], diag);
  load_table(dir, Kind::Cathode, cathode_keys(), read_cathode, db.cathodes_, db.order_[Kind::Cathode], diag);
  return db;
}

Database Database::load(const std::string& dir) {
  schema::Diagnostics diag;
  Database db = load(dir, diag);
  diag.throw_if_errors();
  return db;
}

std::vector<std::string> Database::names(Kind kind) const {
  const auto it = order_.find(kind);
  return it == order_.end() ? std::vector<std::string>{} : it->second;
}

namespace {
template <class P>
const P* find(const std::map<std::string, P>& m, const std::string& name) {
  const auto it = m.find(name);
  return it == m.end() ? nullptr : &it->second;
}
}  // namespace

const materials::MetalProps* Database::metal(const std::string& n) const {
  return find(metals_, n);
}
const materials::ElectrolyteProps* Database::electrolyte(const std::string& n) const {
  return find(electrolytes_, n);
}
const materials::CollectorProps* Database::collector(const std::string& n) const {
  return find(collectors_, n);
}
const materials::CathodeProps* Database::cathode(const std::string& n) const {
  return find(cathodes_, n);
}

std::optional<materials::MetalProps> Database::resolve_metal(const Cursor& spec) const {
  return resolve(spec, Kind::Metal, metals_, names(Kind::Metal), dir_, metal_keys(), read_metal);
}
std::optional<materials::ElectrolyteProps> Database::resolve_electrolyte(const Cursor& spec) const {
  return resolve(spec, Kind::Electrolyte, electrolytes_, names(Kind::Electrolyte), dir_, electrolyte_keys(),
                 read_electrolyte);
}
std::optional<materials::CollectorProps> Database::resolve_collector(const Cursor& spec) const {
  return resolve(spec, Kind::Collector, collectors_, names(Kind::Collector), dir_, collector_keys(),
                 read_collector);
}
std::optional<materials::CathodeProps> Database::resolve_cathode(const Cursor& spec) const {
  return resolve(spec, Kind::Cathode, cathodes_, names(Kind::Cathode), dir_, cathode_keys(), read_cathode);
}

}  // namespace afsim::materials
