#include "pdfrecon/lexicon.h"

#include <filesystem>
#include <hunspell/hunspell.hxx>

namespace pdfrecon {

struct Lexicon::Impl {
  Hunspell hunspell;
  Impl(const std::string& aff, const std::string& dic) : hunspell(aff.c_str(), dic.c_str()) {}
};

Lexicon::Lexicon(const std::string& path) {
  std::string aff = path + ".aff", dic = path + ".dic";
  std::error_code ec;
  if (!std::filesystem::exists(aff, ec) || !std::filesystem::exists(dic, ec)) {
    throw LexiconError("Spanish lexicon not found (" + dic +
                       "; install the Debian package hunspell-es)");
  }
  impl_ = std::make_unique<Impl>(aff, dic);
}

Lexicon::~Lexicon() = default;

bool Lexicon::knows(const std::string& word) const {
  std::lock_guard lock(mutex_);
  return impl_->hunspell.spell(word);
}

std::vector<std::string> Lexicon::suggest(const std::string& word) const {
  std::lock_guard lock(mutex_);
  return impl_->hunspell.suggest(word);
}

const Lexicon* Lexicon::shared(std::string* why) {
  static std::string failure;
  static const Lexicon* lexicon = []() -> const Lexicon* {
    try {
      return new Lexicon();  // lives as long as the process
    } catch (const LexiconError& e) {
      failure = e.what();
      return nullptr;
    }
  }();
  if (!lexicon && why) *why = failure;
  return lexicon;
}

}  // namespace pdfrecon
