// Encodings: what is detected, what is declared, what is forced, and what is refused
// rather than read into mojibake.
#include <gtest/gtest.h>

#include <random>
#include <string>
#include <vector>

#include "accordiff/read.hpp"
#include "read/readers.hpp"
#include "util/utf8.hpp"

namespace accordiff {
namespace {

std::string utf16le(std::string_view ascii_or_latin1) {
  std::string out;
  for (char c : ascii_or_latin1) {
    out.push_back(c);
    out.push_back('\0');
  }
  return out;
}

std::string first_paragraph(const document& d) {
  return d.blocks.empty() ? "" : std::string(d.text(d.blocks.front().where));
}

// The validator skips ASCII and two-byte characters a block at a time and reads the rest
// byte by byte: a bad byte (a stray continuation, a lone lead byte, an overlong form) is
// found at its own offset wherever it falls among ASCII and multibyte characters.
TEST(encoding, the_first_invalid_byte_is_found_at_every_offset) {
  const std::string valid = "Las partes acordaron — según el anexo — reforzar 10 €; ok.";
  EXPECT_EQ(detail::find_invalid_utf8(valid), std::string_view::npos);
  for (const std::string bad : {"\x80", "\xC3", "\xC0\xAF", "\xE0\x80\x80", "\xFF"}) {
    for (std::size_t at = 0; at <= valid.size(); ++at) {
      if (at < valid.size() && (static_cast<unsigned char>(valid[at]) & 0xC0) == 0x80)
        continue;  // inside a character
      const std::string s = valid.substr(0, at) + bad + valid.substr(at);
      EXPECT_EQ(detail::find_invalid_utf8(s), at) << at;
    }
  }
}

// The validator checks sixteen bytes at a time where they hold only ASCII and two-byte
// characters: on random texts of ASCII, two-, three- and four-byte characters with a byte
// changed or cut anywhere (across the blocks' edges too), it finds the first invalid byte
// where a byte-at-a-time reading of the rules does.
TEST(encoding, the_block_validator_finds_what_a_byte_at_a_time_reading_finds) {
  auto reference = [](std::string_view s) -> std::size_t {
    const auto* p = reinterpret_cast<const unsigned char*>(s.data());
    for (std::size_t i = 0; i < s.size();) {
      const unsigned c = p[i];
      std::size_t len = 1;
      unsigned lo = 0x80, hi = 0xBF;
      if (c < 0x80) {
        ++i;
        continue;
      }
      if (c >= 0xC2 && c <= 0xDF) {
        len = 2;
      } else if (c >= 0xE0 && c <= 0xEF) {
        len = 3;
        lo = c == 0xE0 ? 0xA0 : 0x80;
        hi = c == 0xED ? 0x9F : 0xBF;
      } else if (c >= 0xF0 && c <= 0xF4) {
        len = 4;
        lo = c == 0xF0 ? 0x90 : 0x80;
        hi = c == 0xF4 ? 0x8F : 0xBF;
      } else {
        return i;
      }
      if (i + len > s.size() || p[i + 1] < lo || p[i + 1] > hi) return i;
      for (std::size_t k = 2; k < len; ++k)
        if ((p[i + k] & 0xC0) != 0x80) return i;
      i += len;
    }
    return std::string_view::npos;
  };
  const std::vector<std::string> pieces = {"a",
                                           "b",
                                           " ",
                                           "\xC3\xB3",
                                           "\xC3\xB1",
                                           "\xC2\xA0",
                                           "\xE2\x80\x94",
                                           "\xE2\x82\xAC",
                                           "\xF0\x9F\x98\x80",
                                           "texto ",
                                           "\xC3\xA9\xC3\xA8"};
  std::mt19937 rng(3);
  std::size_t checked = 0, invalid = 0;
  for (int round = 0; round < 4000; ++round) {
    std::string s;
    const std::size_t len = rng() % 200;
    // mostly Latin text, some rounds with other characters among it
    const std::size_t kinds = round % 3 == 0 ? pieces.size() : 6;
    while (s.size() < len) s += pieces[rng() % kinds];
    if (round % 2 == 1 && !s.empty()) {
      const std::size_t at = rng() % s.size();
      if (round % 4 == 1)
        s[at] = static_cast<char>(rng() % 256);  // a byte changed
      else
        s.resize(at);  // cut, maybe inside a character
    }
    const std::size_t want = reference(s);
    EXPECT_EQ(detail::find_invalid_utf8(s), want) << round;
    ++checked;
    if (want != std::string_view::npos) ++invalid;
  }
  EXPECT_GT(invalid, 300U);  // (the changed bytes and cuts made enough invalid texts)
  EXPECT_GT(checked - invalid, 2000U);
  // a lead byte left alone at the end of a block, before whole blocks of ASCII (the test
  // of 64 ASCII bytes at once must not skip the continuation it lacks)
  for (const std::size_t at : {15UL, 16UL, 31UL, 47UL, 63UL, 64UL, 127UL, 190UL}) {
    std::string s(192, 'a');
    s[at] = '\xC3';
    EXPECT_EQ(detail::find_invalid_utf8(s), at) << at;
    s[at + 1] = '\xB3';  // (completed: valid)
    EXPECT_EQ(detail::find_invalid_utf8(s), std::string_view::npos) << at;
  }
}

TEST(encoding, utf8_stays_as_it_is_with_or_without_a_bom) {
  auto plain = read_bytes("Canci\xC3\xB3n.", "a.txt");
  ASSERT_TRUE(plain);
  EXPECT_EQ(plain->encoding, "utf-8");
  EXPECT_EQ(plain->offsets, offset_base::input);
  EXPECT_EQ(plain->bytes, "Canci\xC3\xB3n.");
  auto bom = read_bytes(
      "\xEF\xBB\xBF"
      "Canci\xC3\xB3n.",
      "a.txt");
  ASSERT_TRUE(bom);
  EXPECT_EQ(bom->encoding, "utf-8");
  EXPECT_EQ(bom->offsets, offset_base::input);
  EXPECT_EQ(bom->blocks.front().where.start, 3u);
}

TEST(encoding, utf16_and_utf32_with_a_bom_are_decoded) {
  auto le = read_bytes("\xFF\xFE" + utf16le("Se\xF1or."), "a.txt");
  ASSERT_TRUE(le) << le.error().message;
  EXPECT_EQ(le->encoding, "utf-16le");
  EXPECT_EQ(le->offsets, offset_base::decoded);
  EXPECT_EQ(le->bytes, "Se\xC3\xB1or.");
  std::string be = "\xFE\xFF";
  for (char c : std::string("Hola.")) {
    be.push_back('\0');
    be.push_back(c);
  }
  auto b = read_bytes(be, "a.txt");
  ASSERT_TRUE(b);
  EXPECT_EQ(b->encoding, "utf-16be");
  EXPECT_EQ(b->bytes, "Hola.");
  std::string u32 = std::string("\xFF\xFE\0\0", 4);
  for (char c : std::string("Hi.")) u32 += std::string(1, c) + std::string(3, '\0');
  auto w = read_bytes(u32, "a.txt");
  ASSERT_TRUE(w);
  EXPECT_EQ(w->encoding, "utf-32le");
  EXPECT_EQ(w->bytes, "Hi.");
}

TEST(encoding, windows_1252_is_detected_from_invalid_utf8) {
  auto d = read_bytes(
      "Informaci\xF3n p\xFA"
      "blica: \x93"
      "comillas\x94 y \x80 50.",
      "a.txt");
  ASSERT_TRUE(d) << d.error().message;
  EXPECT_EQ(d->encoding, "windows-1252");
  EXPECT_EQ(d->offsets, offset_base::decoded);
  EXPECT_EQ(first_paragraph(*d),
            "Informaci\xC3\xB3n p\xC3\xBA"
            "blica: \xE2\x80\x9C"
            "comillas\xE2\x80\x9D y "
            "\xE2\x82\xAC 50.");
}

TEST(encoding, windows_1252_keeps_short_runs_of_high_bytes) {
  // "Größe", "canção", "«¿Qué?»", "Ñáñez": two or three high bytes in a row are Western
  // text still (kMaxLegacyHighRun)
  const std::string frame = " en un texto de prosa corriente, con sus palabras sin acentos";
  auto d = read_bytes(
      "Gr\xF6\xDF"
      "e, can\xE7\xE3o, \xAB\xBFQu\xE9?\xBB y \xD1\xE1\xF1"
      "ez" +
          frame + ".",
      "a.txt");
  ASSERT_TRUE(d) << d.error().message;
  EXPECT_EQ(d->encoding, "windows-1252");
  EXPECT_EQ(first_paragraph(*d),
            "Gr\xC3\xB6\xC3\x9F"
            "e, can\xC3\xA7\xC3\xA3o, \xC2\xAB\xC2\xBFQu\xC3\xA9?\xC2\xBB y "
            "\xC3\x91\xC3\xA1\xC3\xB1"
            "ez" +
                frame + ".");
}

TEST(encoding, a_page_declares_its_charset) {
  const std::string latin1 = "Se\xF1or";  // "Señor" in ISO-8859-1
  for (const std::string& head :
       {std::string("<meta charset=\"iso-8859-1\">"),
        std::string("<meta http-equiv=\"Content-Type\" content=\"text/html; charset=ISO-8859-1\">"),
        std::string("<META CHARSET=latin1>")}) {
    auto d = read_bytes("<html><head>" + head + "</head><body><p>" + latin1 + "</p></body></html>",
                        "p.html");
    ASSERT_TRUE(d) << head;
    EXPECT_EQ(d->encoding, "windows-1252") << head;  // as the HTML standard reads those labels
    EXPECT_EQ(first_paragraph(*d), "Se\xC3\xB1or");
  }
  auto xml = read_bytes(
      "<?xml version=\"1.0\" encoding=\"iso-8859-15\"?><html><body><p>\xA4 5"
      "</p></body></html>",
      "p.xhtml");
  ASSERT_TRUE(xml);
  EXPECT_EQ(xml->encoding, "iso-8859-15");
  EXPECT_EQ(first_paragraph(*xml), "\xE2\x82\xAC 5");  // 0xA4 is the euro sign in Latin-9
}

TEST(encoding, a_legacy_declaration_on_a_utf8_page_is_not_believed) {
  auto d = read_bytes(
      "<html><head><meta charset=\"windows-1252\"></head><body><p>Se\xC3\xB1or"
      "</p></body></html>",
      "p.html");
  ASSERT_TRUE(d);
  EXPECT_EQ(d->encoding, "utf-8");
  EXPECT_EQ(first_paragraph(*d), "Se\xC3\xB1or");
}

TEST(encoding, a_forced_encoding_wins) {
  read_options o;
  o.encoding = "ISO-8859-15";
  auto d = read_bytes("\xA4 10", "a.txt", o);
  ASSERT_TRUE(d);
  EXPECT_EQ(d->encoding, "iso-8859-15");
  EXPECT_EQ(d->bytes, "\xE2\x82\xAC 10");
  o.encoding = "UTF-16";  // the byte order mark says which
  auto generic = read_bytes("\xFF\xFE" + utf16le("Hola."), "a.txt", o);
  ASSERT_TRUE(generic) << generic.error().message;
  EXPECT_EQ(generic->bytes, "Hola.");
  EXPECT_EQ(generic->encoding, "utf-16le");
  o.encoding = "utf-8";
  auto bad = read_bytes("caf\xE9", "a.txt", o);
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().message, "invalid UTF-8 at byte 3 (--encoding utf-8)");
  o.encoding = "klingon-8";
  auto unknown = read_bytes("abc", "a.txt", o);
  ASSERT_FALSE(unknown);
  EXPECT_EQ(unknown.error().message, "unknown encoding 'klingon-8' (--encoding)");
  o.encoding = "utf-16le";
  // five bytes: a byte order mark, "a", and half a character at the end
  auto odd = read_bytes(std::string("\xFF\xFE"
                                    "a\0b",
                                    5),
                        "a.txt", o);
  ASSERT_FALSE(odd);
  EXPECT_EQ(odd.error().message, "not valid utf-16le at byte 4 (--encoding)");
}

struct refused {
  std::string bytes;
  std::string message;
};

class encoding_refuses : public ::testing::TestWithParam<refused> {};

TEST_P(encoding_refuses, with_the_reason) {
  auto d = read_bytes(GetParam().bytes, "x.txt");
  ASSERT_FALSE(d);
  EXPECT_EQ(d.error().code, errc::invalid_input);
  EXPECT_EQ(d.error().message, GetParam().message);
}

INSTANTIATE_TEST_SUITE_P(
    never_mojibake, encoding_refuses,
    ::testing::Values(
        // UTF-8 text with one bad byte: a damaged file, not Windows-1252
        refused{"Hola mundo.\xFF m\xC3\xA1s\n",
                "invalid UTF-8 at byte 11 (the rest is UTF-8: a damaged file?; --encoding names "
                "the encoding to read it with)"},
        // a character cut short by the end of the file: a truncated download
        refused{"Texto cortado en la mitad de una e\xC3",
                "invalid UTF-8 at byte 34 (a character cut short at the end: a truncated file?; "
                "--encoding names the encoding to read it with)"},
        // bytes Windows-1252 does not have
        refused{"abc \x81\x82 def",
                "invalid UTF-8 at byte 4, and not Windows-1252 either (byte 0x81 at 4; "
                "--encoding names the encoding to read it with)"},
        // mostly high bytes: Japanese in Shift_JIS ("これは日本語です"), Russian in
        // Windows-1251 — even where a pair of them happens to be valid UTF-8
        refused{"\x82\xb1\x82\xea\x82\xcd\x93\xfa\x96\x7b\x8c\xea\x82\xc5\x82\xb7",
                "invalid UTF-8 at byte 0, and too many bytes above 0x7F for Windows-1252 text "
                "(15 of 16; --encoding names the encoding to read it with)"},
        refused{"\xcf\xf0\xe8\xe2\xe5\xf2 \xec\xe8\xf0",
                "invalid UTF-8 at byte 0, and too many bytes above 0x7F for Windows-1252 text "
                "(9 of 9; --encoding names the encoding to read it with)"},
        // mostly ASCII, but a name in Cyrillic (KOI8-R): few high bytes, in a long run
        refused{"El embajador \xf7\xcc\xc1\xc4\xc9\xcd\xc9\xd2 asisti\xf3 a la reuni\xf3n.",
                "invalid UTF-8 at byte 13, and not Windows-1252 either (more than 3 bytes above "
                "0x7F in a row at byte 13: a word in another script?; --encoding names the "
                "encoding to read it with)"},
        // UTF-16 without its byte order mark
        refused{std::string("H\0o\0l\0a\0", 8),
                "binary data, not text (NUL byte at offset 1; UTF-16 without a byte order mark? "
                "try --encoding utf-16le)"}));

TEST(encoding, nul_in_decoded_text_is_binary) {
  auto d = read_bytes("\xFF\xFE" + utf16le(std::string("a\0b", 3)), "x.txt");
  ASSERT_FALSE(d);
  EXPECT_EQ(d.error().message,
            "binary data, not text (NUL character at offset 1 of the utf-16le text decoded)");
}

TEST(encoding, limits_are_named) {
  EXPECT_EQ(detail::kMaxInputBytes, 256ull << 20);
  EXPECT_EQ(detail::kMaxTextBytes, 64ull << 20);
  // past the text limit: refused, the limit named (a run of 'a' costs nothing to decode)
  std::string big(static_cast<std::size_t>(detail::kMaxTextBytes) + 1, 'a');
  auto d = read_bytes(std::move(big), "big.txt");
  ASSERT_FALSE(d);
  EXPECT_EQ(d.error().message, "too large: 64 MiB of text (limit kMaxTextBytes = 64 MiB)");
}

}  // namespace
}  // namespace accordiff
