// A PDF written object by object, byte for byte as given, its
// cross-reference table computed: for PDFs that must be exactly what they
// name (hostile cases, drawing operators a writer would rewrite).
#pragma once

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <stdexcept>
#include <string>
#include <vector>

namespace pdfrecon {

class RawPdf {
 public:
  // Reserves an object number (for forward references).
  int reserve() {
    bodies_.emplace_back();
    return int(bodies_.size());
  }
  void set(int id, std::string body) { bodies_.at(id - 1) = std::move(body); }
  int add(std::string body) {
    int id = reserve();
    set(id, std::move(body));
    return id;
  }
  // A stream object; `dict` holds its keys other than /Length.
  int add_stream(const std::string& dict, const std::string& data) {
    return add("<< " + dict + " /Length " + std::to_string(data.size()) + " >>\nstream\n" + data +
               "\nendstream");
  }

  // Writes the file, the catalogue being object `root`. `xref_shift` moves
  // every offset (a broken table); `junk` follows %%EOF.
  void write(const std::filesystem::path& out, int root, long xref_shift = 0,
             const std::string& junk = "") const {
    std::ofstream f(out, std::ios::binary);
    std::string head = "%PDF-1.7\n%\xe2\xe3\xcf\xd3\n";
    f << head;
    std::vector<std::size_t> offsets;
    std::size_t at = head.size();
    for (std::size_t i = 0; i < bodies_.size(); ++i) {
      offsets.push_back(at);
      std::string obj = std::to_string(i + 1) + " 0 obj\n" + bodies_[i] + "\nendobj\n";
      f << obj;
      at += obj.size();
    }
    f << "xref\n0 " << bodies_.size() + 1 << "\n0000000000 65535 f \n";
    char line[32];
    for (std::size_t o : offsets) {
      std::snprintf(line, sizeof line, "%010ld 00000 n \n", long(o) + xref_shift);
      f << line;
    }
    f << "trailer\n<< /Size " << bodies_.size() + 1 << " /Root " << root << " 0 R >>\nstartxref\n"
      << at << "\n%%EOF\n"
      << junk;
    if (!f) throw std::runtime_error("cannot write " + out.string());
  }

 private:
  std::vector<std::string> bodies_;
};

// "N 0 R": a reference to object `id`.
inline std::string ref(int id) { return std::to_string(id) + " 0 R"; }

}  // namespace pdfrecon
