// Stage 1, read: decoding inputs to UTF-8 with ICU (ucnv). See readers.hpp.
#include <unicode/ucnv.h>
#include <unicode/ustring.h>

#include <algorithm>
#include <array>
#include <cstdio>
#include <memory>

#include "read/readers.hpp"
#include "util/utf8.hpp"

namespace accordiff::detail {

namespace {

// Bytes a <meta charset> may be declared in: the HTML standard's prescan looks at 1,024;
// pages with long <head> comments put it later, and looking further costs nothing.
constexpr std::size_t kCharsetScanBytes = 4096;
// Windows-1252 text has few bytes above 0x7F: accented letters, typographic quotes and
// dashes. Spanish or French prose has 1-5% of them, a page of capitals with accents under
// 15%; East Asian or Cyrillic text in a legacy encoding has more than half. Past this
// share of the non-blank bytes, invalid UTF-8 is not taken for Windows-1252.
constexpr double kMaxLegacyHighShare = 0.30;
// Valid multi-byte UTF-8 sequences among invalid bytes mean a damaged UTF-8 file rather
// than Windows-1252 text, where a capital letter followed by a symbol that happen to form
// one ("Ã©") is rare, and legacy multi-byte text (Shift_JIS), where a few pairs do: a file
// with at least as many valid sequences as invalid bytes is damaged UTF-8.
constexpr std::size_t kInvalidPerValidUtf8 = 1;
// In Windows-1252 text the bytes above 0x7F stand alone or in pairs: an accented letter
// between ASCII ones ("información"), two together in a few words ("Größe", "canção") or
// a quote beside one ("«Él", "—¿"). A word of a non-Latin script in a single-byte
// encoding (KOI8-R, Windows-1251, ISO-8859-7) is a run of them as long as the word: a
// run longer than this in mostly-ASCII text means another encoding, whose words would
// come out as mojibake ("Петров" in KOI8-R reads "ðÅÔÒÏ×").
constexpr std::size_t kMaxLegacyHighRun = 3;

char lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

bool starts_with_ci(std::string_view s, std::string_view prefix) {
  if (s.size() < prefix.size()) return false;
  for (std::size_t i = 0; i < prefix.size(); ++i)
    if (lower(s[i]) != prefix[i]) return false;
  return true;
}

std::size_t find_ci(std::string_view s, std::string_view needle, std::size_t from = 0) {
  if (needle.empty() || s.size() < needle.size()) return std::string_view::npos;
  for (std::size_t i = from; i + needle.size() <= s.size(); ++i)
    if (lower(s[i]) == needle[0] && starts_with_ci(s.substr(i), needle)) return i;
  return std::string_view::npos;
}

std::string lower_string(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = lower(c);
  return out;
}

struct converter_deleter {
  void operator()(UConverter* c) const { ucnv_close(c); }
};
using converter = std::unique_ptr<UConverter, converter_deleter>;

// The name we report for an ICU converter: its MIME name, else IANA, else ICU's own.
std::string standard_name(const UConverter* cnv) {
  UErrorCode err = U_ZERO_ERROR;
  const char* icu = ucnv_getName(cnv, &err);
  if (U_FAILURE(err) || icu == nullptr) return "unknown";
  for (const char* standard : {"MIME", "IANA"}) {
    UErrorCode e = U_ZERO_ERROR;
    const char* n = ucnv_getStandardName(icu, standard, &e);
    if (U_SUCCESS(e) && n != nullptr) {
      std::string s = lower_string(n);
      if (s == "iso_8859-1:1987") s = "iso-8859-1";
      if (s == "ansi_x3.4-1968") s = "us-ascii";
      return s;
    }
  }
  return lower_string(icu);
}

// Converts `in` from the encoding `cnv` to UTF-8, stopping at the first byte sequence that
// is not valid in it. On failure `bad` is the offset of that sequence in `in`.
bool convert(UConverter* cnv, std::string_view in, std::string& out, std::size_t& bad) {
  UErrorCode err = U_ZERO_ERROR;
  ucnv_setToUCallBack(cnv, UCNV_TO_U_CALLBACK_STOP, nullptr, nullptr, nullptr, &err);
  std::u16string wide;
  // One UTF-16 unit per byte is enough for every single- and multi-byte encoding but the
  // rare mapping of one byte to a supplementary character: then the buffer grows.
  wide.resize(in.size() + 16);
  const char* src = in.data();
  const char* const src_end = in.data() + in.size();
  UChar* dst = reinterpret_cast<UChar*>(wide.data());
  for (;;) {
    err = U_ZERO_ERROR;
    UChar* const dst_end = reinterpret_cast<UChar*>(wide.data()) + wide.size();
    ucnv_toUnicode(cnv, &dst, dst_end, &src, src_end, nullptr, true, &err);
    if (err == U_BUFFER_OVERFLOW_ERROR) {
      const auto used = dst - reinterpret_cast<UChar*>(wide.data());
      wide.resize(wide.size() * 2);
      dst = reinterpret_cast<UChar*>(wide.data()) + used;
      continue;
    }
    break;
  }
  if (U_FAILURE(err)) {
    char invalid[32];
    int8_t n = sizeof invalid;
    UErrorCode e = U_ZERO_ERROR;
    ucnv_getInvalidChars(cnv, invalid, &n, &e);
    const auto consumed = static_cast<std::size_t>(src - in.data());
    bad = U_SUCCESS(e) && static_cast<std::size_t>(n) <= consumed ? consumed - n : consumed;
    return false;
  }
  const auto units = static_cast<std::int32_t>(dst - reinterpret_cast<UChar*>(wide.data()));
  std::int32_t len = 0;
  err = U_ZERO_ERROR;
  u_strToUTF8(nullptr, 0, &len, reinterpret_cast<const UChar*>(wide.data()), units, &err);
  if (err != U_BUFFER_OVERFLOW_ERROR && U_FAILURE(err)) {
    bad = 0;
    return false;
  }
  out.assign(static_cast<std::size_t>(len), '\0');
  err = U_ZERO_ERROR;
  u_strToUTF8(out.data(), len, &len, reinterpret_cast<const UChar*>(wide.data()), units, &err);
  if (U_FAILURE(err)) {  // an unpaired surrogate the converter let through
    bad = 0;
    return false;
  }
  return true;
}

std::string hex_byte(unsigned char c) {
  char b[8];
  std::snprintf(b, sizeof b, "0x%02X", c);
  return b;
}

// A charset declared in the first bytes of an HTML page: <meta charset="…">,
// <meta http-equiv="Content-Type" content="text/html; charset=…">, or an XML declaration.
std::string declared_charset(std::string_view bytes) {
  const std::string_view head = bytes.substr(0, kCharsetScanBytes);
  auto value_after = [&](std::size_t at, std::size_t limit) {
    std::size_t i = at;
    while (i < limit && (head[i] == ' ' || head[i] == '\t' || head[i] == '\n' || head[i] == '\r'))
      ++i;
    if (i >= limit || head[i] != '=') return std::string();
    ++i;
    while (i < limit && (head[i] == ' ' || head[i] == '"' || head[i] == '\'')) ++i;
    std::size_t e = i;
    while (e < limit && ((head[e] >= 'a' && head[e] <= 'z') || (head[e] >= 'A' && head[e] <= 'Z') ||
                         (head[e] >= '0' && head[e] <= '9') || head[e] == '-' || head[e] == '_' ||
                         head[e] == '.' || head[e] == ':'))
      ++e;
    return lower_string(head.substr(i, e - i));
  };
  if (starts_with_ci(head, "<?xml")) {
    const std::size_t end = head.find("?>");
    const std::size_t enc = find_ci(head.substr(0, end), "encoding");
    if (enc != std::string_view::npos) {
      std::string v = value_after(enc + 8, end == std::string_view::npos ? head.size() : end);
      if (!v.empty()) return v;
    }
  }
  for (std::size_t m = find_ci(head, "<meta"); m != std::string_view::npos;
       m = find_ci(head, "<meta", m + 5)) {
    std::size_t end = head.find('>', m);
    if (end == std::string_view::npos) end = head.size();
    for (std::size_t c = find_ci(head.substr(0, end), "charset", m); c != std::string_view::npos;
         c = find_ci(head.substr(0, end), "charset", c + 7)) {
      std::string v = value_after(c + 7, end);
      if (!v.empty()) return v;
    }
  }
  return {};
}

// What the high bytes of `bytes` say about it, for telling Windows-1252 from damaged
// UTF-8 and from other encodings.
struct high_byte_census {
  std::size_t first_invalid = std::string_view::npos;  ///< first byte that is not UTF-8
  std::size_t invalid = 0;                             ///< bytes not part of a valid UTF-8 sequence
  std::size_t valid_multi = 0;                         ///< valid multi-byte UTF-8 sequences
  std::size_t high = 0;                                ///< bytes above 0x7F
  std::size_t non_blank = 0;
  std::size_t undefined_1252 = std::string_view::npos;  ///< first 0x81 0x8D 0x8F 0x90 0x9D
  bool truncated_at_end = false;  ///< the only invalid sequence is a cut one at the end
};

// Where the first run of more than kMaxLegacyHighRun bytes above 0x7F starts, or npos.
std::size_t first_long_high_run(std::string_view s) {
  std::size_t run = 0;
  for (std::size_t k = 0; k < s.size(); ++k) {
    if (static_cast<unsigned char>(s[k]) < 0x80) {
      run = 0;
    } else if (++run > kMaxLegacyHighRun) {
      return k + 1 - run;
    }
  }
  return std::string_view::npos;
}

high_byte_census census(std::string_view s) {
  high_byte_census c;
  std::size_t i = 0;
  while (i < s.size()) {
    const std::size_t bad = find_invalid_utf8(s.substr(i));
    const std::size_t stop = bad == std::string_view::npos ? s.size() : i + bad;
    // count the valid stretch
    for (std::size_t k = i; k < stop; ++k) {
      const auto b = static_cast<unsigned char>(s[k]);
      if (b >= 0x80) {
        ++c.high;
        if (b >= 0xC0) ++c.valid_multi;
      }
      if (b != ' ' && b != '\n' && b != '\r' && b != '\t') ++c.non_blank;
    }
    if (stop >= s.size()) break;
    const auto b = static_cast<unsigned char>(s[stop]);
    if (c.first_invalid == std::string_view::npos) c.first_invalid = stop;
    ++c.invalid;
    ++c.high;
    ++c.non_blank;
    if ((b == 0x81 || b == 0x8D || b == 0x8F || b == 0x90 || b == 0x9D) &&
        c.undefined_1252 == std::string_view::npos)
      c.undefined_1252 = stop;
    // A lead byte whose sequence the end of the input cuts short.
    if (b >= 0xC2 && b <= 0xF4) {
      const std::size_t need = sequence_length(b);
      bool prefix = stop + need > s.size();
      for (std::size_t k = stop + 1; prefix && k < s.size(); ++k)
        if ((static_cast<unsigned char>(s[k]) & 0xC0) != 0x80) prefix = false;
      if (prefix && c.invalid == 1) c.truncated_at_end = true;
      if (prefix) {
        for (std::size_t k = stop + 1; k < s.size(); ++k) ++c.high, ++c.non_blank;
        break;
      }
    }
    i = stop + 1;
  }
  return c;
}

}  // namespace

bool looks_like_pdf(std::string_view bytes) {
  return bytes.substr(0, 1024).find("%PDF-") != std::string_view::npos;
}

bool looks_like_html(std::string_view bytes, bool strict) {
  std::size_t i = 0;
  if (bytes.substr(0, 3) == "\xEF\xBB\xBF") i = 3;
  while (i < bytes.size() && (bytes[i] == ' ' || bytes[i] == '\t' || bytes[i] == '\n' ||
                              bytes[i] == '\r' || bytes[i] == '\f'))
    ++i;
  const std::string_view s = bytes.substr(i, kCharsetScanBytes);
  if (s.empty() || s[0] != '<') return false;
  for (std::string_view opening : {"<!doctype html", "<html", "<head", "<body"})
    if (starts_with_ci(s, opening)) return true;
  // An XML declaration or a comment first: look for the root element after it.
  if (starts_with_ci(s, "<?xml") || starts_with_ci(s, "<!--"))
    return find_ci(s, "<html") != std::string_view::npos ||
           find_ci(s, "<!doctype html") != std::string_view::npos;
  if (strict) return false;
  // A fragment (a .txt saved from a page): a common block tag at the start.
  for (std::string_view tag : {"<p>", "<p ", "<div", "<h1", "<h2", "<article", "<section", "<main",
                               "<table", "<ul", "<ol", "<meta", "<title", "<span"})
    if (starts_with_ci(s, tag)) return true;
  return false;
}

result<decoded> decode(text_bytes bytes, std::string_view forced, bool html,
                       const std::string& name) {
  decoded out;
  auto decode_with = [&](const std::string& enc, std::size_t skip,
                         const char* why) -> result<decoded> {
    UErrorCode err = U_ZERO_ERROR;
    converter cnv(ucnv_open(enc.c_str(), &err));
    if (U_FAILURE(err) || !cnv)
      return fail(errc::invalid_input,
                  "unknown encoding '" + enc + "'" + (why[0] ? std::string(" (") + why + ")" : ""),
                  name);
    decoded d;
    d.encoding = standard_name(cnv.get());
    d.converted = true;
    std::size_t bad = 0;
    if (!convert(cnv.get(), bytes.view().substr(skip), d.text.own(), bad))
      return fail(errc::invalid_input,
                  "not valid " + d.encoding + " at byte " + std::to_string(bad + skip) +
                      (why[0] ? std::string(" (") + why + ")" : ""),
                  name);
    return d;
  };

  // 1. An encoding forced on the command line. A byte order mark of that encoding is
  //    skipped; UTF-8 stays as it is (offsets into the file).
  if (!forced.empty()) {
    const std::string f = lower_string(forced);
    if (f == "utf-8" || f == "utf8") {
      if (const std::size_t bad = find_invalid_utf8(bytes); bad != std::string_view::npos)
        return fail(errc::invalid_input,
                    "invalid UTF-8 at byte " + std::to_string(bad) + " (--encoding utf-8)", name);
      out.text = std::move(bytes);
      out.encoding = "utf-8";
      return out;
    }
    // "utf-16" alone: the byte order mark says which (ICU would read big-endian)
    std::string name_used(forced);
    std::size_t skip = 0;
    if ((f == "utf-16le" || f == "utf-16") && bytes.compare(0, 2, "\xFF\xFE") == 0) {
      skip = 2;
      name_used = "UTF-16LE";
    } else if ((f == "utf-16be" || f == "utf-16") && bytes.compare(0, 2, "\xFE\xFF") == 0) {
      skip = 2;
      name_used = "UTF-16BE";
    }
    return decode_with(name_used, skip, "--encoding");
  }

  // 2. A byte order mark. UTF-32 first: its little-endian mark starts like UTF-16's.
  if (bytes.compare(0, 4, std::string("\xFF\xFE\0\0", 4)) == 0)
    return decode_with("UTF-32LE", 4, "byte order mark");
  if (bytes.compare(0, 4, std::string("\0\0\xFE\xFF", 4)) == 0)
    return decode_with("UTF-32BE", 4, "byte order mark");
  if (bytes.compare(0, 2, "\xFF\xFE") == 0) return decode_with("UTF-16LE", 2, "byte order mark");
  if (bytes.compare(0, 2, "\xFE\xFF") == 0) return decode_with("UTF-16BE", 2, "byte order mark");

  // 3. A page's own declaration, when it is plausible: a page declared in a legacy
  //    encoding that is valid UTF-8 with non-ASCII letters was saved as UTF-8 since (a
  //    declaration copied from an old template), and decoding it as declared would make
  //    mojibake. UTF-16 declared in ASCII bytes is a lie (the HTML standard reads UTF-8).
  std::string declared;
  bool utf8_like = true;
  if (html) {
    declared = declared_charset(bytes);
    const std::string& d = declared;
    if (d == "iso-8859-1" || d == "latin1" || d == "iso8859-1" || d == "us-ascii" || d == "ascii" ||
        d == "latin-1" || d == "l1" || d == "cp819")
      declared = "windows-1252";  // the HTML standard reads these labels as Windows-1252
    utf8_like = d.empty() || d == "utf-8" || d == "utf8" || d.rfind("utf-16", 0) == 0 ||
                d.rfind("utf-32", 0) == 0 || d == "unicode";
  }
  // (valid UTF-8 without such a declaration, the usual case, needs no census of its bytes)
  if (utf8_like && find_invalid_utf8(bytes) == std::string_view::npos) {
    out.text = std::move(bytes);
    out.encoding = "utf-8";
    return out;
  }
  const high_byte_census c = census(bytes);
  if (!utf8_like && !(c.invalid == 0 && c.valid_multi > 0)) {
    UErrorCode err = U_ZERO_ERROR;
    converter probe(ucnv_open(declared.c_str(), &err));
    if (U_SUCCESS(err) && probe) {
      if (c.invalid == 0 && c.high == 0) {  // plain ASCII reads the same in either
        out.text = std::move(bytes);
        out.encoding = "utf-8";
        return out;
      }
      return decode_with(declared, 0, "declared by the page");
    }
  }

  // 4. UTF-8.
  if (c.invalid == 0) {
    out.text = std::move(bytes);
    out.encoding = "utf-8";
    return out;
  }

  // 5. Windows-1252, when it is likely: otherwise we say why not.
  const std::string at = "invalid UTF-8 at byte " + std::to_string(c.first_invalid);
  const std::string hint = "; --encoding names the encoding to read it with";
  if (c.truncated_at_end)
    return fail(errc::invalid_input,
                at + " (a character cut short at the end: a truncated file?" + hint + ")", name);
  if (c.valid_multi > 0 && c.valid_multi * kInvalidPerValidUtf8 >= c.invalid)
    return fail(errc::invalid_input, at + " (the rest is UTF-8: a damaged file?" + hint + ")",
                name);
  if (static_cast<double>(c.high) > kMaxLegacyHighShare * static_cast<double>(c.non_blank))
    return fail(errc::invalid_input,
                at + ", and too many bytes above 0x7F for Windows-1252 text (" +
                    std::to_string(c.high) + " of " + std::to_string(c.non_blank) + hint + ")",
                name);
  if (c.undefined_1252 != std::string_view::npos)
    return fail(errc::invalid_input,
                at + ", and not Windows-1252 either (byte " +
                    hex_byte(static_cast<unsigned char>(bytes[c.undefined_1252])) + " at " +
                    std::to_string(c.undefined_1252) + hint + ")",
                name);
  if (const std::size_t run = first_long_high_run(bytes); run != std::string_view::npos)
    return fail(errc::invalid_input,
                at + ", and not Windows-1252 either (more than " +
                    std::to_string(kMaxLegacyHighRun) + " bytes above 0x7F in a row at byte " +
                    std::to_string(run) + ": a word in another script?" + hint + ")",
                name);
  return decode_with("windows-1252", 0, "detected");
}

}  // namespace accordiff::detail
