#include "pdfrecon/review_page.h"

#include <cstdio>  // before jpeglib.h, which uses FILE
// clang-format off
#include <jpeglib.h>
// clang-format on

#include <algorithm>
#include <cctype>
#include <cmath>
#include <csetjmp>
#include <cstdlib>
#include <map>
#include <nlohmann/json.hpp>
#include <opencv2/imgproc.hpp>
#include <sstream>
#include <stdexcept>

namespace pdfrecon {
namespace {

// ---------------------------------------------------------------- JPEG ---

struct JpegErrors {
  jpeg_error_mgr mgr;
  std::jmp_buf jump;
  char message[JMSG_LENGTH_MAX] = {};
};

[[noreturn]] void jpeg_failed(j_common_ptr info) {
  auto* errors = reinterpret_cast<JpegErrors*>(info->err);
  (*info->err->format_message)(info, errors->message);
  std::longjmp(errors->jump, 1);
}

// `grey` is 8-bit and continuous. Nothing with a destructor may live
// between setjmp and the calls that can longjmp.
std::string encode_jpeg(const cv::Mat& grey, int quality) {
  jpeg_compress_struct info{};
  JpegErrors errors;
  unsigned char* buffer = nullptr;
  unsigned long size = 0;
  info.err = jpeg_std_error(&errors.mgr);
  errors.mgr.error_exit = jpeg_failed;
  if (setjmp(errors.jump)) {
    jpeg_destroy_compress(&info);
    std::free(buffer);
    throw std::runtime_error(std::string("libjpeg: ") + errors.message);
  }
  jpeg_create_compress(&info);
  jpeg_mem_dest(&info, &buffer, &size);
  info.image_width = JDIMENSION(grey.cols);
  info.image_height = JDIMENSION(grey.rows);
  info.input_components = 1;
  info.in_color_space = JCS_GRAYSCALE;
  jpeg_set_defaults(&info);
  jpeg_set_quality(&info, quality, TRUE);
  info.optimize_coding = TRUE;
  jpeg_start_compress(&info, TRUE);
  while (info.next_scanline < info.image_height) {
    JSAMPROW row = const_cast<JSAMPROW>(grey.ptr<unsigned char>(int(info.next_scanline)));
    jpeg_write_scanlines(&info, &row, 1);
  }
  jpeg_finish_compress(&info);
  jpeg_destroy_compress(&info);
  std::string out(reinterpret_cast<const char*>(buffer), size);
  std::free(buffer);
  return out;
}

std::string base64(const std::string& bytes) {
  static const char* kDigits = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  out.reserve((bytes.size() + 2) / 3 * 4);
  size_t i = 0;
  for (; i + 2 < bytes.size(); i += 3) {
    unsigned v = unsigned((unsigned char)bytes[i]) << 16 |
                 unsigned((unsigned char)bytes[i + 1]) << 8 | (unsigned char)bytes[i + 2];
    out += kDigits[v >> 18 & 63];
    out += kDigits[v >> 12 & 63];
    out += kDigits[v >> 6 & 63];
    out += kDigits[v & 63];
  }
  if (i < bytes.size()) {
    unsigned v = unsigned((unsigned char)bytes[i]) << 16;
    if (i + 1 < bytes.size()) v |= unsigned((unsigned char)bytes[i + 1]) << 8;
    out += kDigits[v >> 18 & 63];
    out += kDigits[v >> 12 & 63];
    out += i + 1 < bytes.size() ? kDigits[v >> 6 & 63] : '=';
    out += '=';
  }
  return out;
}

// ------------------------------------------------------------- helpers ---

std::string num(double v) {
  char b[32];
  std::snprintf(b, sizeof b, "%.2f", v);
  std::string s = b;
  while (s.back() == '0') s.pop_back();
  if (s.back() == '.') s.pop_back();
  return s;
}

std::string percent(double confidence) {
  return std::to_string(int(std::lround(confidence * 100))) + "%";
}

// JSON for a <script type="application/json">: "</" cannot end the element.
std::string script_json(const nlohmann::json& j) {
  std::string s = j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size(); ++i) {
    out += s[i];
    if (s[i] == '<' && i + 1 < s.size() && s[i + 1] == '/') out += "\\";
  }
  return out;
}

// Below this a reading is unsure (the review policy's unsure_reading).
constexpr double kUnsure = 0.8;

std::string confidence_class(double c) { return c < kUnsure ? "lo" : c < 0.95 ? "mid" : "hi"; }

std::string cell_id(int page, size_t table, size_t cell) {
  return "c-" + std::to_string(page) + "-" + std::to_string(table) + "-" + std::to_string(cell);
}

// Where a record's key cell is: its table and cell on its page.
struct CellRef {
  const PageResult* page = nullptr;
  size_t table = 0, cell = 0;
  bool found = false;
};

CellRef find_cell(const DocumentResult& doc, const Record& r) {
  CellRef best;
  double best_overlap = 0;
  for (const PageResult& p : doc.pages) {
    if (p.number != r.page) continue;
    best.page = &p;
    for (size_t t = 0; t < p.tables.size(); ++t) {
      for (size_t k = 0; k < p.tables[t].cells.size(); ++k) {
        const Box& b = p.tables[t].cells[k].box;
        Box in = b.intersect(r.box);
        double overlap = in.empty() ? 0 : in.area() / std::max(1e-9, b.area() + r.box.area());
        if (overlap > best_overlap) {
          best_overlap = overlap;
          best.table = t, best.cell = k, best.found = true;
        }
      }
    }
  }
  return best;
}

const char* source_label(const std::string& text_source) {
  if (text_source == "ocr") return "read by OCR";
  if (text_source == "mixed") return "mixed: text layer and OCR";
  if (text_source == "unread") return "not read";
  return "text layer";
}

// ---------------------------------------------------------- the page ---

const char* kStyle = R"CSS(
:root{--ink:#1f2430;--muted:#5b6475;--line:#d9dde5;--panel:#f6f7f9;--native:#2563eb;
--ocr:#c2410c;--bad:#dc2626;--mid:#ca8a04;--sel:#facc15}
*{box-sizing:border-box}
html,body{margin:0;padding:0}
body{font:14px/1.4 system-ui,-apple-system,"Segoe UI",Roboto,"DejaVu Sans",sans-serif;
color:var(--ink);background:#e9ecf1;display:grid;grid-template-columns:minmax(0,1fr) clamp(340px,30vw,420px);
height:100vh;overflow:hidden}
main{padding:16px 20px 40px;min-width:0;height:100vh;overflow:auto;outline:none}
aside{height:100vh;overflow:hidden;display:flex;flex-direction:column;
background:var(--panel);border-left:1px solid var(--line)}
h1{font-size:20px;margin:0 0 4px;word-break:break-all}
h2{font-size:16px;margin:0}
.sub{color:var(--muted);font-size:13px}
.badge{display:inline-block;padding:1px 8px;border-radius:10px;font-size:12px;font-weight:600;
background:#e2e8f0;color:#334155;vertical-align:middle}
.badge.ocr,.badge.mixed{background:#ffedd5;color:#9a3412}
.badge.unread,.badge.partial{background:#fee2e2;color:#991b1b}
.badge.complete,.badge.native{background:#dcfce7;color:#166534}
.card{background:#fff;border:1px solid var(--line);border-radius:8px;padding:12px 14px;
margin:12px 0}
.facts{display:flex;flex-wrap:wrap;gap:6px 18px;margin-top:8px}
.facts b{font-variant-numeric:tabular-nums}
dl.meta{display:grid;grid-template-columns:max-content 1fr;gap:3px 14px;margin:8px 0 0}
dl.meta dt{color:var(--muted)}
dl.meta dd{margin:0;word-break:break-word}
ul.warnings{margin:6px 0 0;padding-left:18px;max-height:180px;overflow:auto}
ul.warnings li{margin:2px 0}
details summary{cursor:pointer;font-weight:600}
.legend{display:flex;flex-wrap:wrap;gap:4px 14px;font-size:12px;color:var(--muted);
align-items:center}
.sw{display:inline-block;width:14px;height:10px;vertical-align:middle;margin-right:4px;
border:2px solid}
.sw.native{border-color:var(--native);background:rgba(37,99,235,.08)}
.sw.ocr{border-color:var(--ocr);background:rgba(194,65,12,.08)}
.sw.lo{border-color:#999;background:rgba(220,38,38,.35)}
.sw.mid{border-color:#999;background:rgba(234,179,8,.35)}
.sw.doubt{border-color:var(--bad);border-width:3px}
.sw.band{border-color:transparent;background:rgba(220,38,38,.16)}
.sw.merged{border-style:dashed;border-color:#555}
section.page{background:#fff;border:1px solid var(--line);border-radius:8px;margin:16px 0;
padding:10px 12px 12px;overflow-x:auto}
.page-head{display:flex;gap:10px;align-items:baseline;flex-wrap:wrap;margin-bottom:8px}
.sheet{position:relative;width:calc(100% * var(--zoom,1));background:#fff;box-shadow:0 0 0 1px #cbd2dc}
.sheet img,.sheet svg{position:absolute;inset:0;width:100%;height:100%;display:block}
.sheet .none{position:absolute;inset:0;display:flex;align-items:center;justify-content:center;
color:var(--muted)}
svg rect{vector-effect:non-scaling-stroke}
rect.table{fill:none;stroke:#111827;stroke-width:2;opacity:.55}
rect.cell{stroke-width:1.2;cursor:pointer}
rect.cell.native{stroke:var(--native);fill:rgba(37,99,235,.05)}
rect.cell.ocr{stroke:var(--ocr);fill:rgba(194,65,12,.05)}
rect.cell.mid{fill:rgba(234,179,8,.22)}
rect.cell.lo{fill:rgba(220,38,38,.26)}
rect.cell.merged{stroke-dasharray:6 3}
rect.cell.doubt{stroke:var(--bad);stroke-width:2.5}
rect.cell:hover{stroke:#000;stroke-width:2.5;fill:rgba(250,204,21,.25)}
rect.cell.sel{stroke:#000;stroke-width:3;fill:rgba(250,204,21,.15)}
rect.band{fill:none;stroke:none;pointer-events:none}
rect.band.review{fill:rgba(220,38,38,.13)}
rect.band.sel{fill:rgba(250,204,21,.28);stroke:#a16207;stroke-width:2}
body.hide-boxes svg{display:none}
.lines{margin-top:8px;font-size:13px}
.lines ol{margin:4px 0 0;padding-left:24px;color:var(--muted)}
.panel-head{padding:12px 14px 8px;border-bottom:1px solid var(--line)}
.filters{display:flex;gap:4px;margin-top:8px}
.filters button{flex:1 1 auto;white-space:nowrap;font:inherit;font-size:12px;padding:5px 6px;border:1px solid #b8c0cc;
background:#fff;border-radius:6px;cursor:pointer}
.filters button[aria-pressed=true]{background:#1f2430;color:#fff;border-color:#1f2430}
.keys{font-size:12px;color:var(--muted);margin-top:6px}
kbd{font:11px monospace;border:1px solid #b8c0cc;border-bottom-width:2px;border-radius:3px;
padding:0 4px;background:#fff}
#cellinfo{padding:10px 14px;border-bottom:1px solid var(--line);background:#fff;font-size:13px;
min-height:92px;max-height:45vh;overflow:auto}
#cellinfo .empty{color:var(--muted)}
#cellinfo .txt{font-size:15px;font-weight:600;white-space:pre-wrap;word-break:break-word}
#cellinfo .raw{font-family:monospace;white-space:pre-wrap;word-break:break-word;color:#374151}
#cellinfo table{border-collapse:collapse;margin-top:4px;width:100%}
#cellinfo td{border-top:1px solid #eee;padding:2px 4px;vertical-align:top;word-break:break-word}
#cellinfo .k{color:var(--muted);white-space:nowrap}
#cellinfo table.row td.k{text-align:right;font-size:12px}
#cellinfo tr.weak td{background:#fef2f2}
#cellinfo .cell-text{display:-webkit-box;-webkit-line-clamp:2;-webkit-box-orient:vertical;
overflow:hidden}
#cellinfo tr.weak .cell-text{display:block;font-weight:600}
#cellinfo .fix{color:#1d4ed8;font-size:12px}
#cellinfo .doubts{color:var(--bad);font-size:12px}
rect.cell.hl{stroke:#000;stroke-width:3;fill:rgba(250,204,21,.45)}
ul#records{list-style:none;margin:0;padding:6px 8px 40px;overflow:auto;flex:1}
ul#records li{background:#fff;border:1px solid var(--line);border-left:4px solid #94a3b8;
border-radius:6px;padding:6px 8px;margin:6px 0;cursor:pointer;font-size:13px}
ul#records li.review{border-left-color:var(--bad)}
ul#records li.corrected:not(.review){border-left-color:var(--native)}
ul#records li.sel{outline:3px solid var(--sel);background:#fffbeb}
ul#records li:focus{outline:3px solid var(--sel)}
ul#records.only-review li:not(.review),ul#records.only-corrected li:not(.corrected){display:none}
.rec-head{display:flex;justify-content:space-between;gap:6px;color:var(--muted);font-size:12px}
.rec-head .no{font-weight:700;color:var(--ink)}
.f{margin-top:2px;word-break:break-word}
.f .k{color:var(--muted);font-size:11px;text-transform:uppercase;letter-spacing:.03em;
margin-right:4px}
.reason{display:inline-block;background:#fee2e2;color:#991b1b;border-radius:4px;padding:0 5px;
margin:3px 3px 0 0;font-size:11px;font-weight:600}
.none-left{color:var(--muted);padding:10px 6px}
@media (max-width:900px){body{grid-template-columns:1fr;height:auto;overflow:visible}
main,aside{height:auto;overflow:visible}}
)CSS";

const char* kScript = R"JS(
(function () {
  'use strict';
  var cells = JSON.parse(document.getElementById('cell-data').textContent);
  var info = document.getElementById('cellinfo');
  var list = document.getElementById('records');
  var selectedCell = null, selectedRecord = null;

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined) e.textContent = text;
    return e;
  }
  function row(table, key, value, cls) {
    var tr = el('tr');
    tr.appendChild(el('td', 'k', key));
    var td = el('td', cls || '');
    if (value instanceof Node) td.appendChild(value); else td.textContent = value;
    tr.appendChild(td);
    table.appendChild(tr);
  }
  function show(id) {
    info.textContent = '';
    var c = id && cells[id];
    if (!c) {
      info.appendChild(el('div', 'empty',
        'Point at a cell on a page to see what was read there; select a record to go to its cell.'));
      return;
    }
    info.appendChild(el('div', 'sub', 'Page ' + c.page + ', table ' + (c.table + 1) + ', row ' +
      (c.row + 1) + ', column ' + (c.col + 1) + (c.span ? ' (' + c.span + ')' : '')));
    info.appendChild(el('div', 'txt', c.text === '' ? '(empty)' : c.text));
    var t = el('table');
    if (c.raw !== c.text) row(t, 'raw', c.raw === '' ? '(empty)' : c.raw, 'raw');
    row(t, 'source', c.source === 'ocr' ? 'OCR' : 'text layer');
    row(t, 'confidence', Math.round(c.confidence * 100) + '%');
    c.corrections.forEach(function (k) {
      row(t, 'corrected', '\u201c' + k[1] + '\u201d \u2192 \u201c' + k[2] + '\u201d (' + k[0] + ')');
    });
    if (c.doubts.length) row(t, 'doubts', c.doubts.join(', '));
    info.appendChild(t);
  }

  // A record's row: every cell of its table beside its key cell, left to
  // right, so that what made it doubtful shows whichever cell it is in.
  function showRow(keyId) {
    var key = cells[keyId];
    if (!key) { show(null); return; }
    info.textContent = '';
    info.appendChild(el('div', 'sub', 'Page ' + key.page + ', table ' + (key.table + 1) +
      ': the row of this record (point at a cell for one alone)'));
    var t = el('table', 'row');
    Object.keys(cells).filter(function (id) {
      var c = cells[id];
      if (c.page !== key.page || c.table !== key.table) return false;
      var top = Math.max(c.box[1], key.box[1]), bottom = Math.min(c.box[3], key.box[3]);
      return bottom - top > 0.5 * (key.box[3] - key.box[1]);
    }).sort(function (a, b) { return cells[a].box[0] - cells[b].box[0]; }).forEach(function (id) {
      var c = cells[id];
      var tr = el('tr', c.confidence < 0.8 || c.doubts.length ? 'weak' : '');
      var what = el('td');
      what.appendChild(el('div', 'cell-text', c.text === '' ? '(empty)' : c.text));
      if (c.raw !== c.text) what.appendChild(el('div', 'raw', 'read: ' + c.raw));
      c.corrections.forEach(function (k) {
        what.appendChild(el('div', 'fix', k[1] + ' \u2192 ' + k[2] + ' (' + k[0] + ')'));
      });
      if (c.doubts.length) what.appendChild(el('div', 'doubts', c.doubts.join(', ')));
      tr.appendChild(what);
      tr.appendChild(el('td', 'k', (c.source === 'ocr' ? 'OCR ' : 'text ') +
        Math.round(c.confidence * 100) + '%'));
      var box = document.getElementById(id);
      tr.addEventListener('mouseenter', function () { box.classList.add('hl'); });
      tr.addEventListener('mouseleave', function () { box.classList.remove('hl'); });
      t.appendChild(tr);
    });
    info.appendChild(t);
  }

  function selectCell(id) {
    if (selectedCell) selectedCell.classList.remove('sel');
    selectedCell = id ? document.getElementById(id) : null;
    if (selectedCell) selectedCell.classList.add('sel');
    show(id);
  }

  // What the panel shows when no cell is pointed at: the selected record's
  // row, else the selected cell.
  function restore() {
    if (selectedRecord && selectedRecord.dataset.cell) showRow(selectedRecord.dataset.cell);
    else show(selectedCell ? selectedCell.id : null);
  }
  document.querySelectorAll('rect.cell').forEach(function (r) {
    r.addEventListener('mouseenter', function () { show(r.id); });
    r.addEventListener('mouseleave', restore);
    r.addEventListener('click', function () {
      if (selectedRecord) selectRecord(null);
      selectCell(r.id);
    });
  });

  function selectRecord(li, instant) {
    if (selectedRecord) {
      selectedRecord.classList.remove('sel');
      var old = document.getElementById(selectedRecord.dataset.band);
      if (old) old.classList.remove('sel');
    }
    selectedRecord = li;
    if (!li) { selectCell(null); return; }
    li.classList.add('sel');
    li.scrollIntoView({block: 'nearest'});
    var band = document.getElementById(li.dataset.band);
    if (band) band.classList.add('sel');
    selectCell(li.dataset.cell);
    showRow(li.dataset.cell);
    var target = document.getElementById(li.dataset.cell) ||
                 document.getElementById('page-' + li.dataset.page);
    if (target) target.scrollIntoView({block: 'center', behavior: instant ? 'auto' : 'smooth'});
  }
  list.addEventListener('click', function (e) {
    var li = e.target.closest('li[data-page]');
    if (li) selectRecord(li);
  });

  function visible() {
    return Array.prototype.filter.call(list.querySelectorAll('li[data-page]'),
      function (li) { return li.offsetParent !== null; });
  }
  function step(by) {
    var v = visible();
    if (!v.length) return;
    var i = v.indexOf(selectedRecord);
    i = i < 0 ? (by > 0 ? 0 : v.length - 1) : Math.min(v.length - 1, Math.max(0, i + by));
    selectRecord(v[i]);
  }
  document.addEventListener('keydown', function (e) {
    if (e.ctrlKey || e.metaKey || e.altKey) return;
    if (e.key === 'j' || e.key === 'n') { step(1); e.preventDefault(); }
    else if (e.key === 'k' || e.key === 'p') { step(-1); e.preventDefault(); }
    else if (e.key === 'b') { boxes.checked = !boxes.checked; document.body.classList.toggle('hide-boxes', !boxes.checked); }
    else if (e.key === '+' || e.key === '=') { zoom(1); }
    else if (e.key === '-') { zoom(-1); }
    else if (e.key === '0') { zoom(0); }
    else if (e.key === 'Escape') { selectRecord(null); }
  });

  // The pages' width, in steps: 100% fits the column; the images hold
  // about 140% before they blur.
  var zooms = [1, 1.25, 1.5, 2], zoomAt = 0;
  function zoom(by) {
    zoomAt = by === 0 ? 0 : Math.min(zooms.length - 1, Math.max(0, zoomAt + by));
    document.body.style.setProperty('--zoom', zooms[zoomAt]);
    var target = selectedCell || (selectedRecord && document.getElementById(selectedRecord.dataset.cell));
    if (target) target.scrollIntoView({block: 'center', inline: 'center'});
  }
  var empty = document.getElementById('none-left');
  function filter(name) {
    list.className = name === 'all' ? '' : 'only-' + name;
    document.querySelectorAll('.filters button').forEach(function (b) {
      b.setAttribute('aria-pressed', String(b.dataset.filter === name));
    });
    if (empty) empty.hidden = visible().length > 0;
  }
  document.querySelectorAll('.filters button').forEach(function (b) {
    b.addEventListener('click', function () { filter(b.dataset.filter); });
  });
  var boxes = document.getElementById('show-boxes');
  boxes.addEventListener('change', function () {
    document.body.classList.toggle('hide-boxes', !boxes.checked);
  });
  filter(list.dataset.initial);
  show(null);
  document.querySelector('main').focus({preventScroll: true});  // arrow keys scroll the pages
  // A link to a record (report.html#r-12) opens at its cell.
  var linked = /^#r-\d+$/.test(location.hash) && document.getElementById(location.hash.slice(1));
  if (linked) {
    if (linked.offsetParent === null) filter('all');
    selectRecord(linked, true);
  }
  document.body.dataset.ready = '1';
})();
)JS";

// The fields a record's panel entry shows, in order: the ones a person
// clearing the queue needs to find the row (lotaip-a4's), else the first
// few of the profile's.
std::vector<std::string> panel_fields(const DocumentResult& doc) {
  static const std::vector<std::string> wanted = {"section", "no", "unit", "indicator", "target"};
  std::vector<std::string> out;
  for (const std::string& f : wanted) {
    if (std::find(doc.record_fields.begin(), doc.record_fields.end(), f) != doc.record_fields.end())
      out.push_back(f);
  }
  if (out.size() < 3) {
    out.assign(doc.record_fields.begin(),
               doc.record_fields.begin() + long(std::min<size_t>(doc.record_fields.size(), 6)));
  }
  return out;
}

std::string field_label(const std::string& f) {
  if (f == "no") return "No.";
  std::string s = f;
  std::replace(s.begin(), s.end(), '_', ' ');
  return s;
}

// A relative path as a URL: every byte but letters, digits, "-._~/"
// percent-encoded ("2023 #1/r.html" -> "2023%20%231/r.html").
std::string href(const std::string& path) {
  static const char* kHex = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : path) {
    if (std::isalnum(c) || c == '-' || c == '.' || c == '_' || c == '~' || c == '/') {
      out += char(c);
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 15];
    }
  }
  return out;
}

struct Band {
  int page = 0;
  Box box;
};

}  // namespace

std::string html_escape(const std::string& s) {
  std::string out;
  out.reserve(s.size());
  for (char c : s) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&#39;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

PageImage page_image(int page, const cv::Mat& grey, double px_per_pt,
                     const PageImageOptions& options) {
  PageImage image;
  image.page = page;
  if (grey.empty()) return image;
  cv::Mat g = grey;
  if (g.type() != CV_8UC1) {
    cv::Mat c;
    if (g.channels() == 3)
      cv::cvtColor(g, c, cv::COLOR_BGR2GRAY);
    else
      g.convertTo(c, CV_8U);
    g = c;
  }
  double scale = std::min(1.0, options.dpi / 72.0 / px_per_pt);
  cv::Mat small;
  if (scale < 0.999) {
    cv::resize(g, small, cv::Size(), scale, scale, cv::INTER_AREA);
  } else {
    small = g.isContinuous() ? g : g.clone();
  }
  image.width = small.cols;
  image.height = small.rows;
  image.jpeg = encode_jpeg(small, options.quality);
  return image;
}

void PageImageCollector::add(int page, const cv::Mat& grey, double px_per_pt) {
  PageImage image;
  try {
    image = page_image(page, grey, px_per_pt, options_);
  } catch (const std::exception&) {
    return;
  }
  std::lock_guard lock(mutex_);
  for (PageImage& i : images_) {
    if (i.page == page) {
      i = std::move(image);  // read again: the later image is the one read
      return;
    }
  }
  images_.push_back(std::move(image));
}

std::vector<PageImage> PageImageCollector::take() {
  std::lock_guard lock(mutex_);
  std::vector<PageImage> out = std::move(images_);
  images_.clear();
  std::sort(out.begin(), out.end(),
            [](const PageImage& a, const PageImage& b) { return a.page < b.page; });
  return out;
}

std::string write_review_page(const DocumentResult& doc, const std::vector<PageImage>& images) {
  std::map<int, const PageImage*> image_of;
  for (const PageImage& i : images) {
    if (!i.jpeg.empty()) image_of[i.page] = &i;
  }
  const std::vector<Record> no_records;
  const std::vector<Record>& records = doc.records ? *doc.records : no_records;

  // Each record's key cell and row band; the cells flagged records point at.
  std::vector<CellRef> refs;
  std::vector<Band> bands;
  for (const Record& r : records) {
    CellRef ref = find_cell(doc, r);
    Band band;
    band.page = r.page;
    if (ref.found) {
      const CellGrid& t = ref.page->tables[ref.table];
      const GridCell& c = t.cells[ref.cell];
      band.box = {t.bbox.x0, c.box.y0, t.bbox.x1, c.box.y1};
    }
    refs.push_back(ref);
    bands.push_back(band);
  }
  std::string name = doc.file;
  if (size_t slash = name.find_last_of('/'); slash != std::string::npos && slash + 1 < name.size())
    name = name.substr(slash + 1);
  int review = 0, corrected = 0;
  for (const Record& r : records) {
    review += r.has_flag("needs_review");
    corrected += r.has_flag("corrected");
  }

  std::ostringstream h;
  h << "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n"
    << "<meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">\n"
    << "<title>" << html_escape(name) << " \u2014 pdfrecon review</title>\n"
    << "<style>" << kStyle << "</style></head>\n<body>\n<main tabindex=\"-1\">\n";

  // The document.
  h << "<header class=\"card\"><h1>" << html_escape(name) << "</h1>"
    << "<div class=\"sub\">" << html_escape(doc.file) << " \u00b7 sha256 "
    << html_escape(doc.sha256.substr(0, 16)) << "\u2026</div><div class=\"facts\">"
    << "<span><span class=\"badge " << doc.status() << "\">" << doc.status() << "</span></span>"
    << "<span>profile <b>" << html_escape(doc.profile) << "</b></span>"
    << "<span><b>" << doc.pages.size() << "</b> of " << doc.page_count << " pages read</span>";
  if (doc.records) {
    h << "<span><b>" << records.size() << "</b> records</span><span><b>" << review
      << "</b> need review</span><span><b>" << corrected << "</b> corrected</span>";
  }
  h << "</div></header>\n";

  // The metadata and the warnings, as read.
  if (!doc.metadata.fields.empty() || !doc.metadata.notes.empty()) {
    h << "<section class=\"card\" id=\"metadata\"><h2>Metadata</h2><dl class=\"meta\">";
    for (const auto& [k, v] : doc.metadata.fields) {
      h << "<dt>" << html_escape(field_label(k)) << "</dt><dd>"
        << (v.empty() ? "<i class=\"sub\">(empty)</i>" : html_escape(v)) << "</dd>";
    }
    for (const std::string& n : doc.metadata.notes) {
      h << "<dt>note</dt><dd>" << html_escape(n) << "</dd>";
    }
    h << "</dl></section>\n";
  }
  if (!doc.warnings.empty()) {
    h << "<section class=\"card\" id=\"warnings\"><details"
      << (doc.warnings.size() <= 5 ? " open" : "") << "><summary>" << doc.warnings.size()
      << " warning" << (doc.warnings.size() == 1 ? "" : "s") << "</summary><ul class=\"warnings\">";
    for (const std::string& w : doc.warnings) h << "<li>" << html_escape(w) << "</li>";
    h << "</ul></details></section>\n";
  }

  h << "<div class=\"card legend\"><span><span class=\"sw native\"></span>text layer</span>"
    << "<span><span class=\"sw ocr\"></span>OCR</span>"
    << "<span><span class=\"sw mid\"></span>confidence under 95%</span>"
    << "<span><span class=\"sw lo\"></span>under 80%</span>"
    << "<span><span class=\"sw doubt\"></span>doubted</span>"
    << "<span><span class=\"sw merged\"></span>merged</span>"
    << "<span><span class=\"sw band\"></span>row of a record to review</span>"
    << "<label><input type=\"checkbox\" id=\"show-boxes\" checked> boxes <kbd>b</kbd></label>"
    << "</div>\n";

  // The pages.
  nlohmann::json cell_data = nlohmann::json::object();
  for (const PageResult& p : doc.pages) {
    const double w = std::max(1.0, p.width), ht = std::max(1.0, p.height);
    h << "<section class=\"page\" id=\"page-" << p.number << "\" data-page=\"" << p.number
      << "\"><div class=\"page-head\"><h2>Page " << p.number << "</h2><span class=\"badge "
      << html_escape(p.text_source) << "\">" << source_label(p.text_source) << "</span>";
    size_t n_cells = 0;
    for (const CellGrid& t : p.tables) n_cells += t.cells.size();
    h << "<span class=\"sub\">" << p.tables.size() << " table" << (p.tables.size() == 1 ? "" : "s")
      << ", " << n_cells << " cells";
    if (std::abs(p.skew_degrees) >= 0.05) h << ", levelled by " << num(p.skew_degrees) << "\u00b0";
    h << "</span></div>";
    h << "<div class=\"sheet\" style=\"aspect-ratio:" << num(w) << " / " << num(ht) << "\">";
    if (auto it = image_of.find(p.number); it != image_of.end()) {
      h << "<img class=\"page-image\" alt=\"page " << p.number << "\" width=\"" << it->second->width
        << "\" height=\"" << it->second->height << "\" src=\"data:image/jpeg;base64,"
        << base64(it->second->jpeg) << "\">";
    } else {
      h << "<div class=\"none\">"
        << (p.text_source == "unread" ? "this page could not be read" : "no image of this page")
        << "</div>";
    }
    h << "<svg viewBox=\"0 0 " << num(w) << " " << num(ht)
      << "\" preserveAspectRatio=\"none\" xmlns=\"http://www.w3.org/2000/svg\">";
    auto rect = [&h](const Box& b) {
      h << " x=\"" << num(b.x0) << "\" y=\"" << num(b.y0) << "\" width=\"" << num(b.width())
        << "\" height=\"" << num(b.height()) << "\"";
    };
    for (size_t i = 0; i < records.size(); ++i) {
      if (bands[i].page != p.number || bands[i].box.empty()) continue;
      h << "<rect id=\"b-" << i << "\" class=\"band"
        << (records[i].has_flag("needs_review") ? " review" : "") << "\"";
      rect(bands[i].box);
      h << "/>";
    }
    for (size_t t = 0; t < p.tables.size(); ++t) {
      h << "<rect class=\"table\"";
      rect(p.tables[t].bbox);
      h << "/>";
      for (size_t k = 0; k < p.tables[t].cells.size(); ++k) {
        const GridCell& c = p.tables[t].cells[k];
        std::string id = cell_id(p.number, t, k);
        h << "<rect id=\"" << id << "\" class=\"cell " << (c.source == "ocr" ? "ocr" : "native")
          << " " << confidence_class(c.confidence) << (c.doubts.empty() ? "" : " doubt")
          << (c.corrections.empty() ? "" : " fixed")
          << (c.row_span > 1 || c.col_span > 1 ? " merged" : "") << "\"";
        rect(c.box);
        h << "/>";
        nlohmann::json corrections = nlohmann::json::array();
        for (const TextCorrection& x : c.corrections) corrections.push_back({x.rule, x.from, x.to});
        std::string span;
        if (c.row_span > 1 || c.col_span > 1) {
          span =
              "merged over " + std::to_string(c.row_span) + " \u00d7 " + std::to_string(c.col_span);
        }
        cell_data[id] = {{"page", p.number},
                         {"table", t},
                         {"box",
                          {std::round(c.box.x0), std::round(c.box.y0), std::round(c.box.x1),
                           std::round(c.box.y1)}},
                         {"row", c.row},
                         {"col", c.col},
                         {"span", span},
                         {"text", c.text},
                         {"raw", c.raw_text},
                         {"source", c.source},
                         {"confidence", std::round(c.confidence * 1000) / 1000},
                         {"corrections", corrections},
                         {"doubts", c.doubts}};
      }
    }
    h << "</svg></div>";
    if (!p.lines.empty()) {
      h << "<details class=\"lines\"><summary>" << p.lines.size() << " line"
        << (p.lines.size() == 1 ? "" : "s") << " of text outside the tables</summary><ol>";
      for (const std::string& l : p.lines) h << "<li>" << html_escape(l) << "</li>";
      h << "</ol></details>";
    }
    h << "</section>\n";
  }
  if (doc.pages.empty()) h << "<p class=\"card\">No page was read.</p>";
  h << "</main>\n";

  // The records.
  const std::vector<std::string> shown = panel_fields(doc);
  const std::string initial = review > 0 ? "review" : corrected > 0 ? "corrected" : "all";
  h << "<aside><div class=\"panel-head\"><h2>Records</h2>";
  if (doc.records) {
    h << "<div class=\"filters\" role=\"group\" aria-label=\"which records\">"
      << "<button type=\"button\" data-filter=\"review\">Needs review (" << review << ")</button>"
      << "<button type=\"button\" data-filter=\"corrected\">Corrected (" << corrected
      << ")</button><button type=\"button\" data-filter=\"all\">All (" << records.size()
      << ")</button></div><div class=\"keys\" title=\"n and p work as j and k\"><kbd>j</kbd> "
      << "<kbd>k</kbd> next, previous \u00b7 <kbd>Esc</kbd> clear \u00b7 <kbd>b</kbd> boxes "
      << "\u00b7 <kbd>+</kbd> <kbd>-</kbd> zoom</div>";
  } else {
    h << "<div class=\"sub\">No report profile applied (profile " << html_escape(doc.profile)
      << "): tables only, no records. <kbd>b</kbd> boxes, <kbd>+</kbd>/<kbd>-</kbd> zoom</div>";
  }
  h << "</div><div id=\"cellinfo\" aria-live=\"polite\"></div>";
  // Said when a filter leaves nothing to show (a report with no record to
  // review opens on the corrected ones, or all).
  if (doc.records)
    h << "<div class=\"none-left\" id=\"none-left\" hidden>No record in this list.</div>";
  h << "<ul id=\"records\" data-initial=\"" << initial << "\">";
  for (size_t i = 0; i < records.size(); ++i) {
    const Record& r = records[i];
    bool flagged = r.has_flag("needs_review");
    h << "<li id=\"r-" << i << "\" tabindex=\"-1\" class=\"rec" << (flagged ? " review" : "")
      << (r.has_flag("corrected") ? " corrected" : "") << "\" data-page=\"" << r.page
      << "\" data-cell=\""
      << (refs[i].found ? cell_id(r.page, refs[i].table, refs[i].cell) : std::string())
      << "\" data-band=\"b-" << i << "\"><div class=\"rec-head\"><span class=\"no\">";
    if (r.field("no").empty()) {
      h << "No. \u2014";
    } else {
      h << "No. " << html_escape(r.field("no"));
    }
    h << "</span><span>page " << r.page << " \u00b7 " << percent(r.confidence) << "</span></div>";
    for (const std::string& f : shown) {
      if (f == "no") continue;
      h << "<div class=\"f\"><span class=\"k\">" << html_escape(field_label(f)) << "</span>"
        << (r.field(f).empty() ? "<i class=\"sub\">(empty)</i>" : html_escape(r.field(f)))
        << "</div>";
    }
    if (!r.review_reasons.empty()) {
      h << "<div>";
      for (const std::string& why : r.review_reasons) {
        h << "<span class=\"reason\">" << html_escape(why) << "</span>";
      }
      h << "</div>";
    }
    h << "</li>";
  }
  h << "</ul></aside>\n";

  h << "<script type=\"application/json\" id=\"cell-data\">" << script_json(cell_data)
    << "</script>\n<script>" << kScript << "</script>\n</body></html>\n";
  return h.str();
}

std::string write_review_index(const std::vector<ReviewIndexEntry>& files) {
  int failed = 0, review = 0;
  for (const ReviewIndexEntry& f : files) {
    failed += f.status == "failed";
    review += f.needs_review;
  }
  std::ostringstream h;
  h << "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n"
    << "<meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">\n"
    << "<title>pdfrecon review \u2014 " << files.size() << " files</title>\n<style>"
    << R"CSS(
body{font:14px/1.4 system-ui,-apple-system,"Segoe UI",Roboto,"DejaVu Sans",sans-serif;
color:#1f2430;background:#f6f7f9;margin:0;padding:20px 24px}
h1{font-size:20px;margin:0 0 4px}.sub{color:#5b6475}
table{border-collapse:collapse;background:#fff;margin-top:14px;width:100%;
border:1px solid #d9dde5}
th,td{padding:6px 10px;border-bottom:1px solid #e5e7eb;text-align:left;vertical-align:top}
th{background:#eef1f5;cursor:pointer;user-select:none;white-space:nowrap}
th[aria-sort=ascending]::after{content:" \25B2"}th[aria-sort=descending]::after{content:" \25BC"}
td.n{text-align:right;font-variant-numeric:tabular-nums}
td.file{word-break:break-all}
tr.failed td{background:#fef2f2}
.badge{display:inline-block;padding:1px 8px;border-radius:10px;font-size:12px;font-weight:600;
background:#e2e8f0}
.badge.complete{background:#dcfce7;color:#166534}.badge.partial,.badge.failed{background:#fee2e2;
color:#991b1b}
a{color:#1d4ed8}
)CSS"
    << "</style></head>\n<body>\n<h1>pdfrecon review</h1><div class=\"sub\">" << files.size()
    << " files \u00b7 " << failed << " failed \u00b7 " << review
    << " records need review \u00b7 click a column to sort</div>\n"
    << "<table id=\"files\"><thead><tr><th data-type=\"text\">File</th><th data-type=\"text\">"
       "Status</th><th data-type=\"num\">Pages</th><th data-type=\"num\">Records</th>"
       "<th data-type=\"num\">Need review</th><th data-type=\"num\">Seconds</th>"
       "<th data-type=\"text\">Failure</th><th data-type=\"text\">JSON</th></tr></thead><tbody>\n";
  for (const ReviewIndexEntry& f : files) {
    // A failed file has no counts: a dash, sorted below zero.
    auto count = [&f](int n) {
      bool none = f.status == "failed";
      return "<td class=\"n\" data-v=\"" + std::to_string(none ? -1 : n) + "\">" +
             (none ? std::string("\u2013") : std::to_string(n)) + "</td>";
    };
    h << "<tr class=\"" << html_escape(f.status) << "\"><td class=\"file\" data-v=\""
      << html_escape(f.file) << "\">";
    if (!f.review.empty()) {
      h << "<a href=\"" << html_escape(href(f.review)) << "\">" << html_escape(f.file) << "</a>";
    } else {
      h << html_escape(f.file);
    }
    h << "</td><td data-v=\"" << html_escape(f.status) << "\"><span class=\"badge "
      << html_escape(f.status) << "\">" << html_escape(f.status) << "</span></td>" << count(f.pages)
      << count(f.records) << count(f.needs_review) << "<td class=\"n\" data-v=\"" << num(f.seconds)
      << "\">" << num(f.seconds) << "</td>"
      << "<td data-v=\"" << html_escape(f.error) << "\">" << html_escape(f.error) << "</td><td>";
    if (!f.json.empty()) h << "<a href=\"" << html_escape(href(f.json)) << "\">json</a>";
    h << "</td></tr>\n";
  }
  h << "</tbody></table>\n<script>"
    << R"JS(
(function () {
  'use strict';
  var table = document.getElementById('files');
  var heads = table.querySelectorAll('th');
  heads.forEach(function (th, col) {
    th.addEventListener('click', function () {
      var asc = th.getAttribute('aria-sort') !== 'ascending';
      heads.forEach(function (o) { o.removeAttribute('aria-sort'); });
      th.setAttribute('aria-sort', asc ? 'ascending' : 'descending');
      var num = th.dataset.type === 'num';
      var body = table.tBodies[0];
      var rows = Array.prototype.slice.call(body.rows);
      rows.sort(function (a, b) {
        var x = a.cells[col].dataset.v || '', y = b.cells[col].dataset.v || '';
        var d = num ? parseFloat(x) - parseFloat(y) : x.localeCompare(y);
        return asc ? d : -d;
      });
      rows.forEach(function (r) { body.appendChild(r); });
    });
  });
  document.body.dataset.ready = '1';
})();
)JS"
    << "</script>\n</body></html>\n";
  return h.str();
}

}  // namespace pdfrecon
