-- pdfrecon record store, schema version 3 (older stores are upgraded in place
-- when opened: version 1's records gains fields_json and review_reasons,
-- version 2's documents gains tool_version and options_hash).
--
-- One row in `documents` per input file (keyed by its absolute path); every
-- other table hangs off it with ON DELETE CASCADE, so storing a file again
-- replaces all of its rows. Coordinates are PDF points, origin at the page's
-- top-left corner (as in the JSON output); confidences are in [0, 1].
-- This file is compiled into the binary (store/CMakeLists.txt); pdfrecon
-- needs no copy of it at run time. Statements are idempotent.

CREATE TABLE IF NOT EXISTS documents (
  id                  INTEGER PRIMARY KEY,
  path                TEXT NOT NULL UNIQUE,      -- absolute, normalised path
  file                TEXT NOT NULL,             -- as the user named it
  sha256              TEXT,                      -- of the file's bytes; NULL if unreadable
  pages               INTEGER,                   -- page count; NULL when failed
  status              TEXT NOT NULL CHECK (status IN ('ok', 'failed')),
  error               TEXT,                      -- one-line reason when failed
  profile             TEXT,                      -- 'lotaip-a4' | 'generic'
  fecha_actualizacion TEXT,                      -- footer date as printed, e.g. '30/11/2023'
  period              TEXT,                      -- 'YYYY-MM' from fecha_actualizacion
  periodicidad        TEXT,                      -- e.g. 'MENSUAL'
  unidad_poseedora    TEXT,
  metadata_json       TEXT,                      -- every footer field and note, JSON object
  warnings_json       TEXT,                      -- JSON array of strings
  processed_at        TEXT NOT NULL,             -- UTC, ISO 8601 ('2026-12-01T18:40:00Z')
  tool_version        TEXT,                      -- pdfrecon --version that wrote the rows
  options_hash        TEXT                       -- sha256 of the options that change outputs
);
CREATE INDEX IF NOT EXISTS documents_period ON documents (period);

CREATE TABLE IF NOT EXISTS pages (
  id           INTEGER PRIMARY KEY,
  document_id  INTEGER NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
  number       INTEGER NOT NULL,                 -- one-based
  width        REAL NOT NULL,
  height       REAL NOT NULL,
  text_source  TEXT NOT NULL,                    -- 'native' | 'ocr' | 'mixed'
  skew_degrees REAL NOT NULL,
  UNIQUE (document_id, number)
);

CREATE TABLE IF NOT EXISTS tables (
  id          INTEGER PRIMARY KEY,
  document_id INTEGER NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
  page        INTEGER NOT NULL,                  -- one-based page number
  ordinal     INTEGER NOT NULL,                  -- zero-based, top to bottom on the page
  x0 REAL, y0 REAL, x1 REAL, y1 REAL,            -- bbox
  n_rows      INTEGER NOT NULL,
  n_cols      INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS tables_document ON tables (document_id);

CREATE TABLE IF NOT EXISTS cells (
  id          INTEGER PRIMARY KEY,
  table_id    INTEGER NOT NULL REFERENCES tables (id) ON DELETE CASCADE,
  document_id INTEGER NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
  page        INTEGER NOT NULL,
  row         INTEGER NOT NULL,                  -- zero-based, top-left of a merged cell
  col         INTEGER NOT NULL,
  row_span    INTEGER NOT NULL,
  col_span    INTEGER NOT NULL,
  x0 REAL, y0 REAL, x1 REAL, y1 REAL,            -- bbox
  text        TEXT NOT NULL,                     -- clean text
  raw_text    TEXT NOT NULL,                     -- as found (text layer or OCR)
  source      TEXT NOT NULL,                     -- 'native' | 'ocr'
  confidence  REAL NOT NULL
);
CREATE INDEX IF NOT EXISTS cells_table ON cells (table_id);
CREATE INDEX IF NOT EXISTS cells_document ON cells (document_id);

-- One row per record (a LOTAIP literal a4 indicator), in reading order.
-- fields_json holds every field of the record's profile (documents.profile);
-- the named text columns are lotaip-a4's fields, '' when the profile has no
-- such field, and target* hold the profile's value field.
CREATE TABLE IF NOT EXISTS records (
  id           INTEGER PRIMARY KEY,
  document_id  INTEGER NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
  ordinal      INTEGER NOT NULL,                 -- one-based, as in the JSON "records" array
  fields_json  TEXT,                             -- {"section": ..., "no": ..., ...}: the profile's fields
  review_reasons TEXT,                           -- ';'-separated, e.g. 'unsure_reading;no_sequence'
  section      TEXT NOT NULL,
  no           TEXT NOT NULL,
  unit         TEXT NOT NULL,
  objective    TEXT NOT NULL,
  indicator    TEXT NOT NULL,
  target       TEXT NOT NULL,                    -- as printed, e.g. '70,36%'
  target_kind  TEXT NOT NULL,                    -- 'percent' | 'na' | 'number' | 'text'
  target_value REAL,                             -- 70.36 for '70,36%'; NULL for N/A and text
  page         INTEGER NOT NULL,
  x0 REAL, y0 REAL, x1 REAL, y1 REAL,            -- the indicator cell's box; NULL if not found
  confidence   REAL NOT NULL,
  flags        TEXT NOT NULL,                    -- ';'-separated, e.g. 'corrected;needs_review'
  needs_review INTEGER NOT NULL,                 -- 1 when flags holds needs_review
  corrected    INTEGER NOT NULL                  -- 1 when flags holds corrected
);
CREATE INDEX IF NOT EXISTS records_document ON records (document_id);
CREATE INDEX IF NOT EXISTS records_unit ON records (unit);

-- Every change a later stage made to a cell's text (GridCell::corrections).
CREATE TABLE IF NOT EXISTS corrections (
  id          INTEGER PRIMARY KEY,
  cell_id     INTEGER NOT NULL REFERENCES cells (id) ON DELETE CASCADE,
  document_id INTEGER NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
  page        INTEGER NOT NULL,
  x0 REAL, y0 REAL, x1 REAL, y1 REAL,            -- the cell's box
  rule        TEXT NOT NULL,                     -- 'dictionary' | 'lexicon' | 'target-grammar' ...
  from_text   TEXT NOT NULL,
  to_text     TEXT NOT NULL,
  distance    REAL NOT NULL,                     -- weighted edit distance; 0 for rule repairs
  confidence  REAL NOT NULL                      -- the cell's confidence after the change
);
CREATE INDEX IF NOT EXISTS corrections_document ON corrections (document_id);


