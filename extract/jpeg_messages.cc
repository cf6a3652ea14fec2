// libjpeg's messages as Poppler's: captured, never on stderr.
//
// Why: Poppler decodes a scan's JPEG through libjpeg with libjpeg's default
// message handler, which prints "Corrupt JPEG data: ..." straight to stderr,
// past Poppler's own error callback, beside pdfrecon's one-line error. No
// API reaches that handler, so every libjpeg error manager made in this
// process (Poppler's, Leptonica's, ours) is given one that hands the text
// to the calling thread's message list instead (pdf_document.h,
// take_messages). The executable exports this jpeg_std_error, which the
// dynamic linker then binds ahead of libjpeg's for every library loaded.
#include <dlfcn.h>

#include <cstdio>  // before jpeglib.h, which uses FILE
#include <string>

// clang-format off
#include <jpeglib.h>
// clang-format on

#include "messages.h"

namespace {

using StdError = jpeg_error_mgr* (*)(jpeg_error_mgr*);

void to_messages(j_common_ptr info) {
  char text[JMSG_LENGTH_MAX] = {};
  (*info->err->format_message)(info, text);
  pdfrecon::add_library_message(std::string("libjpeg: ") + text);
}

}  // namespace

extern "C" jpeg_error_mgr* jpeg_std_error(jpeg_error_mgr* err) {
  static const StdError real = reinterpret_cast<StdError>(dlsym(RTLD_NEXT, "jpeg_std_error"));
  if (!real) return err;  // unreachable while libjpeg is linked
  jpeg_error_mgr* out = real(err);
  out->output_message = to_messages;
  return out;
}
