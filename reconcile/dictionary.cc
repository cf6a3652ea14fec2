#include "pdfrecon/dictionary.h"

#include <cctype>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "bundled_dictionary.h"
#include "pdfrecon/text_key.h"

namespace pdfrecon {
namespace {

constexpr const char* kFileNames[kEntryKinds] = {"sections.txt", "units.txt", "objectives.txt",
                                                 "indicators.txt"};

template <typename Fn>
void for_each_line(const std::string& contents, Fn&& fn) {
  std::istringstream in(contents);
  for (std::string line; std::getline(in, line);) {
    std::string t = collapse_whitespace(line);
    if (t.empty() || t[0] == '#') continue;
    fn(t);
  }
}

bool is_word_char(unsigned char c) { return c >= 0x80 || std::isalnum(c); }

std::string read_file(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  if (!in) throw DictionaryError(p.string() + ": cannot be read");
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

}  // namespace

const char* entry_file_name(EntryKind kind) { return kFileNames[int(kind)]; }

Dictionary Dictionary::bundled() {
  Dictionary d;
  d.add_text(EntryKind::kSection, bundled_data::kSections);
  d.add_text(EntryKind::kUnit, bundled_data::kUnits);
  d.add_text(EntryKind::kObjective, bundled_data::kObjectives);
  d.add_text(EntryKind::kIndicator, bundled_data::kIndicators);
  d.add_words(bundled_data::kWords);
  return d;
}

void Dictionary::add_text(EntryKind kind, const std::string& contents) {
  for_each_line(contents, [&](const std::string& line) { add_entry(kind, line); });
}

void Dictionary::add_words(const std::string& contents) {
  for_each_line(contents, [&](const std::string& line) { add_word(line); });
}

void Dictionary::add_folder(const std::string& dir) {
  namespace fs = std::filesystem;
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) throw DictionaryError(dir + ": not a dictionary folder");
  int found = 0;
  for (int k = 0; k < kEntryKinds; ++k) {
    fs::path p = fs::path(dir) / kFileNames[k];
    if (!fs::exists(p, ec)) continue;
    add_text(EntryKind(k), read_file(p));
    ++found;
  }
  fs::path words = fs::path(dir) / kWordsFileName;
  if (fs::exists(words, ec)) {
    add_words(read_file(words));
    ++found;
  }
  if (found == 0) {
    throw DictionaryError(dir +
                          ": holds none of sections.txt, units.txt, objectives.txt, "
                          "indicators.txt, words.txt");
  }
}

std::vector<const Dictionary::Entry*> Dictionary::exact(EntryKind kind,
                                                        const std::string& key) const {
  std::vector<const Entry*> out;
  auto [a, b] = by_key_[int(kind)].equal_range(key);
  for (auto it = a; it != b; ++it) out.push_back(&entries_[int(kind)][it->second]);
  return out;
}

size_t Dictionary::size() const {
  size_t n = 0;
  for (const auto& e : entries_) n += e.size();
  return n;
}

void Dictionary::add_entry(EntryKind kind, const std::string& text) {
  std::string key = match_key(text);
  for (const Entry* e : exact(kind, key)) {
    if (e->text == text) return;  // already there
  }
  by_key_[int(kind)].emplace(key, entries_[int(kind)].size());
  entries_[int(kind)].push_back({text, key});
  // Every word of an entry is a known word.
  std::string word;
  for (size_t i = 0; i <= text.size(); ++i) {
    if (i < text.size() && is_word_char(static_cast<unsigned char>(text[i]))) {
      word += text[i];
    } else if (!word.empty()) {
      add_word(word);
      word.clear();
    }
  }
}

void Dictionary::add_word(const std::string& word) { words_.insert(to_lower(word)); }

}  // namespace pdfrecon
