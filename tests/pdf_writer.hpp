// A small PDF writer for tests: text set in Courier (one of the 14 standard fonts, so no
// font is embedded; fixed-pitch, so lines wrapped by characters are wrapped by width, as
// a word processor does) with WinAnsiEncoding, line by line at given positions. It makes
// PDFs the way word processors do as far as a text extractor can tell: words on
// baselines, paragraphs as vertical gaps, running headers and page numbers in the
// margins, words hyphenated at line ends.
#pragma once

#include <cstdio>
#include <string>
#include <string_view>
#include <vector>

namespace accordiff::testing {

struct pdf_line {
  double x = 72;     ///< points from the left edge
  double y = 72;     ///< points from the top edge to the baseline
  double size = 11;  ///< type size in points
  std::string text;  ///< UTF-8; characters outside Windows-1252 become '?'
};

struct pdf_page {
  std::vector<pdf_line> lines;
};

/// Windows-1252 bytes of UTF-8 text (what WinAnsiEncoding means to a PDF reader).
inline std::string to_win_ansi(std::string_view s) {
  std::string out;
  for (std::size_t i = 0; i < s.size();) {
    const auto b0 = static_cast<unsigned char>(s[i]);
    char32_t c = b0;
    int n = 1;
    if (b0 >= 0xF0) {
      n = 4;
      c = b0 & 0x07;
    } else if (b0 >= 0xE0) {
      n = 3;
      c = b0 & 0x0F;
    } else if (b0 >= 0xC0) {
      n = 2;
      c = b0 & 0x1F;
    }
    for (int k = 1; k < n && i + k < s.size(); ++k)
      c = (c << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
    i += n;
    if (c < 0x80 || (c >= 0xA0 && c <= 0xFF)) {
      out.push_back(static_cast<char>(c));
      continue;
    }
    struct pair {
      char32_t cp;
      unsigned char b;
    };
    static constexpr pair kHigh[] = {{0x20AC, 0x80}, {0x201A, 0x82}, {0x0192, 0x83}, {0x201E, 0x84},
                                     {0x2026, 0x85}, {0x2020, 0x86}, {0x2021, 0x87}, {0x02C6, 0x88},
                                     {0x2030, 0x89}, {0x0160, 0x8A}, {0x2039, 0x8B}, {0x0152, 0x8C},
                                     {0x017D, 0x8E}, {0x2018, 0x91}, {0x2019, 0x92}, {0x201C, 0x93},
                                     {0x201D, 0x94}, {0x2022, 0x95}, {0x2013, 0x96}, {0x2014, 0x97},
                                     {0x02DC, 0x98}, {0x2122, 0x99}, {0x0161, 0x9A}, {0x203A, 0x9B},
                                     {0x0153, 0x9C}, {0x017E, 0x9E}, {0x0178, 0x9F}};
    char b = '?';
    for (const pair& p : kHigh)
      if (p.cp == c) b = static_cast<char>(p.b);
    out.push_back(b);
  }
  return out;
}

/// A PDF of these pages (US Letter unless told otherwise), with a correct xref table.
inline std::string make_pdf(const std::vector<pdf_page>& pages, double width = 612,
                            double height = 792) {
  std::string out = "%PDF-1.4\n%\xE2\xE3\xCF\xD3\n";
  std::vector<std::size_t> offsets;  // of objects 1..n
  auto object = [&](const std::string& body) {
    offsets.push_back(out.size());
    out += std::to_string(offsets.size()) + " 0 obj\n" + body + "\nendobj\n";
  };
  const std::size_t n = pages.size();
  // 1 catalog, 2 pages, 3 font, then per page: the page and its content
  std::string kids;
  for (std::size_t k = 0; k < n; ++k) kids += std::to_string(4 + 2 * k) + " 0 R ";
  char box[96];
  std::snprintf(box, sizeof box, "[0 0 %.2f %.2f]", width, height);
  object("<< /Type /Catalog /Pages 2 0 R >>");
  object("<< /Type /Pages /Kids [" + kids + "] /Count " + std::to_string(n) + " >>");
  object("<< /Type /Font /Subtype /Type1 /BaseFont /Courier /Encoding /WinAnsiEncoding >>");
  for (std::size_t k = 0; k < n; ++k) {
    std::string content;
    for (const pdf_line& l : pages[k].lines) {
      std::string str;
      for (char c : to_win_ansi(l.text)) {
        if (c == '(' || c == ')' || c == '\\') str.push_back('\\');
        str.push_back(c);
      }
      char head[128];
      std::snprintf(head, sizeof head, "BT /F1 %.2f Tf 1 0 0 1 %.2f %.2f Tm (", l.size, l.x,
                    height - l.y);
      content += head + str + ") Tj ET\n";
    }
    object("<< /Type /Page /Parent 2 0 R /MediaBox " + std::string(box) +
           " /Resources << /Font << /F1 3 0 R >> >> /Contents " + std::to_string(5 + 2 * k) +
           " 0 R >>");
    object("<< /Length " + std::to_string(content.size()) + " >>\nstream\n" + content +
           "endstream");
  }
  const std::size_t xref = out.size();
  out += "xref\n0 " + std::to_string(offsets.size() + 1) + "\n0000000000 65535 f \n";
  for (std::size_t off : offsets) {
    char entry[24];
    std::snprintf(entry, sizeof entry, "%010zu 00000 n \n", off);
    out += entry;
  }
  out += "trailer\n<< /Size " + std::to_string(offsets.size() + 1) +
         " /Root 1 0 R >>\nstartxref\n" + std::to_string(xref) + "\n%%EOF\n";
  return out;
}

/// How typeset_pdf lays text out.
struct pdf_layout {
  double size = 11;          ///< body type size
  double leading = 14;       ///< baseline to baseline within a paragraph
  double paragraph_gap = 9;  ///< extra space between paragraphs
  double left = 72, top = 90, bottom = 90;
  std::size_t columns = 70;  ///< characters per line (Courier 11 pt: 6.6 points each)
  std::string header;        ///< a running header on every page ("" for none)
  bool page_numbers = true;  ///< "Página N de M" at the foot of every page
  bool hyphenate = true;     ///< break long words at line ends with a hyphen
  bool indent = false;       ///< first-line indent instead of a gap between paragraphs
  double title_size = 14;    ///< the first paragraph is a title in larger type (0: body size)
};

/// Lays out `text` (paragraphs separated by blank lines; line ends inside one are spaces)
/// on as many pages as it takes.
inline std::string typeset_pdf(std::string_view text, const pdf_layout& lay = {},
                               double height = 792) {
  // paragraphs → words
  std::vector<std::vector<std::string>> paragraphs;
  {
    std::vector<std::string> words;
    std::string w;
    std::size_t newlines = 0;
    auto flush_word = [&] {
      if (!w.empty()) words.push_back(w);
      w.clear();
    };
    for (std::size_t i = 0; i < text.size(); ++i) {
      const char c = text[i];
      if (c == '\n') {
        flush_word();
        // a blank line, or a "- " list item on the next line, ends the paragraph
        const bool item = text.substr(i + 1, 2) == "- ";
        if ((++newlines >= 2 || item) && !words.empty()) {
          paragraphs.push_back(words);
          words.clear();
        }
      } else if (c == ' ' || c == '\t' || c == '\r') {
        flush_word();
      } else {
        newlines = 0;
        w.push_back(c);
      }
    }
    flush_word();
    if (!words.empty()) paragraphs.push_back(words);
  }
  auto chars = [](std::string_view s) {  // code points, for measuring lines
    std::size_t n = 0;
    for (char c : s) n += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
    return n;
  };
  auto cut = [](std::string_view s, std::size_t cps) {  // first `cps` code points
    std::size_t i = 0, n = 0;
    while (i < s.size() && n < cps) {
      ++i;
      while (i < s.size() && (static_cast<unsigned char>(s[i]) & 0xC0) == 0x80) ++i;
      ++n;
    }
    return i;
  };
  std::vector<std::vector<std::string>> para_lines;
  for (const auto& words : paragraphs) {
    std::vector<std::string> lines;
    std::string cur;
    // an indented first line has three characters less room
    // (the title's larger type fits fewer characters)
    const std::size_t columns =
        para_lines.empty() && lay.title_size > lay.size
            ? static_cast<std::size_t>(static_cast<double>(lay.columns) * lay.size / lay.title_size)
            : lay.columns;
    auto width = [&] { return lay.indent && lines.empty() ? columns - 3 : columns; };
    for (std::size_t k = 0; k < words.size(); ++k) {
      std::string word = words[k];
      for (;;) {
        const std::size_t need = chars(cur) + (cur.empty() ? 0 : 1) + chars(word);
        if (need <= width()) {
          if (!cur.empty()) cur.push_back(' ');
          cur += word;
          break;
        }
        const std::size_t used = chars(cur) + (cur.empty() ? 0 : 1);
        const std::size_t room = used < width() ? width() - used : 0;
        // a long all-letter word and room for 4 of its letters: hyphenate it
        bool letters = chars(word) >= 9;
        for (char c : word)
          if (!((c >= 'a' && c <= 'z') || (static_cast<unsigned char>(c) >= 0x80))) letters = false;
        if (lay.hyphenate && letters && room >= 5 && chars(word) >= room - 1 + 4) {
          const std::size_t at = cut(word, room - 1);
          if (!cur.empty()) cur.push_back(' ');
          cur += word.substr(0, at) + "-";
          lines.push_back(cur);
          cur.clear();
          word = word.substr(at);
          continue;
        }
        if (cur.empty()) {  // longer than a line: it gets one of its own
          cur = word;
          break;
        }
        lines.push_back(cur);
        cur.clear();
      }
    }
    if (!cur.empty()) lines.push_back(cur);
    para_lines.push_back(lines);
  }
  // lines → pages
  std::vector<pdf_page> pages;
  pdf_page page;
  double y = lay.top;
  for (std::size_t p = 0; p < para_lines.size(); ++p) {
    for (std::size_t k = 0; k < para_lines[p].size(); ++k) {
      if (y > height - lay.bottom) {
        pages.push_back(page);
        page = {};
        y = lay.top;
      }
      const bool title = p == 0 && lay.title_size > 0;
      const double size = title ? lay.title_size : lay.size;
      const double x = lay.left + (lay.indent && k == 0 ? 3 * 0.6 * size : 0);
      page.lines.push_back({x, y, size, para_lines[p][k]});
      y += title ? lay.leading * lay.title_size / lay.size : lay.leading;
    }
    // list items ("- …") follow each other without a gap, as word processors set them
    const bool item_follows = p + 1 < para_lines.size() && !para_lines[p + 1].empty() &&
                              para_lines[p + 1][0].rfind("- ", 0) == 0 &&
                              para_lines[p][0].rfind("- ", 0) == 0;
    if (!lay.indent && !item_follows) y += lay.paragraph_gap;
  }
  if (!page.lines.empty()) pages.push_back(page);
  for (std::size_t k = 0; k < pages.size(); ++k) {
    if (!lay.header.empty())
      pages[k].lines.insert(pages[k].lines.begin(), {lay.left, 50, 9, lay.header});
    if (lay.page_numbers)
      pages[k].lines.push_back(
          {lay.left + 200, height - 45, 9,
           "P\xC3\xA1gina " + std::to_string(k + 1) + " de " + std::to_string(pages.size())});
  }
  return make_pdf(pages, 612, height);
}

}  // namespace accordiff::testing
