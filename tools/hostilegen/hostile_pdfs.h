// Hostile and unlucky PDFs, written byte by byte so that each is exactly the
// damage it names (a writer such as qpdf would repair half of them). Small on
// disk, costly to a careless reader. The sizes are parameters: the benchmark
// (scripts/bench-hostile.sh) uses the ones of the issue that found them, the
// tests smaller ones that still cross every limit.
#pragma once

#include <cstddef>
#include <filesystem>
#include <string>
#include <vector>

namespace pdfrecon::hostile {

namespace fs = std::filesystem;

// A one-page PDF of `width` x `height` points with a line of text, and
// /UserUnit `user_unit` (1: none).
void huge_page(const fs::path& out, double width, double height, double user_unit = 1);
// An A4 page that is one grey image of `width` x `height` pixels, Flate
// compressed (a few MB for 60000 x 60000).
void huge_image(const fs::path& out, int width, int height);
// An A4 page whose JPEG's header claims `width` x `height` pixels over the
// data of an 8 x 8 image.
void lying_jpeg(const fs::path& out, int width, int height);
// A page whose content is `count` unrestored `q` operators.
void unbalanced_saves(const fs::path& out, std::size_t count);
// A page whose content is `count` path operators.
void operator_bomb(const fs::path& out, std::size_t count);
// A scan page (one image) whose content holds `bytes` of whitespace.
void whitespace_bomb(const fs::path& out, std::size_t bytes);
// `pages` blank A4 pages.
void blank_pages(const fs::path& out, int pages);
// One page holding a ruled grid of `rows` x `cols` cells, a number in each.
void dense_grid(const fs::path& out, int rows, int cols);
// A page that draws a form that draws a form ... `depth` deep.
void nested_forms(const fs::path& out, int depth);
// A page that draws a form that draws itself.
void form_cycle(const fs::path& out);
// A page tree whose node lists itself among its kids.
void page_tree_cycle(const fs::path& out);
// An object nested `depth` arrays deep in the page's resources.
void deep_arrays(const fs::path& out, int depth);
// A good page whose cross-reference offsets are all wrong.
void broken_xref(const fs::path& out);
// A good page followed by `bytes` of junk after %%EOF.
void junk_after_eof(const fs::path& out, std::size_t bytes);

// Every case at the size named in issue 16, for the benchmark.
struct Case {
  std::string name;
  std::string what;
};
std::vector<Case> write_all(const fs::path& dir);

}  // namespace pdfrecon::hostile
