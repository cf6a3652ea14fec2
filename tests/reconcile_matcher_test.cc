// The matcher undoes the OCR artifacts seen in real archives, and leaves
// alone what it cannot be sure of: new indicators, proper names, numbers,
// links and e-mail addresses.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "pdfrecon/dictionary.h"
#include "pdfrecon/lexicon.h"
#include "pdfrecon/ocr_distance.h"
#include "pdfrecon/text_key.h"
#include "pdfrecon/text_matcher.h"
#include "support/run_command.h"

namespace pdfrecon {
namespace {

using testing::slurp;
using testing::source_path;

const Dictionary& bundled() {
  static const Dictionary d = Dictionary::bundled();
  return d;
}

const Lexicon* lexicon() {
  const Lexicon* l = Lexicon::shared();
  EXPECT_NE(l, nullptr) << "hunspell-es is a dependency";
  return l;
}

const TextMatcher& matcher() {
  static const TextMatcher m(bundled(), lexicon());
  return m;
}

// ---- distance --------------------------------------------------------------

TEST(OcrDistance, ConfusionsCostLessThanUnrelatedEdits) {
  EXPECT_EQ(ocr_distance("porcentaje", "porcentaje").cost, 0);
  EXPECT_LT(ocr_distance("porcentale", "porcentaje").cost, 0.5);  // j/l
  EXPECT_GT(ocr_distance("porcentaxe", "porcentaje").cost, 0.9);  // x is no confusion
  EXPECT_LT(ocr_distance("rnodalidad", "modalidad").cost, 0.5);   // rn/m
  EXPECT_LT(ocr_distance("modalidad", "rnodalidad").cost, 0.5);
  EXPECT_LT(ocr_distance("(0.0)", "(o.o)").cost, 0.7);  // O/0 twice
  EXPECT_LT(ocr_distance("des concentrados", "desconcentrados").cost, 0.25);
  EXPECT_LT(ocr_distance("cooridnacion", "coordinacion").cost, 0.7);  // swap
  EXPECT_EQ(ocr_distance("cooridnacion", "coordinacion").hard, 0);
  EXPECT_EQ(ocr_distance("abc", "xyz").hard, 3);
}

TEST(OcrDistance, GivesUpEarlyPastTheLimitButNeverUnderestimates) {
  OcrDistance far = ocr_distance("completely different text", "nothing alike at all", 2);
  EXPECT_GT(far.cost, 2);
  EXPECT_DOUBLE_EQ(ocr_distance("porcentale", "porcentaje", 2).cost,
                   ocr_distance("porcentale", "porcentaje").cost);
}

TEST(TextKey, FoldsAccentsCaseAndOcrSpacing) {
  EXPECT_EQ(comparison_key("DESCRIPCIÓN  de la Unidad"), "descripcion de la unidad");
  EXPECT_EQ(match_key("Porcentaje del PAC ( E )"), match_key("Porcentaje del PAC (E)"));
  EXPECT_EQ(match_key("creadas y/ o cerradas"), match_key("creadas y/o cerradas"));
  EXPECT_EQ(to_upper("información"), "INFORMACIÓN");
  EXPECT_EQ(capitalize("índice"), "Índice");
}

// ---- the artifacts named in the issue and found in the seed ---------------

struct Case {
  const char* raw;
  EntryKind kind;
  const char* clean;
};

class SeedArtifacts : public ::testing::TestWithParam<Case> {};

TEST_P(SeedArtifacts, AreUndoneAgainstTheDictionary) {
  const Case& c = GetParam();
  CleanText got = matcher().clean(c.raw, c.kind);
  EXPECT_EQ(got.text, c.clean) << "raw: " << c.raw;
  EXPECT_TRUE(got.known);
  ASSERT_FALSE(got.corrections.empty());
  EXPECT_EQ(got.corrections[0].rule, "dictionary");
  EXPECT_EQ(got.corrections[0].from, c.raw);
  EXPECT_EQ(got.corrections[0].to, c.clean);
  EXPECT_GE(got.confidence, 0.75);
}

// Verbatim from fixtures/seed/cne-lotaip-a4-2023-11.txt unless marked.
INSTANTIATE_TEST_SUITE_P(
    Seed, SeedArtifacts,
    ::testing::Values(
        Case{"NIVEL DE APC OYO / ASESORÍA", EntryKind::kSection, "NIVEL DE APOYO / ASESORÍA"},
        Case{"PROCESOS DES CONCENTRADOS", EntryKind::kSection, "PROCESOS DESCONCENTRADOS"},
        Case{"Cooridnación Nacional de Gestión Estratégica y Planificación", EntryKind::kUnit,
             "Coordinación Nacional de Gestión Estratégica y Planificación"},
        Case{"Delegación Provincial de: Azuay, Bolívar, Cañar, Carchi, Chimborazo, Cotopaxi, El "
             "Oro, Esmeraldas, Galápagos, Guayas, Imbabura, Loja, Los Ríos, Manabí, Morona, Napo, "
             "Orellana, Pastaza, Pichincha, Santa Elena, Santo Domingo, Sucumbios, Tungurahua y "
             "Zamora Chinchipe",
             EntryKind::kUnit,
             "Delegación Provincial de: Azuay, Bolívar, Cañar, Carchi, Chimborazo, Cotopaxi, El "
             "Oro, Esmeraldas, Galápagos, Guayas, Imbabura, Loja, Los Ríos, Manabí, Morona, Napo, "
             "Orellana, Pastaza, Pichincha, Santa Elena, Santo Domingo, Sucumbíos, Tungurahua y "
             "Zamora Chinchipe"},
        Case{"Porcentaje de cumplimiento del PAC ( E )", EntryKind::kIndicator,
             "Porcentaje de cumplimiento del PAC (E)"},
        Case{"índice de Gestión Estratégica Institucional", EntryKind::kIndicator,
             "Índice de Gestión Estratégica Institucional"},
        Case{"Numero de incidentes de seguridad informática", EntryKind::kIndicator,
             "Número de incidentes de seguridad informática"},
        Case{"Pocentaje de acciones de cooperación e intercambio de buenas prácticas electorales",
             EntryKind::kIndicator,
             "Porcentaje de acciones de cooperación e intercambio de buenas prácticas electorales"},
        Case{"Porcentaje de instrumentos de cooperación gestionadas", EntryKind::kIndicator,
             "Porcentaje de instrumentos de cooperación gestionados"},
        Case{"Porcentaje de presentación de expedientes de cuentas de campaña del periodo a ser "
             "reportado ante el Tribual Contencioso Electoral",
             EntryKind::kIndicator,
             "Porcentaje de presentación de expedientes de cuentas de campaña del periodo a ser "
             "reportado ante el Tribunal Contencioso Electoral"},
        Case{"Porcentaje de zonas actualizadas, creadas y/ o cerradas en el exterior",
             EntryKind::kIndicator,
             "Porcentaje de zonas actualizadas, creadas y/o cerradas en el exterior"},
        Case{"(O.O)Porcentaje de cumplimiento de los procesos de la Dirección Nacional de "
             "Procesos Electorales",
             EntryKind::kIndicator,
             "(O.O) Porcentaje de cumplimiento de los procesos de la Dirección Nacional de "
             "Procesos Electorales"},
        Case{"Porcentale de desafiliaciones y renuncias de OP", EntryKind::kIndicator,
             "Porcentaje de desafiliaciones y renuncias de OP"},
        // Seen in OCR of the scan fixtures: O read as 0.
        Case{"(0.0) Porcentaje de cumplimiento de los procesos de la Dirección Nacional de "
             "Estadística",
             EntryKind::kIndicator,
             "(O.O) Porcentaje de cumplimiento de los procesos de la Dirección Nacional de "
             "Estadística"},
        // Seen in OCR of a CNE scan: a speck read as a digit, r for l.
        Case{"Dirección Nacional de Registro 9 Electorar", EntryKind::kUnit,
             "Dirección Nacional de Registro Electoral"},
        Case{"Incrementar la calidad de la información alfanumérica y 920rreferenciada del "
             "Registro Electoral MEDIANTE la actualización, depuración, capacitación "
             "especializada y organización del Registro Electoral.",
             EntryKind::kObjective,
             "Incrementar la calidad de la información alfanumérica y georreferenciada del "
             "Registro Electoral MEDIANTE la actualización, depuración, capacitación "
             "especializada y organización del Registro Electoral."},
        // rn read for m, l for I, e for c.
        Case{"Porcentaje de MJRV capacitados rnediante rnodalidad virtual (E)",
             EntryKind::kIndicator,
             "Porcentaje de MJRV capacitados mediante modalidad virtual (E)"},
        Case{"lndice de actualizaeión del Registro Electoral", EntryKind::kIndicator,
             "Índice de actualización del Registro Electoral"},
        Case{"Incrementar la cultura de medición y evaluación institucional MEDIANI E la "
             "aplicación de iniciativas, mecanismos, nerramientas y metodologías de fácil "
             "aplicación en la planificación estratégica y operativa.",
             EntryKind::kObjective,
             "Incrementar la cultura de medición y evaluación institucional MEDIANTE la "
             "aplicación de iniciativas, mecanismos, herramientas y metodologías de fácil "
             "aplicación en la planificación estratégica y operativa."},
        Case{"Incrementar la eficiencia en la gestión de la promoción electoral MEDIANTE la "
             "emisión de propuestas de reformas al Reglamento de Promoción Electoral su difusión "
             "y canacitación: así como el pago a medios de comunicación y empresas de vallas "
             "publicitarias con el apoyo de herramientas tecnológicas debidamente autorizadas "
             "por el Consejo Nacional Electoral.",
             EntryKind::kObjective,
             "Incrementar la eficiencia en la gestión de la promoción electoral MEDIANTE la "
             "emisión de propuestas de reformas al Reglamento de Promoción Electoral, su difusión "
             "y capacitación; así como el pago a medios de comunicación y empresas de vallas "
             "publicitarias con el apoyo de herramientas tecnológicas debidamente autorizadas "
             "por el Consejo Nacional Electoral."}));

// Word by word, for text the dictionary does not hold.
TEST(LexiconCorrections, UndoArtifactsInNewText) {
  struct {
    const char* raw;
    const char* clean;
  } cases[] = {
      {"Porcentale de viviendas atendidas", "Porcentaje de viviendas atendidas"},       // j/l
      {"mejorar las nerramientas de riego", "mejorar las herramientas de riego"},       // h/n
      {"plan de canacitación comunitaria", "plan de capacitación comunitaria"},         // p/n
      {"talleres de áctualización docente", "talleres de actualización docente"},       // accent
      {"reducir el consumo MEDIANI E tarifas", "reducir el consumo MEDIANTE tarifas"},  // split
      {"control de calidad del agua potable rnunicipal",
       "control de calidad del agua potable municipal"},
      {"MEDIANTE el contro! previo de la flota", "MEDIANTE el control previo de la flota"},  // l/!
      {"avance de la fase 1! de sectorización", "avance de la fase II de sectorización"},    // II
      {"agua no contabilizada (lANC) en los sistemas",
       "agua no contabilizada (IANC) en los sistemas"},  // I/l among capitals
  };
  for (const auto& c : cases) {
    CleanText got = matcher().correct_words(c.raw);
    EXPECT_EQ(got.text, c.clean) << c.raw;
    EXPECT_FALSE(got.corrections.empty()) << c.raw;
    EXPECT_FALSE(got.known);
    EXPECT_LT(got.confidence, 1.0);
  }
}

// ---- what must not change --------------------------------------------------

TEST(MustNotCorrect, NovelIndicatorsKeepTheirOwnWords) {
  // Each is near a dictionary entry, yet means something else.
  const char* novel[] = {
      "Porcentaje de ejecución presupuestaria anual",
      "Porcentaje de asistencia técnica ejecutada",
      "Porcentaje de ejecución del plan de capacitación 2024",
      "Porcentaje de ejecución del plan de capacitación2024",
      "Porcentaje de cumplimiento del PAC",
      "Porcentaje de publicaciones realizadas en Instagram",
      "Porcentaje de participación de la ciudadanía con voto facultativo (menores de 16 años)",
      "Porcentaje de actas de escrutinio suspensas por falta de firmas (P)",
      "Número de informes técnicos de asignación de fondos municipales.",
  };
  for (const char* text : novel) {
    CleanText got = matcher().clean(text, EntryKind::kIndicator);
    EXPECT_EQ(got.text, text);
    EXPECT_FALSE(got.known) << text;
    EXPECT_TRUE(got.corrections.empty()) << text << " -> " << got.text;
  }
}

TEST(MustNotCorrect, ProperNamesNumbersLinksAndEmails) {
  const char* keep[] = {
      "MARÍA JOSÉ ANDRADE SALAZAR",
      "Quiñónez Ayoví, Portoviejo y Colonche",
      "Junta Parroquial de Chone",
      "mjandrade@example.org",
      "https://www.cne.gob.ec/wp-content/uploads/2023/12/Plan_Anual_Comprometido_2023-9.pdf",
      "(02) 381-5410 EXTENSIÓN 600",
      "8,33% mensual promedio",
      "según norma INEN 1108 y TULSMA",
      "30/11/2023",
  };
  for (const char* text : keep) {
    CleanText got = matcher().correct_words(text);
    EXPECT_EQ(got.text, text);
    EXPECT_TRUE(got.corrections.empty()) << text << " -> " << got.text;
  }
}

// Indicators of other institutions (written for this test, not from any
// fixture): Ecuadorian place and people names, acronyms, jargon the
// lexicon lacks. None may be changed.
TEST(MustNotCorrect, OtherInstitutionsIndicators) {
  const char* lines[] = {
      "Porcentaje de GAD parroquiales con planes de desarrollo y ordenamiento territorial "
      "actualizados",
      "Número de predios georreferenciados en el catastro urbano y rural",
      "Porcentaje de cobertura de alcantarillado sanitario en la mancomunidad",
      "Porcentaje de emprendimientos de mujeres montubias y afroecuatorianas financiados",
      "Número de servidores en teletrabajo",
      "Porcentaje de trámites digitalizados en la plataforma Gob.ec",
      "Porcentaje de incidentes de ciberseguridad atendidos",
      "Número de servicios con interoperabilidad implementada con el SRI y el IESS",
      "Porcentaje de socializaciones realizadas en comunidades kichwa, shuar y achuar",
      "Transversalización del enfoque intercultural y plurinacional en los proyectos",
      "Porcentaje de viviendas entregadas por el MIDUVI en Santo Domingo de los Tsáchilas",
      "Porcentaje de hectáreas reforestadas en Morona Santiago y Zamora Chinchipe",
      "Número de operativos de control vial en la red estatal",
      "Porcentaje de denuncias ciudadanas atendidas por la Contraloría",
      "Porcentaje de créditos hipotecarios otorgados por el BIESS",
      "Índice de satisfacción de usuarios del servicio de agua potable",
      "Porcentaje de juntas administradoras de agua potable regularizadas",
      "Número de capacitaciones en gestión de riesgos a brigadistas comunitarios",
      "Porcentaje de priorización de obras en el presupuesto participativo",
      "Porcentaje de ejecución del POA 2024",
      "Porcentaje de cumplimiento de la LOTAIP en el portal institucional",
      "Tasa de mortalidad neonatal por cada 1.000 nacidos vivos",
      "Porcentaje de niñas y niños con esquema de vacunación completo",
      "Número de kilómetros de vías rurales lastradas y asfaltadas",
      "Porcentaje de recaudación del impuesto predial urbano",
      "Porcentaje de patentes municipales emitidas en línea",
      "Número de ferias agroecológicas y de economía popular y solidaria",
      "Porcentaje de estudiantes becados del programa Waorani",
      "Porcentaje de expedientes sancionatorios resueltos por la Superintendencia",
      "Porcentaje de unidades educativas con conectividad",
  };
  for (const char* text : lines) {
    CleanText got = matcher().clean(text, EntryKind::kIndicator);
    EXPECT_EQ(got.text, text);
    EXPECT_TRUE(got.corrections.empty()) << text << " -> " << got.text;
  }
}

// Every string of a truth file this dictionary has never seen comes back
// unchanged: no word is "corrected" into another, no entry is forced.
TEST(MustNotCorrect, TheInventedReportComesBackAsWritten) {
  auto truth = nlohmann::json::parse(slurp(source_path("fixtures/invented-lotaip-a4/truth.json")));
  int checked = 0;
  auto check = [&](const std::string& text, EntryKind kind) {
    CleanText got = matcher().clean(text, kind);
    EXPECT_EQ(got.text, text);
    EXPECT_TRUE(got.corrections.empty()) << text;
    ++checked;
  };
  for (const auto& s : truth["sections"]) {
    check(s["title"], EntryKind::kSection);
    for (const auto& u : s["units"]) {
      check(u["name"], EntryKind::kUnit);
      for (const auto& o : u["objectives"]) {
        check(o["text"], EntryKind::kObjective);
        for (const auto& i : o["indicators"]) check(i["name"], EntryKind::kIndicator);
      }
    }
  }
  EXPECT_GT(checked, 40);
}

// Clean Spanish, proper names included, is left as it is by the lexicon.
TEST(MustNotCorrect, CleanCneTextWithoutTheDictionary) {
  Dictionary empty;
  TextMatcher lexicon_only(empty, lexicon());
  auto truth =
      nlohmann::json::parse(slurp(source_path("fixtures/cne-lotaip-a4-2023-11/truth.json")));
  int checked = 0;
  for (const auto& s : truth["sections"]) {
    for (const auto& u : s["units"]) {
      for (const auto& o : u["objectives"]) {
        for (const auto& i : o["indicators"]) {
          std::string text = i["name"];
          CleanText got = lexicon_only.correct_words(text);
          EXPECT_EQ(got.text, text);
          ++checked;
        }
        std::string text = o["text"];
        EXPECT_EQ(lexicon_only.correct_words(text).text, text);
      }
      std::string name = u["name"];
      EXPECT_EQ(lexicon_only.correct_words(name).text, name);
    }
  }
  EXPECT_GT(checked, 150);
}

// ---- the whole seed --------------------------------------------------------

// Every field of the seed's raw text, matched as an indicator: most of the
// indicator column is recognised, and whatever is recognised is an entry
// whose numbers and bracketed marks the field shares.
TEST(Seed, IndicatorColumnIsMostlyRecognised) {
  std::ifstream in(source_path("fixtures/seed/cne-lotaip-a4-2023-11.txt"));
  ASSERT_TRUE(in);
  int fields = 0, recognised = 0;
  for (std::string line; std::getline(in, line);) {
    std::vector<std::string> cols;
    std::stringstream ss(line);
    for (std::string f; std::getline(ss, f, '\t');) cols.push_back(f);
    // Rows laid out as No. / unit / objective / indicator / target.
    if (cols.size() < 5 || cols[4].empty() || cols[3].size() < 20) continue;
    ++fields;
    CleanText got = matcher().clean(cols[3], EntryKind::kIndicator);
    if (got.known) ++recognised;
  }
  ASSERT_GT(fields, 100);
  EXPECT_GE(double(recognised) / fields, 0.95) << recognised << " of " << fields;
}

// ---- numbers ---------------------------------------------------------------

TEST(UnitNumbers, LettersReadForDigitsAreUndone) {
  EXPECT_EQ(matcher().clean_number("l").text, "1");
  EXPECT_EQ(matcher().clean_number("2O").text, "20");
  EXPECT_EQ(matcher().clean_number("12").text, "12");
  EXPECT_TRUE(matcher().clean_number("12").corrections.empty());
  EXPECT_LT(matcher().clean_number("l").confidence, 1.0);
  // Not a figure: left for review, never guessed.
  EXPECT_EQ(matcher().clean_number("T").text, "T");
  EXPECT_EQ(matcher().clean_number("xyz").text, "xyz");
}

// ---- dictionary files ------------------------------------------------------

TEST(DictionaryFiles, CommentsBlankLinesAndDuplicatesAreIgnored) {
  Dictionary d;
  d.add_text(EntryKind::kUnit,
             "# a comment\n\nDirección de Agua Potable\n  Dirección de Agua Potable \n");
  ASSERT_EQ(d.entries(EntryKind::kUnit).size(), 1u);
  EXPECT_EQ(d.entries(EntryKind::kUnit)[0].text, "Dirección de Agua Potable");
  EXPECT_TRUE(d.knows_word("potable"));
}

TEST(DictionaryFiles, AUsersFolderTeachesNewUnits) {
  auto dir = std::filesystem::temp_directory_path() / "pdfrecon-dict-test";
  std::filesystem::create_directories(dir);
  std::ofstream(dir / "units.txt") << "# EPMAPS\nGerencia de Operaciones de Agua Potable\n";
  Dictionary d = Dictionary::bundled();
  size_t before = d.size();
  d.add_folder(dir.string());
  EXPECT_EQ(d.size(), before + 1);
  TextMatcher m(d, lexicon());
  EXPECT_EQ(m.clean("Gerencia de Operaciones de Agua Potab1e", EntryKind::kUnit).text,
            "Gerencia de Operaciones de Agua Potable");
  std::filesystem::remove_all(dir);
}

TEST(DictionaryFiles, ABadFolderIsAClearError) {
  Dictionary d;
  EXPECT_THROW(d.add_folder("/nonexistent/dict"), DictionaryError);
  auto dir = std::filesystem::temp_directory_path() / "pdfrecon-dict-empty";
  std::filesystem::create_directories(dir);
  try {
    d.add_folder(dir.string());
    ADD_FAILURE() << "an empty folder was accepted";
  } catch (const DictionaryError& e) {
    EXPECT_NE(std::string(e.what()).find("units.txt"), std::string::npos);
  }
  std::filesystem::remove_all(dir);
}

TEST(DictionaryFiles, TheBundledOneHoldsTheCneVocabulary) {
  const Dictionary& d = bundled();
  EXPECT_GE(d.entries(EntryKind::kIndicator).size(), 120u);
  EXPECT_GE(d.entries(EntryKind::kUnit).size(), 29u);
  EXPECT_EQ(d.entries(EntryKind::kSection).size(), 4u);
  EXPECT_FALSE(d.exact(EntryKind::kUnit, match_key("Secretaría General")).empty());
}

}  // namespace
}  // namespace pdfrecon

namespace pdfrecon {
namespace {

// Synthetic OCR damage, seeded: about one confusion every 25 characters.
std::string damage(const std::string& s, uint32_t& seed) {
  auto next = [&seed] {
    seed = seed * 1664525u + 1013904223u;
    return seed >> 8;
  };
  std::string out;
  for (size_t i = 0; i < s.size(); ++i) {
    char c = s[i];
    if (next() % 25 != 0) {
      out += c;
      continue;
    }
    switch (c) {
      case 'o':
        out += '0';
        break;
      case 'l':
        out += '1';
        break;
      case 'm':
        out += "rn";
        break;
      case 'e':
        out += 'c';
        break;
      case 'j':
        out += 'l';
        break;
      case 'h':
        out += 'n';
        break;
      case 'i':
        out += 'l';
        break;
      case ' ':
        break;  // two words run together
      default:  // a word split (never inside a UTF-8 sequence)
        out += c;
        if (static_cast<unsigned char>(c) < 0x80 && next() % 2) out += ' ';
        break;
    }
  }
  return out;
}

TEST(DamagedEntries, AreRecoveredAndNeverTakenForAnotherEntry) {
  int total = 0, recovered = 0, wrong = 0;
  for (uint32_t seed : {7u, 11u, 23u, 42u})
    for (EntryKind kind : {EntryKind::kUnit, EntryKind::kObjective, EntryKind::kIndicator}) {
      for (const Dictionary::Entry& e : bundled().entries(kind)) {
        std::string raw = damage(e.text, seed);
        if (raw == e.text) continue;
        ++total;
        CleanText got = matcher().clean(raw, kind);
        if (got.known && got.text == e.text) {
          ++recovered;
        } else if (std::getenv("PDFRECON_TEST_VERBOSE")) {
          std::cout << "not recovered: " << raw << "\n";
        }
        // Entries that differ only in case ("Institucional") are one phrase.
        if (got.known && match_key(got.text) != match_key(e.text)) {
          ++wrong;
          ADD_FAILURE() << raw << "\n  taken for " << got.text << "\n  was " << e.text;
        }
      }
    }
  ASSERT_GT(total, 500);
  EXPECT_EQ(wrong, 0);
  // Measured: see the closing note of issue 3.
  EXPECT_GE(double(recovered) / total, 0.95) << recovered << " of " << total;
  std::cout << "recovered " << recovered << " of " << total << " damaged entries\n";
}

}  // namespace
}  // namespace pdfrecon
