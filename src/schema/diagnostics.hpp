// Error collection and formatting for input files (decks, material files, --set overrides). Every message
// is one line: `<where>: <key path>: <what was expected>`, where <where> is `file:line:column` (1-based)
// or `--set KEY=VALUE` for a value given on the command line.
#pragma once

#include <cstddef>
#include <stdexcept>
#include <string>
#include <vector>

namespace afsim::schema {

// Thrown by load_deck (and the materials loader) with every collected message, one per line.
struct DeckError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

class Diagnostics {
 public:
  static constexpr std::size_t kMaxMessages = 50;

  // `where` may be empty (no location known); `path` may be empty (whole file).
  void error(const std::string& where, const std::string& path, const std::string& message);
  // Non-fatal remarks (unconfirmed material values, under-resolved interfaces …).
  void warning(const std::string& where, const std::string& path, const std::string& message);

  bool ok() const { return errors_.empty(); }
  std::size_t error_count() const { return errors_.size() + dropped_; }
  const std::vector<std::string>& errors() const { return errors_; }
  const std::vector<std::string>& warnings() const { return warnings_; }
  // All errors, one per line (no trailing newline).
  std::string text() const;
  // Throws DeckError(text()) when any error was reported.
  void throw_if_errors() const;

  static std::string format(const std::string& where, const std::string& path, const std::string& message);

 private:
  std::vector<std::string> errors_;
  std::vector<std::string> warnings_;
  std::size_t dropped_ = 0;
};

// "file:line:column" from a 0-based yaml-cpp mark (line < 0: just the file).
std::string file_location(const std::string& file, int line0, int column0);

// Optimal-string-alignment edit distance (insertions, deletions, substitutions, adjacent swaps),
// case-insensitive.
std::size_t edit_distance(const std::string& a, const std::string& b);

// The candidate nearest to `word` when it is close enough to be a likely typo, else "".
std::string nearest(const std::string& word, const std::vector<std::string>& candidates);

// `, did you mean "x"?` or ` (known: a, b, c)` for a message about an unknown name.
std::string suggestion(const std::string& word, const std::vector<std::string>& candidates);

// Runs f (a deck reader). Bad input must only ever surface as DeckError: anything else thrown while
// reading is re-worded as one, naming the deck.
template <class F>
auto rethrow_as_deck_error(const std::string& label, F&& f) -> decltype(f()) {
  try {
    return f();
  } catch (const DeckError&) {
    throw;
  } catch (const std::exception& e) {
    throw DeckError(label + ": could not read the deck: " + e.what());
  }
}

}  // namespace afsim::schema
