// The PDF reader, on PDFs the test writes itself (tests/pdf_writer.hpp): reading order,
// paragraphs from line spacing and indents, hyphenated words joined again, running
// headers, footers and page numbers dropped, and damaged files refused with a reason.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "accordiff/read.hpp"
#include "pdf_writer.hpp"
#include "support.hpp"

namespace accordiff {
namespace {

using testing::make_pdf;
using testing::pdf_layout;
using testing::pdf_line;
using testing::pdf_page;
using testing::typeset_pdf;
using strings = std::vector<std::string>;

document pdf(const std::string& bytes) {
  auto d = read_bytes(bytes, "doc.pdf", {.fmt = std::nullopt, .allow_empty = true});
  EXPECT_TRUE(d) << (d ? "" : d.error().message);
  return d ? std::move(*d) : document{};
}

// Paragraphs with their line ends as spaces.
strings paragraphs(const document& d) {
  strings out;
  for (const block& b : d.blocks) {
    std::string t(d.text(b.where));
    for (char& c : t)
      if (c == '\n') c = ' ';
    out.push_back(t);
  }
  return out;
}

const std::string kText =
    "Acuerdo de cooperacion\n\n"
    "Las delegaciones se reunieron en la ciudad de Monterrey para revisar los avances del "
    "programa conjunto de infraestructura hidraulica y acordaron un calendario de trabajo.\n\n"
    "Ambas partes se comprometieron a publicar los datos de consumo de agua de cada municipio "
    "antes del treinta de junio.\n\n"
    "La siguiente reunion tendra lugar en Saltillo.\n";

TEST(read_pdf, paragraphs_come_back_from_line_spacing) {
  pdf_layout lay;
  lay.columns = 40;
  lay.page_numbers = false;
  const auto d = pdf(typeset_pdf(kText, lay));
  EXPECT_EQ(d.fmt, format::pdf);
  EXPECT_EQ(d.offsets, offset_base::extracted);
  EXPECT_EQ(d.encoding, "");
  EXPECT_EQ(paragraphs(d),
            (strings{"Acuerdo de cooperacion",
                     "Las delegaciones se reunieron en la ciudad de Monterrey para revisar los "
                     "avances del programa conjunto de infraestructura hidraulica y acordaron un "
                     "calendario de trabajo.",
                     "Ambas partes se comprometieron a publicar los datos de consumo de agua de "
                     "cada municipio antes del treinta de junio.",
                     "La siguiente reunion tendra lugar en Saltillo."}));
}

TEST(read_pdf, first_line_indents_also_start_paragraphs) {
  pdf_layout lay;
  lay.columns = 40;
  lay.indent = true;
  lay.page_numbers = false;
  const auto d = pdf(typeset_pdf(kText, lay));
  EXPECT_EQ(d.blocks.size(), 4u);
}

// The text of one page of these lines (left margin 72, 14 points apart), which must read
// as one paragraph.
std::string one_paragraph(const std::vector<std::string>& lines) {
  pdf_page p;
  for (std::size_t k = 0; k < lines.size(); ++k)
    p.lines.push_back({72, 100 + 14 * static_cast<double>(k), 11, lines[k]});
  const auto d = pdf(make_pdf({p}));
  if (d.blocks.size() != 1) return "(" + std::to_string(d.blocks.size()) + " paragraphs)";
  return std::string(d.text(d.blocks[0].where));
}

TEST(read_pdf, hyphenated_words_are_joined_again) {
  // a lower-case continuation joins; an upper-case one keeps the hyphen and the line end
  EXPECT_EQ(one_paragraph({"La infraestructura hidraulica y la coordina-",
                           "cion regional avanzan; el franco-", "Mexicano sigue."}),
            "La infraestructura hidraulica y la coordinacion regional avanzan; el franco-\n"
            "Mexicano sigue.");
}

TEST(read_pdf, a_hyphen_the_document_writes_inside_lines_stays_at_a_line_end) {
  // "no-intrusiva" is written with its hyphen on the first line: at the end of the
  // second it is the word's, not the typesetter's; "coordina-cion" is not a word of the
  // document and joins
  EXPECT_EQ(one_paragraph({"Los equipos no-intrusiva y la coordina-",
                           "cion de las aduanas usan equipos no-", "intrusiva, dijeron."}),
            "Los equipos no-intrusiva y la coordinacion de las aduanas usan equipos "
            "no-intrusiva, dijeron.");
}

TEST(read_pdf, running_headers_footers_and_page_numbers_are_dropped) {
  std::string text = "Informe anual\n\n";
  for (int k = 0; k < 30; ++k)
    text += "Parrafo numero " + std::to_string(k) +
            " del informe, con texto suficiente para llenar algunas lineas de la pagina y "
            "pasar a la siguiente cuando haga falta.\n\n";
  pdf_layout lay;
  lay.header = "Comision Nacional del Agua - Informe 2025";
  const std::string bytes = typeset_pdf(text, lay);
  const auto d = pdf(bytes);
  const strings ps = paragraphs(d);
  ASSERT_EQ(ps.size(), 31u);
  for (const std::string& p : ps) {
    EXPECT_EQ(p.find("Comision Nacional"), std::string::npos) << p;
    EXPECT_EQ(p.find("P\xC3\xA1gina"), std::string::npos) << p;  // "Página N de M"
  }
  // a paragraph cut by a page break is one paragraph again
  for (int k = 0; k < 30; ++k) {
    const std::string start = "Parrafo numero " + std::to_string(k) + " ";
    EXPECT_EQ(ps[static_cast<std::size_t>(k) + 1].substr(0, start.size()), start);
  }
}

TEST(read_pdf, page_number_shapes) {
  for (const char* footer : {"3", "- 3 -", "Page 3", "Página 3 de 12", "p. 3", "3/12", "iii",
                             "\xE2\x80\x94 3 \xE2\x80\x94"}) {
    pdf_page p;
    p.lines = {{72, 100, 11, "Texto del documento."}, {300, 760, 9, footer}};
    const auto d = pdf(make_pdf({p}));
    EXPECT_EQ(paragraphs(d), (strings{"Texto del documento."})) << footer;
  }
  // a short line at the foot that is not a page number stays
  pdf_page p;
  p.lines = {{72, 100, 11, "Texto del documento."}, {72, 760, 9, "Firma: la Secretaria."}};
  EXPECT_EQ(paragraphs(pdf(make_pdf({p}))).size(), 2u);
}

TEST(read_pdf, list_items_are_paragraphs) {
  pdf_page p;
  p.lines = {{72, 100, 11, "Acuerdos:"},
             {72, 114, 11, "1. Revisar el calendario."},
             {72, 128, 11, "2. Publicar los datos."},
             {72, 142, 11, "- Informar a la prensa."}};
  EXPECT_EQ(paragraphs(pdf(make_pdf({p}))),
            (strings{"Acuerdos:", "1. Revisar el calendario.", "2. Publicar los datos.",
                     "- Informar a la prensa."}));
}

TEST(read_pdf, windows_1252_characters_come_through) {
  pdf_page p;
  p.lines = {{72, 100, 11,
              "Se\xC3\xB1or \xE2\x80\x9C"
              "dijo\xE2\x80\x9D \xE2\x82\xAC 5 \xE2\x80\x94 fin."}};
  EXPECT_EQ(paragraphs(pdf(make_pdf({p}))),
            (strings{"Se\xC3\xB1or \xE2\x80\x9C"
                     "dijo\xE2\x80\x9D \xE2\x82\xAC 5 \xE2\x80\x94 fin."}));
}

TEST(read_pdf, a_pdf_without_text_is_empty_unless_allowed) {
  const std::string blank = make_pdf({pdf_page{}});
  auto d = read_bytes(blank, "scan.pdf");
  ASSERT_FALSE(d);
  EXPECT_EQ(d.error().code, errc::empty);
  EXPECT_EQ(d.error().message,
            "no text in this PDF (scanned pages without a text layer? use --allow-empty to "
            "compare it anyway)");
  EXPECT_TRUE(read_bytes(blank, "scan.pdf", {.fmt = std::nullopt, .allow_empty = true}));
}

TEST(read_pdf, damaged_files_are_refused_with_a_reason) {
  const std::string good = typeset_pdf(kText);
  auto cut = read_bytes(good.substr(0, 60), "cut.pdf");
  ASSERT_FALSE(cut);
  EXPECT_EQ(cut.error().message, "corrupt PDF (poppler cannot open it)");
  auto not_pdf = read_bytes("Just text, named like a PDF.", "fake.pdf");
  ASSERT_FALSE(not_pdf);
  EXPECT_EQ(not_pdf.error().message, "not a PDF (no %PDF- header)");
  auto forced = read_bytes("Hola.", "a.txt", {.fmt = format::pdf});
  ASSERT_FALSE(forced);
  EXPECT_EQ(forced.error().message, "not a PDF (no %PDF- header)");
}

TEST(read_pdf, the_magic_wins_over_the_extension) {
  auto d = read_bytes(typeset_pdf(kText), "download.txt");
  ASSERT_TRUE(d);
  EXPECT_EQ(d->fmt, format::pdf);
}

}  // namespace
}  // namespace accordiff
