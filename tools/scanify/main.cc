// scanify: turns a born-digital PDF into what an archive holds after
// printing and scanning: each page rasterised in grey, slightly rotated,
// blurred, noisy, unevenly lit and JPEG-compressed, wrapped as an image-only
// PDF. Seeded, so the same arguments give the same file.
//
//   scanify IN.pdf OUT.pdf [--dpi 200] [--skew 0.6] [--seed 1] [--quality 60]
#include <cairo-pdf.h>
#include <cairo.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <iostream>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>
#include <random>
#include <string>
#include <vector>

#include "pdfrecon/pdf_document.h"

namespace {

struct Options {
  std::string in, out;
  double dpi = 200, skew = 0.6, quality = 60;
  unsigned seed = 1;
};

cv::Mat degrade(const cv::Mat& page, const Options& o, int page_index, std::mt19937& rng) {
  // Alternate the skew's sign so pages differ, as sheets on a scanner do.
  double angle = (page_index % 2 ? -1 : 1) * o.skew;
  cv::Mat rotated;
  cv::Mat m = cv::getRotationMatrix2D(cv::Point2f(page.cols / 2.f, page.rows / 2.f), angle, 1.0);
  cv::warpAffine(page, rotated, m, page.size(), cv::INTER_LINEAR, cv::BORDER_CONSTANT,
                 cv::Scalar(255));
  cv::GaussianBlur(rotated, rotated, cv::Size(3, 3), 0.7);
  // Uneven lighting: a gentle left-to-right gradient of paper grey.
  cv::Mat f;
  rotated.convertTo(f, CV_32F);
  for (int x = 0; x < f.cols; ++x) {
    float shade = 1.0f - 0.08f * float(x) / float(f.cols);
    f.col(x) *= shade;
  }
  cv::Mat noise(f.size(), CV_32F);
  cv::randn(noise, 0, 6);
  cv::theRNG().state = rng();
  f += noise;
  cv::Mat out;
  f.convertTo(out, CV_8U);
  return out;
}

int run(const Options& o) {
  pdfrecon::PdfDocument pdf = pdfrecon::PdfDocument::open(o.in);
  std::mt19937 rng(o.seed);
  cv::theRNG().state = o.seed;
  pdfrecon::PageGeometry g0 = pdf.geometry(0);
  cairo_surface_t* surface = cairo_pdf_surface_create(o.out.c_str(), g0.width, g0.height);
  cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATE_DATE, "2024-01-01T00:00:00");
  for (int i = 0; i < pdf.page_count(); ++i) {
    pdfrecon::PageGeometry g = pdf.geometry(i);
    cairo_pdf_surface_set_size(surface, g.width, g.height);
    cv::Mat page = degrade(pdf.render_grey(i, o.dpi, true), o, i, rng);
    std::vector<unsigned char> jpeg;
    cv::imencode(".jpg", page, jpeg, {cv::IMWRITE_JPEG_QUALITY, int(o.quality)});
    // Cairo draws the pixels; the JPEG bytes are embedded as they are.
    cv::Mat decoded = cv::imdecode(jpeg, cv::IMREAD_GRAYSCALE);
    cv::Mat rgb;
    cv::cvtColor(decoded, rgb, cv::COLOR_GRAY2BGRA);
    cairo_surface_t* img = cairo_image_surface_create(CAIRO_FORMAT_RGB24, rgb.cols, rgb.rows);
    cairo_surface_flush(img);
    unsigned char* dst = cairo_image_surface_get_data(img);
    int stride = cairo_image_surface_get_stride(img);
    for (int y = 0; y < rgb.rows; ++y)
      std::memcpy(dst + y * stride, rgb.ptr(y), size_t(rgb.cols) * 4);
    cairo_surface_mark_dirty(img);
    auto* owned = new std::vector<unsigned char>(jpeg);
    cairo_surface_set_mime_data(
        img, CAIRO_MIME_TYPE_JPEG, owned->data(), owned->size(),
        [](void* p) { delete static_cast<std::vector<unsigned char>*>(p); }, owned);
    cairo_t* cr = cairo_create(surface);
    cairo_scale(cr, 72.0 / o.dpi, 72.0 / o.dpi);
    cairo_set_source_surface(cr, img, 0, 0);
    cairo_paint(cr);
    cairo_destroy(cr);
    cairo_surface_destroy(img);
    cairo_surface_show_page(surface);
  }
  cairo_surface_finish(surface);
  cairo_status_t st = cairo_surface_status(surface);
  cairo_surface_destroy(surface);
  if (st != CAIRO_STATUS_SUCCESS) {
    std::cerr << "scanify: " << o.out << ": " << cairo_status_to_string(st) << "\n";
    return 1;
  }
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  Options o;
  std::vector<std::string> pos;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    auto next = [&]() -> double {
      if (i + 1 >= argc) {
        std::cerr << "scanify: " << a << " needs a value\n";
        std::exit(2);
      }
      return std::atof(argv[++i]);
    };
    if (a == "--dpi")
      o.dpi = next();
    else if (a == "--skew")
      o.skew = next();
    else if (a == "--quality")
      o.quality = next();
    else if (a == "--seed")
      o.seed = unsigned(next());
    else if (a == "-h" || a == "--help") {
      std::cout
          << "usage: scanify IN.pdf OUT.pdf [--dpi 200] [--skew 0.6] [--seed 1] [--quality 60]\n";
      return 0;
    } else
      pos.push_back(a);
  }
  if (pos.size() != 2) {
    std::cerr
        << "usage: scanify IN.pdf OUT.pdf [--dpi 200] [--skew 0.6] [--seed 1] [--quality 60]\n";
    return 2;
  }
  o.in = pos[0];
  o.out = pos[1];
  try {
    return run(o);
  } catch (const std::exception& e) {
    std::cerr << "scanify: " << o.in << ": " << e.what() << "\n";
    return 1;
  }
}
