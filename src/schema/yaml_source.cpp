#include "schema/yaml_source.hpp"

#include <cstdio>
#include <fstream>
#include <sstream>

#include <sys/stat.h>

namespace afsim::schema {

BytePosition find_invalid_utf8(const std::string& s) {
  int line = 0, col = 0;
  std::size_t i = 0;
  while (i < s.size()) {
    const unsigned char c = static_cast<unsigned char>(s[i]);
    std::size_t len = 0;
    if (c == 0) {
      len = 0;
    } else if (c < 0x80) {
      len = 1;
    } else if (c >= 0xC2 && c <= 0xDF) {
      len = 2;
    } else if (c >= 0xE0 && c <= 0xEF) {
      len = 3;
    } else if (c >= 0xF0 && c <= 0xF4) {
      len = 4;
    }
    bool good = len > 0 && i + len <= s.size();
    for (std::size_t k = 1; good && k < len; ++k)
      good = (static_cast<unsigned char>(s[i + k]) & 0xC0) == 0x80;
    if (good && len == 3) {  // overlongs and surrogates
      const unsigned char c1 = static_cast<unsigned char>(s[i + 1]);
      good = !(c == 0xE0 && c1 < 0xA0) && !(c == 0xED && c1 >= 0xA0);
    }
    if (good && len == 4) {
      const unsigned char c1 = static_cast<unsigned char>(s[i + 1]);
      good = !(c == 0xF0 && c1 < 0x90) && !(c == 0xF4 && c1 >= 0x90);
    }
    if (!good) return {line, col, c};
    if (c == '\n') {
      ++line;
      col = 0;
    } else {
      ++col;
    }
    i += len;
  }
  return {};
}

namespace {

// Depth of [ ] / { } nesting outside quotes and comments; yaml-cpp recurses per level.
BytePosition find_deep_nesting(const std::string& s, int limit) {
  int line = 0, col = 0, depth = 0;
  char quote = 0;
  bool comment = false;
  for (std::size_t i = 0; i < s.size(); ++i) {
    const char c = s[i];
    if (c == '\n') {
      ++line;
      col = 0;
      comment = false;
      continue;
    }
    if (!comment) {
      if (quote != 0) {
        if (quote == '"' && c == '\\') {
          ++i;
          ++col;
        } else if (c == quote) {
          quote = 0;
        }
      } else if (c == '"' || c == '\'') {
        if (i == 0 || s[i - 1] == ' ' || s[i - 1] == '[' || s[i - 1] == '{' || s[i - 1] == ',' ||
            s[i - 1] == ':' || s[i - 1] == '\n' || s[i - 1] == '\t')
          quote = c;
      } else if (c == '#' && (i == 0 || s[i - 1] == ' ' || s[i - 1] == '\t')) {
        comment = true;
      } else if (c == '[' || c == '{') {
        if (++depth > limit) return {line, col, static_cast<unsigned char>(c)};
      } else if ((c == ']' || c == '}') && depth > 0) {
        --depth;
      }
    }
    ++col;
  }
  return {};
}

// First line (0-based) whose indentation contains a tab, or -1.
int first_tab_indented_line(const std::string& s) {
  int line = 0;
  bool at_start = true;
  for (char c : s) {
    if (c == '\n') {
      ++line;
      at_start = true;
    } else if (at_start && c == '\t') {
      return line;
    } else if (c != ' ') {
      at_start = false;
    }
  }
  return -1;
}

}  // namespace

std::optional<YAML::Node> parse_yaml_text(const std::string& raw, const std::string& label, Diagnostics& diag,
                                          bool with_position) {
  const auto where = [&](int line, int col) {
    return with_position ? file_location(label, line, col) : label;
  };
  if (raw.size() > kMaxInputBytes) {
    diag.error(label, "", "larger than " + std::to_string(kMaxInputBytes >> 20) + " MiB; not an input deck");
    return std::nullopt;
  }
  std::string text = raw;
  if (text.compare(0, 3, "\xEF\xBB\xBF") == 0) text.erase(0, 3);  // UTF-8 byte-order mark
  const BytePosition bad = find_invalid_utf8(text);
  if (bad.line >= 0) {
    char hex[8];
    std::snprintf(hex, sizeof hex, "0x%02x", bad.byte);
    diag.error(where(bad.line, bad.column), "",
               bad.byte == 0 ? std::string("contains a NUL byte (a binary file?); input must be UTF-8 text")
                             : "invalid UTF-8 byte " + std::string(hex) + "; input must be UTF-8 text");
    return std::nullopt;
  }
  const BytePosition deep = find_deep_nesting(text, kMaxFlowNesting);
  if (deep.line >= 0) {
    diag.error(where(deep.line, deep.column), "",
               "brackets nested deeper than " + std::to_string(kMaxFlowNesting) + " levels");
    return std::nullopt;
  }
  try {
    return YAML::Load(text);
  } catch (const YAML::Exception& e) {
    std::string msg = "YAML syntax error: " + e.msg;
    const int tab_line = first_tab_indented_line(text);
    if (tab_line >= 0)
      msg += " (line " + std::to_string(tab_line + 1) +
             " is indented with a tab; YAML indents with spaces only)";
    diag.error(where(e.mark.line, e.mark.column), "", msg);
  } catch (const std::exception& e) {
    diag.error(label, "", std::string("could not parse as YAML: ") + e.what());
  }
  return std::nullopt;
}

std::optional<YAML::Node> read_yaml_file(const std::string& path, Diagnostics& diag) {
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0) {
    diag.error(path, "", "cannot open: no such file");
    return std::nullopt;
  }
  if (S_ISDIR(st.st_mode)) {
    diag.error(path, "", "is a directory, not a YAML file");
    return std::nullopt;
  }
  if (static_cast<unsigned long long>(st.st_size) > kMaxInputBytes) {
    diag.error(path, "", "larger than " + std::to_string(kMaxInputBytes >> 20) + " MiB; not an input file");
    return std::nullopt;
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    diag.error(path, "", "cannot open for reading");
    return std::nullopt;
  }
  std::ostringstream buf;
  buf << in.rdbuf();
  return parse_yaml_text(buf.str(), path, diag);
}

}  // namespace afsim::schema
