#include "normalize/normalize.hpp"

#include <gtest/gtest.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <algorithm>

#include "support.hpp"
#include "util/bytes.hpp"

namespace accordiff::detail {
namespace {

std::vector<std::string> keys(std::string_view text, compare_options o = {},
                              std::string_view lang = "es") {
  vocabulary v;
  normalizer n(o, lang, v);
  std::vector<token> toks;
  std::vector<std::uint32_t> spellings;
  n.tokenize(text, {0, static_cast<std::uint32_t>(text.size())}, {}, toks, spellings);
  std::vector<std::string> out;
  for (const token& t : toks) out.emplace_back(v.text(t.key));
  return out;
}

TEST(normalize, typography_compares_equal) {
  EXPECT_EQ(keys("\xE2\x80\x9CHola\xE2\x80\x9D \xE2\x80\x94 dijo"), keys("\"Hola\" - dijo"));
  EXPECT_EQ(keys("l\xE2\x80\x99\xC3\xA9t\xC3\xA9"), keys("l'\xC3\xA9t\xC3\xA9"));
  EXPECT_EQ(keys("a\xC2\xA0\xC2\xA0 b\n c"), keys("a b c"));
  EXPECT_EQ(keys("\xC2\xBF"
                 "Qu\xC3\xA9?"),
            keys("Qu\xC3\xA9?"));
  EXPECT_EQ(keys("Fin\xE2\x80\xA6"), keys("Fin..."));
}

TEST(normalize, case_folds_by_default_and_not_when_asked) {
  EXPECT_EQ(keys("M\xC3\x89XICO Acord\xC3\x93"), keys("m\xC3\xA9xico acord\xC3\xB3"));
  compare_options cs;
  cs.ignore_case = false;
  EXPECT_NE(keys("MEXICO", cs), keys("mexico", cs));
}

TEST(normalize, accents_only_when_asked) {
  EXPECT_NE(keys("publicaci\xC3\xB3n"), keys("publicacion"));
  compare_options o;
  o.ignore_accents = true;
  EXPECT_EQ(keys("publicaci\xC3\xB3n", o), keys("publicacion", o));
}

TEST(normalize, punctuation_only_when_asked) {
  EXPECT_NE(keys("Hola, mundo."), keys("Hola mundo"));
  compare_options o;
  o.ignore_punctuation = true;
  EXPECT_EQ(keys("Hola, mundo.", o), keys("Hola mundo", o));
}

TEST(normalize, number_format_only_when_asked) {
  EXPECT_NE(keys("1,000"), keys("1000"));
  compare_options o;
  o.ignore_number_format = true;
  EXPECT_EQ(keys("1,000", o), keys("1000", o));
  EXPECT_EQ(keys("1.000,50", o), keys("1,000.50", o));
  EXPECT_EQ(keys("1,5", o), keys("1.5", o));
  EXPECT_NE(keys("1.5", o), keys("15", o));
}

// Each distinct spelling is normalized once and remembered: past thousands of others (the
// cache grows many times over), a spelling met again gets the key it got the first time,
// the key of its normalized form, never another spelling's; one whose form is empty (a
// zero-width space, which case folding removes) is dropped each time.
TEST(normalize, a_spelling_met_again_gets_its_key_past_thousands_of_others) {
  vocabulary v;
  normalizer n({}, "es", v);
  std::string text;
  for (int k = 0; k < 6000; ++k)
    text += (k % 2 == 0 ? "Palabra"
                        : "pal\xC3\xA1"
                          "bra") +
            std::to_string(k) + " \xE2\x80\x8B ";
  std::vector<token> first, again;
  std::vector<std::uint32_t> first_spellings, again_spellings;
  n.tokenize(text, {0, static_cast<std::uint32_t>(text.size())}, {}, first, first_spellings);
  n.tokenize(text, {0, static_cast<std::uint32_t>(text.size())}, {}, again, again_spellings);
  ASSERT_EQ(first.size(), 6000U);
  ASSERT_EQ(again.size(), first.size());
  ASSERT_EQ(first_spellings.size(), first.size());
  for (std::size_t k = 0; k < first.size(); ++k) {
    const std::string_view raw(text.data() + first[k].start, first[k].end - first[k].start);
    ASSERT_EQ(v.text(first[k].key), n.normalize(raw)) << raw;
    ASSERT_EQ(again[k].key, first[k].key) << raw;
    ASSERT_EQ(again[k].stem, first[k].stem) << raw;
    ASSERT_EQ(again_spellings[k], first_spellings[k]) << raw;
  }
  EXPECT_EQ(v.text(first[0].key), "palabra0");
  EXPECT_NE(first[0].key, first[2].key);
}

// Each token's spelling number: the same bytes the same number, other bytes another, even
// where they normalize alike ("Acuerdo", "acuerdo", "ACUERDO" one key and three spellings);
// numbered 0, 1, 2… in the order they were first met.
TEST(normalize, tokens_of_the_same_bytes_have_the_same_spelling_number) {
  vocabulary v;
  normalizer n({}, "es", v);
  const std::string text =
      "Acuerdo acuerdo ACUERDO acuerdo, Acuerdo; acuerdo ac\xC3\xBA"
      "erdo Acuerdo";
  std::vector<token> toks;
  std::vector<std::uint32_t> spellings;
  n.tokenize(text, {0, static_cast<std::uint32_t>(text.size())}, {}, toks, spellings);
  ASSERT_EQ(toks.size(), 10U);
  ASSERT_EQ(spellings.size(), toks.size());
  auto raw = [&](std::size_t k) {
    return std::string_view(text.data() + toks[k].start, toks[k].end - toks[k].start);
  };
  std::uint32_t next = 0;
  for (std::size_t k = 0; k < toks.size(); ++k) {
    bool met = false;
    for (std::size_t j = 0; j < k; ++j) {
      EXPECT_EQ(spellings[j] == spellings[k], raw(j) == raw(k)) << raw(j) << " " << raw(k);
      met = met || raw(j) == raw(k);
    }
    if (!met) {
      EXPECT_EQ(spellings[k], next++) << raw(k);
    }
  }
  EXPECT_EQ(next, 6U);                  // Acuerdo acuerdo ACUERDO , ; acúerdo
  EXPECT_EQ(toks[0].key, toks[1].key);  // (ignore_case by default)
  EXPECT_EQ(toks[1].key, toks[2].key);
}

// The cache itself, through many growths: each spelling finds its own entry, one never
// added finds none, and one asked with another's hash (the same slot, the same upper half
// of the hash) is still not taken for it: the bytes are compared.
TEST(spelling_cache, finds_each_spelling_it_holds_and_no_other) {
  spelling_cache cache;
  std::vector<std::string> words;
  for (int k = 0; k < 6000; ++k) words.push_back("w" + std::to_string(k * 7919));
  auto h = [](std::string_view w) { return spelling_hash(w); };
  for (std::uint32_t k = 0; k < words.size(); ++k) {
    ASSERT_EQ(cache.find(words[k], h(words[k])), nullptr);
    cache.insert(words[k], h(words[k]), {k, k + 1, k % 3 == 0});
  }
  for (std::uint32_t k = 0; k < words.size(); ++k) {
    const spelling_cache::entry* e = cache.find(words[k], h(words[k]));
    ASSERT_NE(e, nullptr) << words[k];
    EXPECT_EQ(e->key, k);
    EXPECT_EQ(e->stem, k + 1);
    EXPECT_EQ(e->empty, k % 3 == 0);
  }
  EXPECT_EQ(cache.find("absent", h("absent")), nullptr);
  EXPECT_EQ(cache.find("w1", h(words[0])), nullptr);
  EXPECT_EQ(cache.find(words[1], h(words[0])), nullptr);
  // the same through the short form: its own entry, and none with another's hash
  for (std::uint32_t k = 0; k < words.size(); k += 97) {
    const short_spelling w = short_spelling_of(words[k].data(), words[k].size());
    EXPECT_EQ(cache.number(w, words[k].size(), h(words[k])), k);
    EXPECT_EQ(cache.number(w, words[k].size(), h(words[(k + 1) % words.size()])),
              spelling_cache::kNone);
  }
}

// The cache's hash: the same bytes the same hash wherever they are; a change of any one
// byte at every length up to past the short cases, another hash; and the 64 bits of
// 300,000 spellings of words, numbers and marks all different (a table of a document's
// spellings takes its slot from the low bits and compares the upper half first).
TEST(spelling_hash, tells_spellings_apart) {
  const std::string base = "Los gobiernos acordaron reforzar la cooperación en la frontera";
  for (std::size_t n = 0; n <= 40; ++n) {
    const std::string a = base.substr(0, n);
    std::string b = "xx" + a;
    EXPECT_EQ(spelling_hash(a), spelling_hash(std::string_view(b).substr(2))) << n;
    for (std::size_t k = 0; k < n; ++k) {
      std::string c = a;
      c[k] = static_cast<char>(c[k] ^ 0x01);
      EXPECT_NE(spelling_hash(a), spelling_hash(c)) << n << " " << k;
    }
  }
  std::vector<std::uint64_t> seen;
  for (int k = 0; k < 100000; ++k) {
    const std::string n = std::to_string(k);
    for (const std::string& w : {n, "p" + n + "ción", n + ",", std::string(k % 7, 'a') + n})
      seen.push_back(spelling_hash(w));
  }
  std::sort(seen.begin(), seen.end());
  const std::size_t distinct =
      static_cast<std::size_t>(std::unique(seen.begin(), seen.end()) - seen.begin());
  // (the fourth spelling repeats the first where k % 7 == 0)
  EXPECT_EQ(distinct, 400000U - 100000U / 7 - 1);
}

// A short spelling read with the bytes after it (the tokenizer's way, within its text) is
// the one read alone: at every length, whatever follows; so are its hash and the entry the
// cache finds for it, inserted either way.
TEST(short_spelling, read_within_its_text_is_read_alone) {
  const std::string base = "Los gobiernos acordaron reforzar la cooperaci\xC3\xB3n en la frontera";
  spelling_cache cache;
  std::uint32_t added = 0;
  for (std::size_t at = 0; at + 32 <= base.size(); at += 3)
    for (std::size_t n = 1; n <= kShortSpelling; ++n) {
      const std::string_view raw = std::string_view(base).substr(at, n);
      const short_spelling alone = short_spelling_of(raw.data(), n);
      const short_spelling within = short_spelling_within(raw.data(), n);
      ASSERT_EQ(within, alone) << at << " " << n;
      const std::uint64_t h = spelling_hash(raw);
      ASSERT_EQ(spelling_hash(within, n), h) << at << " " << n;
      // (inserted alone, found within; a copy with other bytes after it found too)
      if (cache.number(raw, h) == spelling_cache::kNone) cache.insert(raw, h, {added++, 0, false});
      const std::string copy = std::string(raw) + "zzzzzzzzzzzzzzzz";
      EXPECT_EQ(cache.number(short_spelling_within(copy.data(), n), n, h), cache.number(raw, h));
      // one byte more or less, or another byte: not it
      if (n < kShortSpelling) {
        const short_spelling longer = short_spelling_within(raw.data(), n + 1);
        EXPECT_NE(cache.number(longer, n + 1, spelling_hash(longer, n + 1)), cache.number(raw, h))
            << at << " " << n;
      }
    }
  EXPECT_GT(added, 150U);
}

// The spellings are compared without a call for the short ones: equal runs of every length
// up to past the short cases compare equal, and a difference at any byte tells them apart.
TEST(same_bytes, tells_runs_apart_by_any_byte_at_every_length) {
  const std::string base = "Los gobiernos acordaron reforzar la cooperación en la frontera";
  for (std::size_t n = 0; n <= 40; ++n) {
    const std::string a = base.substr(0, n);
    std::string b = a;
    EXPECT_TRUE(same_bytes(a.data(), b.data(), n)) << n;
    for (std::size_t k = 0; k < n; ++k) {
      b[k] = static_cast<char>(b[k] ^ 0x20);
      EXPECT_FALSE(same_bytes(a.data(), b.data(), n)) << n << " " << k;
      b[k] = a[k];
    }
  }
}

// The scans sixteen bytes at a time find the first byte of their kind wherever it falls
// (in a full block, in the tail), and nothing before the start or past the end.
TEST(byte_scans, find_the_first_byte_of_their_kind_at_every_offset) {
  const std::string plain(40, 'a');
  for (std::size_t at = 0; at < plain.size(); ++at) {
    for (const char c : {'.', '?', '!'}) {
      std::string s = plain;
      s[at] = c;
      EXPECT_EQ(first_of(s.data(), 0, s.size(), '.', '?', '!'), at) << at;
      EXPECT_EQ(first_of(s.data(), at + 1, s.size(), '.', '?', '!'), s.size()) << at;
      EXPECT_EQ(first_of(s.data(), 0, at, '.', '?', '!'), at) << at;  // (the end is not read)
    }
    for (const char c : {' ', '.', '\'', '@', '[', '`', '{', '/', ':', '\xC3'}) {
      std::string w = "Word2026" + plain;
      w[8 + at] = c;
      EXPECT_EQ(first_non_alnum(w.data(), 0, w.size()), 8 + at) << at << " " << c;
      EXPECT_EQ(first_non_alnum(w.data(), 0, 8 + at), 8 + at) << at;  // (the end is not read)
    }
    std::string s = plain;
    s[at] = '\xC3';
    EXPECT_EQ(first_non_ascii(s.data(), 0, s.size()), at) << at;
    EXPECT_EQ(first_non_ascii(s.data(), at + 1, s.size()), s.size()) << at;
    std::string lines = plain;
    lines[at] = '\n';
    lines[lines.size() - 1 - at] = '\r';
    line_ends_to_spaces(lines.data(), lines.size());
    std::string want = plain;
    want[at] = ' ';
    want[want.size() - 1 - at] = ' ';
    EXPECT_EQ(lines, want) << at;
  }
}

TEST(normalize, numbers_and_contractions_are_one_token) {
  EXPECT_EQ(keys("1.5 millones y 2,000"),
            (std::vector<std::string>{"1.5", "millones", "y", "2,000"}));
  EXPECT_EQ(keys("don't stop", {}, "en"), (std::vector<std::string>{"don't", "stop"}));
  EXPECT_EQ(keys("fin. Otro"), (std::vector<std::string>{"fin", ".", "otro"}));
  // any other ASCII byte ends a word; a joiner not between digits or letters too
  EXPECT_EQ(keys("uno(dos)tres;4.x 5, l'"),
            (std::vector<std::string>{"uno", "(", "dos", ")", "tres", ";", "4", ".", "x", "5", ",",
                                      "l", "'"}));
}

TEST(normalize, stems_in_the_document_language) {
  vocabulary v;
  normalizer es({}, "es", v);
  std::vector<token> a, b;
  std::vector<std::uint32_t> spellings;
  const std::string x = "acordaron", y = "acuerdan";
  es.tokenize(x, {0, 9}, {}, a, spellings);
  std::string p = "acordar";
  es.tokenize(p, {0, 7}, {}, b, spellings);
  ASSERT_EQ(a.size(), 1u);
  ASSERT_EQ(b.size(), 1u);
  EXPECT_EQ(a[0].stem, b[0].stem);
  EXPECT_NE(a[0].key, b[0].key);
}

TEST(normalize, markup_ranges_are_skipped) {
  vocabulary v;
  normalizer n({}, "en", v);
  std::vector<token> toks;
  std::vector<std::uint32_t> spellings;
  const std::string text = "## **Bold** title";
  n.tokenize(text, {0, static_cast<std::uint32_t>(text.size())}, {{0, 2}, {3, 5}, {9, 11}}, toks,
             spellings);
  ASSERT_EQ(toks.size(), 2u);
  EXPECT_EQ(v.text(toks[0].key), "bold");
  EXPECT_EQ(toks[0].start, 5u);
}

TEST(detect_language, spanish_english_and_unknown) {
  auto es = testing::doc(
      "Los gobiernos de México y de los Estados Unidos acordaron que la cooperación sea "
      "constante y que el grupo se reúna en enero.");
  auto en = testing::doc(
      "The governments of Mexico and the United States agreed that the group will meet "
      "in January and that it shall report to the ministers.");
  auto und = testing::doc("GIS 2025");
  EXPECT_EQ(detect_language(*es), "es");
  EXPECT_EQ(detect_language(*en), "en");
  EXPECT_EQ(detect_language(*und), "und");
}

}  // namespace
}  // namespace accordiff::detail

namespace accordiff::detail {
namespace {

// Latin-1's letters are told without ICU, in the first character of a token and inside
// one: that must be what ICU says of every code point from U+0080 to U+00FF.
TEST(scan_token, latin1_letters_as_icu_has_them) {
  for (UChar32 cp = 0x80; cp <= 0xFF; ++cp) {
    const auto t = u_charType(cp);
    const bool letter = u_isalnum(cp) != 0 || t == U_NON_SPACING_MARK ||
                        t == U_COMBINING_SPACING_MARK || t == U_ENCLOSING_MARK;
    std::string ch;
    icu::UnicodeString(cp).toUTF8String(ch);
    const std::string inside = "a" + ch + "b";
    bool word = false;
    const std::uint32_t e = scan_token(inside, 0, static_cast<std::uint32_t>(inside.size()), word);
    EXPECT_EQ(e == inside.size(), letter) << std::hex << cp;
    const std::string first = ch + "b";
    scan_token(first, 0, static_cast<std::uint32_t>(first.size()), word);
    EXPECT_EQ(word, letter) << std::hex << cp;
  }
}

}  // namespace
}  // namespace accordiff::detail
