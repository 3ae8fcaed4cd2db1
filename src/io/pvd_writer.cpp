#include "io/pvd_writer.hpp"

#include <vtkSmartPointer.h>
#include <vtkXMLDataElement.h>
#include <vtkXMLUtilities.h>

#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <stdexcept>
#include <system_error>

#include "io/atomic_file.hpp"

namespace afsim::io {

namespace fs = std::filesystem;

namespace {

std::string xml_escape(const std::string& s) {
  std::string out;
  out.reserve(s.size());
  for (char c : s) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&apos;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

std::string format_time(double t) {
  char buf[40];
  std::snprintf(buf, sizeof buf, "%.17g", t);
  return buf;
}

}  // namespace

std::string pvd_text(const std::vector<PvdEntry>& entries) {
  std::string s =
      "<?xml version=\"1.0\"?>\n"
      "<VTKFile type=\"Collection\" version=\"0.1\" byte_order=\"LittleEndian\">\n"
      "  <Collection>\n";
  for (const PvdEntry& e : entries) {
    s += "    <DataSet timestep=\"" + format_time(e.time_s) + "\" group=\"\" part=\"0\" file=\"" +
         xml_escape(e.file) + "\"/>\n";
  }
  s += "  </Collection>\n</VTKFile>\n";
  return s;
}

std::vector<PvdEntry> read_pvd(const fs::path& pvd_path) {
  std::error_code ec;
  if (!fs::is_regular_file(pvd_path, ec)) throw_io_error("cannot read collection", pvd_path, ENOENT);
  vtkSmartPointer<vtkXMLDataElement> root;
  root.TakeReference(vtkXMLUtilities::ReadElementFromFile(pvd_path.c_str()));
  const auto bad = [&](const std::string& why) {
    return IoError("'" + pvd_path.string() + "' is not a ParaView collection (.pvd): " + why);
  };
  if (!root) throw bad("not well-formed XML");
  const char* type = root->GetAttribute("type");
  if (std::strcmp(root->GetName(), "VTKFile") != 0 || !type || std::strcmp(type, "Collection") != 0) {
    throw bad("root element is not <VTKFile type=\"Collection\">");
  }
  vtkXMLDataElement* collection = root->FindNestedElementWithName("Collection");
  if (!collection) throw bad("no <Collection> element");

  std::vector<PvdEntry> entries;
  for (int i = 0; i < collection->GetNumberOfNestedElements(); ++i) {
    vtkXMLDataElement* e = collection->GetNestedElement(i);
    if (std::strcmp(e->GetName(), "DataSet") != 0) continue;
    const char* file = e->GetAttribute("file");
    const char* step = e->GetAttribute("timestep");
    if (!file) throw bad("a <DataSet> has no file attribute");
    PvdEntry entry;
    entry.file = file;  // vtkXMLDataParser has already resolved the XML entities
    if (step) {
      char* end = nullptr;
      entry.time_s = std::strtod(step, &end);
      if (end == step) throw bad(std::string("timestep \"") + step + "\" is not a number");
    }
    entries.push_back(std::move(entry));
  }
  return entries;
}

PvdCollection::PvdCollection(fs::path pvd_path) : path_(std::move(pvd_path)) {}

PvdCollection PvdCollection::open(const fs::path& pvd_path) {
  PvdCollection c(pvd_path);
  std::error_code ec;
  if (fs::exists(pvd_path, ec)) c.entries_ = read_pvd(pvd_path);
  return c;
}

void PvdCollection::add(double time_s, const fs::path& file) {
  if (!std::isfinite(time_s)) throw std::invalid_argument("PvdCollection::add: time must be finite");
  if (!entries_.empty() && time_s < entries_.back().time_s) {
    throw std::invalid_argument("PvdCollection::add: time " + format_time(time_s) +
                                " s precedes the last frame's " + format_time(entries_.back().time_s) + " s");
  }
  fs::path relative = file;
  if (file.is_absolute()) {
    const fs::path base = fs::absolute(path_).parent_path();
    relative = file.lexically_normal().lexically_relative(base.lexically_normal());
    if (relative.empty()) relative = file;  // different root: keep absolute
  }
  entries_.push_back({time_s, relative.generic_string()});
  try {
    write();
  } catch (...) {
    entries_.pop_back();  // the file on disk still holds the old list; stay in step with it
    throw;
  }
}

void PvdCollection::drop_entries_after(double time_s) {
  std::vector<PvdEntry> kept;
  for (const PvdEntry& e : entries_) {
    if (e.time_s <= time_s) kept.push_back(e);
  }
  write_file_atomically(path_, pvd_text(kept));
  entries_.swap(kept);
}

void PvdCollection::write() const { write_file_atomically(path_, pvd_text(entries_)); }

}  // namespace afsim::io
