// The calling thread's messages from the libraries pdfrecon reads PDFs with
// (Poppler, libjpeg), kept for PdfDocument::take_messages (internal to
// pdfrecon_extract).
#pragma once

#include <string>

namespace pdfrecon {

// Keeps `message` (the first few dozen a thread gets), trailing line ends
// and Poppler's escaped ones ("<0a>") removed.
void add_library_message(std::string message);

}  // namespace pdfrecon
