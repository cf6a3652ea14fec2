// Per-stage cost on one page of the CNE born-digital fixture:
//   build with -DPDFRECON_BENCH=ON, run build/bench/stages_bench.
#include <benchmark/benchmark.h>

#include "pdfrecon/cell_text.h"
#include "pdfrecon/dictionary.h"
#include "pdfrecon/grid_detector.h"
#include "pdfrecon/lexicon.h"
#include "pdfrecon/pdf_document.h"
#include "pdfrecon/text_matcher.h"

namespace pdfrecon {
namespace {

const char* kPdf = PDFRECON_SOURCE_DIR "/fixtures/cne-lotaip-a4-2023-11/born-digital.pdf";

void BM_Open(benchmark::State& state) {
  for (auto _ : state) benchmark::DoNotOptimize(PdfDocument::open(kPdf).page_count());
}
BENCHMARK(BM_Open)->Unit(benchmark::kMillisecond);

void BM_TextLayer(benchmark::State& state) {
  PdfDocument pdf = PdfDocument::open(kPdf);
  for (auto _ : state) benchmark::DoNotOptimize(pdf.text(1).words.size());
}
BENCHMARK(BM_TextLayer)->Unit(benchmark::kMillisecond);

void BM_Render(benchmark::State& state) {
  PdfDocument pdf = PdfDocument::open(kPdf);
  for (auto _ : state) benchmark::DoNotOptimize(pdf.render_grey(1, double(state.range(0))).rows);
}
BENCHMARK(BM_Render)->Arg(100)->Arg(150)->Arg(300)->Unit(benchmark::kMillisecond);

void BM_DetectGrids(benchmark::State& state) {
  PdfDocument pdf = PdfDocument::open(kPdf);
  double dpi = double(state.range(0));
  cv::Mat grey = pdf.render_grey(1, dpi);
  GridDetectorOptions o;
  o.text_height_pt = pdf.text(1).median_height();
  for (auto _ : state) benchmark::DoNotOptimize(detect_grids(grey, dpi / 72, o).tables.size());
}
BENCHMARK(BM_DetectGrids)->Arg(100)->Arg(150)->Arg(300)->Unit(benchmark::kMillisecond);

void BM_PlaceWords(benchmark::State& state) {
  PdfDocument pdf = PdfDocument::open(kPdf);
  TextLayer text = pdf.text(1);
  GridDetectorOptions o;
  o.text_height_pt = text.median_height();
  auto grids = detect_grids(pdf.render_grey(1, 150), 150.0 / 72, o).tables;
  for (auto _ : state) {
    auto copy = grids;
    benchmark::DoNotOptimize(place_words(text, copy).size());
  }
}
BENCHMARK(BM_PlaceWords)->Unit(benchmark::kMillisecond);

void BM_LoadLexicon(benchmark::State& state) {
  for (auto _ : state) benchmark::DoNotOptimize(Lexicon().knows("porcentaje"));
}
BENCHMARK(BM_LoadLexicon)->Unit(benchmark::kMillisecond);

// One indicator cell cleaned: exact entry (born-digital), OCR-damaged entry,
// and new text corrected word by word.
void BM_CleanIndicator(benchmark::State& state) {
  static const Dictionary dictionary = Dictionary::bundled();
  static const TextMatcher matcher(dictionary, Lexicon::shared());
  const char* texts[] = {
      "Porcentaje de cumplimiento de la sección de transparencia en el sitio web institucional",
      "Porcentale de cumplirniento de la seccion de transparcncia en el sitio web institucional",
      "Porcentale de viviendas con rnedidores instalados en la parroquia"};
  const char* text = texts[state.range(0)];
  for (auto _ : state) benchmark::DoNotOptimize(matcher.clean(text, EntryKind::kIndicator).text);
}
BENCHMARK(BM_CleanIndicator)->Arg(0)->Arg(1)->Arg(2)->Unit(benchmark::kMicrosecond);

}  // namespace
}  // namespace pdfrecon

BENCHMARK_MAIN();
