// The vocabulary of known reports: canonical section titles, unit names,
// objectives and indicators. Text read from a page is compared with these
// entries, so OCR damage in a known phrase can be undone with confidence.
//
// Entries live in plain UTF-8 text files, one entry a line; blank lines and
// lines starting with '#' are ignored. A folder holds any of:
//   sections.txt    section titles ("PROCESOS DESCONCENTRADOS")
//   units.txt       administrative units ("Dirección Nacional Financiera")
//   objectives.txt  unit objectives
//   indicators.txt  indicator names
//   words.txt       single words the Spanish lexicon lacks: proper names,
//                   acronyms, institution jargon ("QUIPUX", "Sucumbíos")
// The bundled folder (reconcile/data/, compiled into the program) is made by
// scripts/make-dictionary.sh from ground-truth files; `--dict DIR` adds a
// user's own folder on top.
#pragma once

#include <array>
#include <stdexcept>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

namespace pdfrecon {

enum class EntryKind { kSection, kUnit, kObjective, kIndicator };
inline constexpr int kEntryKinds = 4;

// File name of each kind inside a dictionary folder, and of the word list.
const char* entry_file_name(EntryKind kind);
inline constexpr const char* kWordsFileName = "words.txt";

class DictionaryError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

class Dictionary {
 public:
  struct Entry {
    std::string text;  // canonical, as it must be printed
    std::string key;   // match_key(text)
  };

  // The vocabulary compiled into the program.
  static Dictionary bundled();

  // Adds the entries of one file's contents (the format above).
  void add_text(EntryKind kind, const std::string& contents);
  void add_words(const std::string& contents);
  // Adds every known file of `dir`. Throws DictionaryError when the folder
  // is missing, unreadable or holds none of the files.
  void add_folder(const std::string& dir);

  const std::vector<Entry>& entries(EntryKind kind) const { return entries_[int(kind)]; }
  // Entries whose match key equals `key` exactly.
  std::vector<const Entry*> exact(EntryKind kind, const std::string& key) const;
  // True when `lower` (one word in lower case, accents kept) appears in any
  // entry or in the word list.
  bool knows_word(const std::string& lower) const { return words_.count(lower) > 0; }
  size_t size() const;

 private:
  void add_entry(EntryKind kind, const std::string& text);
  void add_word(const std::string& word);

  std::array<std::vector<Entry>, kEntryKinds> entries_;
  std::array<std::unordered_multimap<std::string, size_t>, kEntryKinds> by_key_;
  std::unordered_set<std::string> words_;
};

}  // namespace pdfrecon
