// A report profile: what one kind of report looks like, as data.
//
// A profile names the record fields and the table columns they come from
// (with the words their header cells use), how each column's text is
// cleaned, which columns are merged over several rows, the section rows,
// the footer block's labels and the phrases that recognise the report. The
// lotaip-a4 profile is bundled (reconcile/profiles/lotaip-a4.json, compiled
// in); `--profile-file FILE` loads a user's own. The format is documented in
// reconcile/profiles/README.md.
#pragma once

#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "pdfrecon/text_reconciler.h"

namespace pdfrecon {

class ProfileError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

struct ProfileColumn {
  std::string field;                   // record field it fills: "no", "unit", ...
  FieldKind clean = FieldKind::kFree;  // how its text is cleaned
  // Header phrases, as comparison keys ("descripcion de la unidad").
  std::vector<std::string> header;
  bool merged = false;    // merged over the rows of its block: filled down
  bool numbered = false;  // 1, 2, 3... down the report: a sequence to check
  bool key = false;       // one record per filled cell of this column
};

// What a footer value looks like, so that a stamp or a signature over it
// can be read through: a date (dd/mm/yyyy), one of a few words, the name of
// one of the report's own units (the unit that holds the information), or
// text.
enum class FooterValue { kText, kDate, kChoice, kUnit };

struct FooterKey {
  std::string key;                  // metadata key: "fecha_actualizacion"
  std::vector<std::string> labels;  // label phrases, as comparison keys
  FooterValue value = FooterValue::kText;
  std::vector<std::string> choices;  // kChoice: the values, as printed ("MENSUAL")
};

// A footer value as read (OCR over stamps and signatures: "as 30/04/2023
// PR", "N A MENSUAL", "| NACIONAL DE ...") made what its key says it is:
// the date in it, the choice in it, or the text without the specks and
// ruling glyphs at its ends. "" when a date or a choice is not in it. A
// choice is also found from a word cut short that starts only one choice
// ("MENS"). A unit is cleaned as text here; the report's units are known
// only once its records are read (unit_named).
std::string clean_footer_value(const FooterKey& key, const std::string& text);

// The unit of `units` (the report's own, as its records name them) that
// `text` names through OCR damage and stamps ("fio NACIONAL DE
// PLANIFICACIÓN Y PROYECTOS"): the one most of whose words, by length,
// `text` holds in order, each within an OCR slip, when that is at least
// `min_share` of it and no other unit comes as close; printed in capitals
// when `text` is. "" when none is named clearly.
std::string unit_named(const std::string& text, const std::vector<std::string>& units,
                       double min_share = 0.6);

struct ReportProfile {
  std::string name;  // "lotaip-a4"; the document's "profile"
  std::string description;
  std::vector<std::string> detect;  // phrases that name the report
  std::string section_field;        // empty: no section rows
  std::vector<ProfileColumn> columns;
  std::vector<FooterKey> footer;
  std::vector<std::string> note_prefixes;  // lines starting so are notes

  // The bundled profile named `name`; throws ProfileError if there is none.
  static const ReportProfile& bundled(const std::string& name);
  // Names of the bundled profiles.
  static std::vector<std::string> bundled_names();
  // Parses a profile file's text; `origin` names it in errors. Throws
  // ProfileError with a one-line reason.
  static ReportProfile parse(const std::string& text, const std::string& origin);
  // Reads and parses a profile file.
  static ReportProfile load(const std::string& path);

  // The record fields in order: the section (if any), then the columns'.
  std::vector<std::string> record_fields() const;
  // Index of the column with `field`, or -1.
  int column_of(const std::string& field) const;
  // The column that holds the value (FieldKind::kValue), or -1.
  int value_column() const;
  // The key column (one record per filled cell), or -1.
  int key_column() const;
};

// Where the words of `phrase` (a comparison key) first appear, in order and
// next to each other, among `words` (a comparison key split at spaces),
// each allowing an OCR slip when it is longer than three letters. -1 when
// they do not.
int phrase_position(const std::vector<std::string>& words, const std::string& phrase);

// The words of a comparison key.
std::vector<std::string> key_words(const std::string& key);

// The column a header cell's text announces: the one whose phrase starts
// earliest in the text ("Objetivo de la unidad" is the objective, not the
// unit). Header cells are short labels: longer text announces nothing.
std::optional<int> header_column(const ReportProfile& profile, const std::string& text);

// The footer key a label announces, by the same earliest-phrase rule
// ("CORREO ELECTRÓNICO DEL RESPONSABLE" is the e-mail), or "".
std::string footer_key(const ReportProfile& profile, const std::string& label);

}  // namespace pdfrecon
