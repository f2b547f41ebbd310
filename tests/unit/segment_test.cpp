#include "segment/segment.hpp"

#include <gtest/gtest.h>

#include "accordiff/read.hpp"

namespace accordiff::detail {
namespace {

struct sentence_case {
  std::string lang;
  std::string text;
  std::vector<std::string> sentences;
};

std::ostream& operator<<(std::ostream& os, const sentence_case& c) { return os << c.text; }

class sentences : public ::testing::TestWithParam<sentence_case> {};

TEST_P(sentences, split_as_a_reader_would) {
  const auto& c = GetParam();
  std::vector<std::string> got;
  for (const span& s :
       split_sentences(c.text, {0, static_cast<std::uint32_t>(c.text.size())}, c.lang))
    got.emplace_back(c.text.substr(s.start, s.size()));
  EXPECT_EQ(got, c.sentences);
}

INSTANTIATE_TEST_SUITE_P(
    abbreviations, sentences,
    ::testing::Values(
        sentence_case{"es",
                      "Viajó a EE. UU. con el Sr. Pérez. Volvió ayer.",
                      {"Viajó a EE. UU. con el Sr. Pérez.", "Volvió ayer."}},
        sentence_case{"es",
                      "Funcionarios de EE. UU. Ambos países acordaron.",
                      {"Funcionarios de EE. UU.", "Ambos países acordaron."}},
        sentence_case{
            "es", "Reunión con EE.UU. y Canadá. Fin.", {"Reunión con EE.UU. y Canadá.", "Fin."}},
        sentence_case{"es",
                      "La Dra. Márquez y el Lic. Roberto Velasco firmaron. Bien.",
                      {"La Dra. Márquez y el Lic. Roberto Velasco firmaron.", "Bien."}},
        sentence_case{"es",
                      "Según el art. 27 y la No. 5 del acuerdo, sí. Otra.",
                      {"Según el art. 27 y la No. 5 del acuerdo, sí.", "Otra."}},
        sentence_case{"es",
                      "Fueron 1.5 millones el 1.º de mayo. Después, nada.",
                      {"Fueron 1.5 millones el 1.º de mayo.", "Después, nada."}},
        sentence_case{"en",
                      "They met in Washington, D.C. The talks ended.",
                      {"They met in Washington, D.C.", "The talks ended."}},
        sentence_case{"en",
                      "The U.S. Department of State and Mr. Smith agreed. Good.",
                      {"The U.S. Department of State and Mr. Smith agreed.", "Good."}},
        sentence_case{"en",
                      "Officials from Washington, D.C. Police attended.",
                      {"Officials from Washington, D.C. Police attended."}},
        sentence_case{
            "es", "Uno.\nDos en otra\nlínea. Tres.", {"Uno.", "Dos en otra\nlínea.", "Tres."}},
        sentence_case{"es",
                      "I. La Federación tendrá facultad. II. Otra.",
                      {"I. La Federación tendrá facultad.", "II. Otra."}},
        sentence_case{"en", "No full stop at all", {"No full stop at all"}},
        sentence_case{"en", "Is it? Yes! Fine.", {"Is it?", "Yes!", "Fine."}}));

TEST(segment, sentences_cover_paragraphs_and_carry_tokens) {
  auto d = read_bytes("## Título\n\nUno. Dos.\n", "a.md");
  ASSERT_TRUE(d);
  vocabulary v;
  normalizer n({}, "es", v);
  const units u = segment(*d, "es", n);
  ASSERT_EQ(u.paragraphs.size(), 2u);
  ASSERT_EQ(u.sentences.size(), 3u);
  EXPECT_EQ(u.sentences[0].where, u.paragraphs[0].where);  // markup included in the span
  EXPECT_EQ(u.sentence_tokens[0].end - u.sentence_tokens[0].begin, 1u);  // but not a token
  EXPECT_EQ(u.sentences[1].parent, 1u);
  EXPECT_EQ(u.paragraph_tokens[1].begin, u.sentence_tokens[1].begin);
  EXPECT_EQ(u.paragraph_tokens[1].end, u.sentence_tokens[2].end);
}

}  // namespace
}  // namespace accordiff::detail

namespace accordiff::detail {
namespace {

// The ASCII fast path must break exactly where ICU does, or decline. Random texts over an
// alphabet of the characters the rules care about (letters of both cases, digits, the
// three terminators, closing marks, spaces, continuation marks) and a few beyond ASCII
// (accented letters, «», ¿, a no-break space, an ellipsis, an ideographic full stop).
TEST(sentence_breaks, ascii_fast_path_agrees_with_icu) {
  const std::vector<std::string> alphabet = {
      "a", "b", "Z",  "Q",  "x",      "5",      "0",      ".",   ".",  ".",  "?",  "!", " ",
      " ", " ", "\t", "\"", "'",      "(",      ")",      "]",   ",",  ";",  ":",  "-", "é",
      "É", "«", "»",  "¿",  "\u00a0", "\u2026", "\u3002", "etc", "EE", "UU", "art"};
  std::uint64_t state = 0x9e3779b97f4a7c15ULL;
  auto next = [&state] {
    state ^= state << 13;
    state ^= state >> 7;
    state ^= state << 17;
    return state;
  };
  std::size_t decided = 0;
  for (int round = 0; round < 20000; ++round) {
    std::string text;
    const std::size_t length = 1 + next() % 24;
    for (std::size_t k = 0; k < length; ++k) text += alphabet[next() % alphabet.size()];
    std::vector<std::size_t> fast;
    if (!ascii_sentence_breaks(text, fast)) continue;
    ++decided;
    for (const char* lang : {"es", "en"})
      ASSERT_EQ(fast, icu_sentence_breaks(text, lang)) << "'" << text << "' (" << lang << ")";
  }
  EXPECT_GT(decided, 5000U);  // the fast path is taken, not always declined
}

TEST(sentence_breaks, ascii_fast_path_takes_plain_prose_and_declines_what_it_cannot_judge) {
  std::vector<std::size_t> out;
  EXPECT_TRUE(ascii_sentence_breaks("Las partes acordaron. El grupo se reunirá en 2026.", out));
  EXPECT_EQ(out, (std::vector<std::size_t>{22}));
  out.clear();
  // a full stop before a quotation mark beyond ASCII: ICU decides
  EXPECT_FALSE(ascii_sentence_breaks("Dijo «basta.» Luego salió.", out));
  // an ideographic full stop anywhere: ICU decides
  EXPECT_FALSE(ascii_sentence_breaks("First\u3002 Second", out));
}

}  // namespace
}  // namespace accordiff::detail
