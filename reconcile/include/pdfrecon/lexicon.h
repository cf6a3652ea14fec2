// The Spanish lexicon: Hunspell with Debian's hunspell-es (es_EC), for words
// outside the dictionary. It answers "is this a Spanish word?" and offers
// spellings near a word that is not.
#pragma once

#include <memory>
#include <mutex>
#include <stdexcept>
#include <string>
#include <vector>

namespace pdfrecon {

class LexiconError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

inline constexpr const char* kDefaultLexiconPath = "/usr/share/hunspell/es_EC";

class Lexicon {
 public:
  // `path` without extension: path.aff and path.dic. Throws LexiconError
  // when they are missing (loading takes ~100 ms: share one instance).
  explicit Lexicon(const std::string& path = kDefaultLexiconPath);
  ~Lexicon();
  Lexicon(const Lexicon&) = delete;
  Lexicon& operator=(const Lexicon&) = delete;

  // True when Hunspell accepts the word as written (UTF-8).
  bool knows(const std::string& word) const;
  // Hunspell's suggestions, best first.
  std::vector<std::string> suggest(const std::string& word) const;

  // One lexicon for the process, loaded on first use; nullptr (and a reason
  // in *why) when the hunspell-es files are not installed.
  static const Lexicon* shared(std::string* why = nullptr);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
  mutable std::mutex mutex_;  // Hunspell objects are not thread-safe
};

}  // namespace pdfrecon
