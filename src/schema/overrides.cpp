#include "schema/overrides.hpp"

#include <optional>

#include "schema/yaml_source.hpp"

namespace afsim::schema {

namespace {

struct Token {
  bool is_index = false;
  std::string key;
  std::size_t index = 0;
};

bool key_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
}

// "a.b[2].c" -> tokens; nullopt with *why on a malformed path.
std::optional<std::vector<Token>> parse_key_path(const std::string& s, std::string* why) {
  std::vector<Token> out;
  std::size_t i = 0;
  while (true) {
    const std::size_t start = i;
    while (i < s.size() && key_char(s[i])) ++i;
    if (i == start) {
      *why =
          "the key path \"" + s + "\" has an empty or invalid part at position " + std::to_string(start + 1);
      return std::nullopt;
    }
    out.push_back({false, s.substr(start, i - start), 0});
    while (i < s.size() && s[i] == '[') {
      const std::size_t d = ++i;
      while (i < s.size() && s[i] >= '0' && s[i] <= '9') ++i;
      if (i == d || i >= s.size() || s[i] != ']' || i - d > 6) {
        *why = "the key path \"" + s + "\" has a malformed [index]";
        return std::nullopt;
      }
      out.push_back({true, "", static_cast<std::size_t>(std::stoul(s.substr(d, i - d)))});
      ++i;
    }
    if (i == s.size()) return out;
    if (s[i] != '.') {
      *why = "the key path \"" + s + "\" has an unexpected \"" + s.substr(i, 1) + "\"";
      return std::nullopt;
    }
    ++i;
  }
}

std::string kind_of(const YAML::Node& n) {
  if (n.IsMap()) return "a mapping";
  if (n.IsSequence()) return "a list";
  if (n.IsScalar()) return "a value";
  return "nothing";
}

}  // namespace

void apply_overrides(YAML::Node& root, const std::vector<std::string>& overrides, Source& source,
                     Diagnostics& diag) {
  for (const std::string& text : overrides) {
    const std::string where = "--set " + text;
    const std::size_t eq = text.find('=');
    if (eq == std::string::npos) {
      diag.error(where, "", "expected KEY=VALUE (e.g. domain.spacing=50 nm)");
      continue;
    }
    std::string key = text.substr(0, eq);
    while (!key.empty() && key.back() == ' ') key.pop_back();
    while (!key.empty() && key.front() == ' ') key.erase(0, 1);
    const std::string value_text = text.substr(eq + 1);
    std::string why;
    const auto tokens = parse_key_path(key, &why);
    if (!tokens) {
      diag.error(where, "", why);
      continue;
    }
    if (value_text.find_first_not_of(" \t") == std::string::npos) {
      diag.error(where, key, "give a value after \"=\"");
      continue;
    }
    Diagnostics value_diag;
    const auto value = parse_yaml_text(value_text, where, value_diag, /*with_position=*/false);
    if (!value) {
      for (const auto& e : value_diag.errors()) diag.error("", "", e);
      continue;
    }
    if (!root.IsDefined() || root.IsNull()) root = YAML::Node(YAML::NodeType::Map);
    YAML::Node cur;
    cur.reset(root);
    std::string path;
    bool failed = false;
    for (std::size_t t = 0; t < tokens->size() && !failed; ++t) {
      const Token& tok = (*tokens)[t];
      const bool last = t + 1 == tokens->size();
      if (tok.is_index) {
        if (!cur.IsSequence() || tok.index >= cur.size()) {
          diag.error(where, path,
                     cur.IsSequence() ? "has " + std::to_string(cur.size()) + " items; index " +
                                            std::to_string(tok.index) + " is out of range"
                                      : "is " + kind_of(cur) + ", not a list to index");
          failed = true;
          break;
        }
        path = item_path(path, tok.index);
        if (last) {
          cur[tok.index] = *value;
        } else {
          YAML::Node next = cur[tok.index];
          cur.reset(next);
        }
        continue;
      }
      if (!cur.IsDefined() || cur.IsNull()) cur = YAML::Node(YAML::NodeType::Map);
      if (!cur.IsMap()) {
        diag.error(where, path, "is " + kind_of(cur) + ", not a mapping with a key \"" + tok.key + "\"");
        failed = true;
        break;
      }
      path = child_path(path, tok.key);
      if (last) {
        cur[tok.key] = *value;
      } else {
        YAML::Node next = cur[tok.key];
        cur.reset(next);
      }
    }
    if (!failed) source.overrides[path] = text;
  }
}

}  // namespace afsim::schema
