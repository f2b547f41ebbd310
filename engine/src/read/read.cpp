// Stage 1, read: see accordiff/read.hpp for the contract.
#include "accordiff/read.hpp"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>
#include <xxhash.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <iostream>
#include <iterator>
#include <memory>
#include <sstream>
#include <vector>

#include "read/readers.hpp"
#include "util/utf8.hpp"

namespace accordiff {

std::string_view to_string(format f) {
  switch (f) {
    case format::text:
      return "text";
    case format::markdown:
      return "markdown";
    case format::html:
      return "html";
    case format::pdf:
      return "pdf";
  }
  return "text";
}

std::string_view to_string(offset_base b) {
  switch (b) {
    case offset_base::input:
      return "input";
    case offset_base::decoded:
      return "decoded";
    case offset_base::extracted:
      return "extracted";
  }
  return "input";
}

span document::source_span(span s) const {
  if (source_map.empty()) return s;
  auto run_at = [&](std::uint32_t t) {  // the run holding text byte t
    auto it = std::upper_bound(source_map.begin(), source_map.end(), t,
                               [](std::uint32_t x, const source_run& r) { return x < r.text; });
    return it == source_map.begin() ? source_map.begin() : std::prev(it);
  };
  const auto a = run_at(s.start);
  std::uint32_t start = a->copied ? a->source + std::min(s.start - a->text, a->size) : a->source;
  std::uint32_t end = start;
  if (s.end > s.start) {
    const auto b = run_at(s.end - 1);
    end = b->copied ? b->source + std::min(s.end - b->text, b->size) : b->source + b->size;
  }
  return {start, std::max(start, end)};
}

namespace {

using detail::is_space;

struct line {
  std::uint32_t start;  // first byte
  std::uint32_t end;    // one past the last byte before the line end
};

bool has_extension(const std::string& path, std::string_view ext) {
  if (path.size() < ext.size()) return false;
  for (std::size_t i = 0; i < ext.size(); ++i) {
    char c = path[path.size() - ext.size() + i];
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    if (c != ext[i]) return false;
  }
  return true;
}

std::vector<line> split_lines(std::string_view b, std::uint32_t from) {
  std::vector<line> out;
  std::uint32_t s = from;
  const auto n = static_cast<std::uint32_t>(b.size());
  // line ends found by memchr; a '\r' (old Mac, or the first half of CR LF) only when the
  // text holds one at all
  const bool cr = b.find('\r', from) != std::string_view::npos;
  for (std::uint32_t i = from; i < n; ++i) {
    if (!cr) {
      const void* nl = std::memchr(b.data() + i, '\n', n - i);
      if (nl == nullptr) break;
      i = static_cast<std::uint32_t>(static_cast<const char*>(nl) - b.data());
    }
    if (b[i] == '\n' || b[i] == '\r') {
      out.push_back({s, i});
      if (b[i] == '\r' && i + 1 < n && b[i + 1] == '\n') ++i;
      s = i + 1;
    }
  }
  if (s < n) out.push_back({s, n});
  return out;
}

// Trims white space (Unicode aware) from both ends of [start, end).
span trim(std::string_view b, std::uint32_t start, std::uint32_t end) {
  std::size_t i = start;
  while (i < end) {
    std::size_t j = i;
    if (!is_space(detail::next_code_point(b, j))) break;
    i = j;
  }
  std::uint32_t e = end;
  while (e > i) {
    std::uint32_t k = e - 1;
    while (k > i && (static_cast<unsigned char>(b[k]) & 0xC0) == 0x80) --k;
    std::size_t j = k;
    if (!is_space(detail::next_code_point(b, j))) break;
    e = k;
  }
  return {static_cast<std::uint32_t>(i), e};
}

bool is_blank(std::string_view b, const line& l) {
  const span t = trim(b, l.start, l.end);
  return t.start == t.end;
}

// Length of a list marker ("- ", "* ", "+ ", "• ", "1. ", "2) ") at the start of `s`,
// including the space after it; 0 when there is none.
std::size_t list_marker(std::string_view s, bool numbered) {
  if (s.size() >= 2 && (s[0] == '-' || s[0] == '*' || s[0] == '+') && (s[1] == ' ' || s[1] == '\t'))
    return 2;
  for (std::string_view bullet : {"\u2022", "\u00B7", "\u2013"}) {
    if (s.substr(0, bullet.size()) == bullet && s.size() > bullet.size() && s[bullet.size()] == ' ')
      return bullet.size() + 1;
  }
  if (numbered) {
    std::size_t i = 0;
    while (i < s.size() && i < 9 && s[i] >= '0' && s[i] <= '9') ++i;
    if (i > 0 && i + 1 < s.size() && (s[i] == '.' || s[i] == ')') && s[i + 1] == ' ') return i + 2;
  }
  return 0;
}

std::size_t heading_marker(std::string_view s) {
  std::size_t i = 0;
  while (i < s.size() && s[i] == '#') ++i;
  if (i == 0 || i > 6) return 0;
  if (i == s.size()) return i;
  return (s[i] == ' ' || s[i] == '\t') ? i + 1 : 0;
}

bool is_rule(std::string_view s) {  // thematic break or setext underline
  if (s.size() < 3) return false;
  char c = s[0];
  if (c != '-' && c != '=' && c != '*' && c != '_') return false;
  for (char x : s)
    if (x != c && x != ' ' && x != '\t') return false;
  return true;
}

// Inline Markdown markup inside [start, end): emphasis runs, code ticks, link brackets
// and link targets.
void inline_markup(std::string_view b, span where, std::vector<span>& out) {
  const std::uint32_t e = where.end;
  for (std::uint32_t i = where.start; i < e; ++i) {
    const char c = b[i];
    if (c == '*' || c == '_' || c == '`') {
      std::uint32_t j = i;
      while (j < e && b[j] == c) ++j;
      // A run touching a word on one side only (or code ticks) is markup; "a * b" is text.
      const bool before_space = i == where.start || b[i - 1] == ' ' || b[i - 1] == '\n';
      const bool after_space = j == e || b[j] == ' ' || b[j] == '\n' || b[j] == '\r';
      const bool intraword_underscore = c == '_' && !before_space && !after_space;
      if (c == '`' || (!(before_space && after_space) && !intraword_underscore))
        out.push_back({i, j});
      i = j - 1;
    } else if (c == '[' || (c == '!' && i + 1 < e && b[i + 1] == '[')) {
      // [text](target): the brackets and the target are markup.
      std::uint32_t open = c == '!' ? i + 1 : i;
      std::uint32_t close = open + 1;
      while (close < e && b[close] != ']' && b[close] != '\n') ++close;
      if (close + 1 < e && b[close] == ']' && b[close + 1] == '(') {
        std::uint32_t paren = close + 2;
        while (paren < e && b[paren] != ')' && b[paren] != '\n') ++paren;
        if (paren < e && b[paren] == ')') {
          out.push_back({i, open + 1});
          out.push_back({close, paren + 1});
          i = paren;
        }
      }
    }
  }
}

std::vector<block> text_blocks(std::string_view b, std::uint32_t from) {
  std::vector<block> out;
  const auto lines = split_lines(b, from);
  std::uint32_t para_start = 0, para_end = 0;
  bool open = false;
  auto close = [&] {
    if (open) out.push_back({trim(b, para_start, para_end), {}});
    open = false;
  };
  for (const line& l : lines) {
    if (is_blank(b, l)) {
      close();
      continue;
    }
    const span t = trim(b, l.start, l.end);
    // A bulleted line starts a paragraph of its own even without a blank line before it.
    if (open && list_marker(b.substr(t.start, t.size()), false) > 0) close();
    if (!open) {
      para_start = t.start;
      open = true;
    }
    para_end = t.end;
  }
  close();
  return out;
}

std::vector<block> markdown_blocks(std::string_view b, std::uint32_t from) {
  std::vector<block> out;
  const auto lines = split_lines(b, from);
  block cur;
  bool open = false;
  bool in_fence = false;
  auto close = [&] {
    if (!open) return;
    cur.where.start = std::min(cur.where.start, cur.where.end);
    std::vector<span> marks = std::move(cur.markup);
    cur.markup.clear();
    // Inline markup everywhere outside fenced code and outside the marks already found.
    std::vector<span> text_parts;
    std::uint32_t pos = cur.where.start;
    for (const span& m : marks) {
      if (m.start > pos) text_parts.push_back({pos, m.start});
      pos = std::max(pos, m.end);
    }
    if (pos < cur.where.end) text_parts.push_back({pos, cur.where.end});
    if (!in_fence)
      for (const span& p : text_parts) inline_markup(b, p, marks);
    std::sort(marks.begin(), marks.end(),
              [](const span& x, const span& y) { return x.start < y.start; });
    cur.markup = std::move(marks);
    out.push_back(std::move(cur));
    cur = block{};
    open = false;
  };
  auto start = [&](std::uint32_t s) {
    cur = block{};
    cur.where = {s, s};
    open = true;
  };
  for (const line& l : lines) {
    const span t = trim(b, l.start, l.end);
    const std::string_view s = b.substr(t.start, t.size());
    if (in_fence) {
      cur.where.end = t.end > t.start ? t.end : cur.where.end;
      if (s.substr(0, 3) == "```" || s.substr(0, 3) == "~~~") {
        cur.markup.push_back(t);
        close();
        in_fence = false;
      }
      continue;
    }
    if (t.start == t.end) {
      close();
      continue;
    }
    if (s.substr(0, 3) == "```" || s.substr(0, 3) == "~~~") {
      close();
      start(t.start);
      cur.markup.push_back(t);
      cur.where.end = t.end;
      in_fence = true;
      continue;
    }
    if (const std::size_t h = heading_marker(s)) {
      close();
      start(t.start);
      cur.markup.push_back({t.start, t.start + static_cast<std::uint32_t>(h)});
      // closing hashes ("## Title ##") are markup too
      std::uint32_t e = t.end;
      while (e > t.start + h && b[e - 1] == '#') --e;
      if (e < t.end && e > t.start + h && b[e - 1] == ' ') cur.markup.push_back({e, t.end});
      cur.where.end = t.end;
      close();
      continue;
    }
    if (is_rule(s)) {
      if (open && s[0] != '*' && s[0] != '_') {
        // setext underline: the paragraph above is a heading, the underline is markup
        cur.markup.push_back(t);
        cur.where.end = t.end;
        close();
      } else {
        close();
        start(t.start);
        cur.markup.push_back(t);
        cur.where.end = t.end;
        close();
      }
      continue;
    }
    std::uint32_t content = t.start;
    std::vector<span> prefix;
    // blockquote marks
    while (content < t.end && b[content] == '>') {
      std::uint32_t e = content + 1;
      if (e < t.end && b[e] == ' ') ++e;
      prefix.push_back({content, e});
      content = e;
    }
    const std::size_t lm = list_marker(b.substr(content, t.end - content), true);
    if (lm > 0) {
      close();
      start(t.start);
      prefix.push_back({content, content + static_cast<std::uint32_t>(lm) - 1});
    } else if (!open) {
      start(t.start);
    }
    for (const span& p : prefix) cur.markup.push_back(p);
    cur.where.end = t.end;
  }
  close();
  return out;
}

// Whether `bytes` hold something that looks like a tag: "<" then a letter, "/", "!" or
// "?" (NUL bytes skipped, for UTF-16).
bool has_tag(std::string_view bytes) {
  for (std::size_t i = bytes.find('<'); i != std::string_view::npos; i = bytes.find('<', i + 1)) {
    std::size_t k = i + 1;
    while (k < bytes.size() && bytes[k] == '\0') ++k;
    if (k == bytes.size()) return false;
    const auto c = static_cast<unsigned char>(bytes[k]);
    if (std::isalpha(c) != 0 || c == '/' || c == '!' || c == '?') return true;
  }
  return false;
}

}  // namespace

format sniff_format(std::string_view bytes, std::string_view name) {
  const std::string n(name);
  const bool md = has_extension(n, ".md") || has_extension(n, ".markdown");
  if (detail::looks_like_pdf(bytes)) return format::pdf;
  if (detail::looks_like_html(bytes, md)) return format::html;
  // UTF-16 with a byte order mark: look at the ASCII bytes only
  if (bytes.size() >= 2 &&
      (bytes.compare(0, 2, "\xFF\xFE") == 0 || bytes.compare(0, 2, "\xFE\xFF") == 0)) {
    std::string ascii;
    for (std::size_t i = 2; i < bytes.size() && ascii.size() < 1024; ++i)
      if (bytes[i] != '\0') ascii.push_back(bytes[i]);
    if (detail::looks_like_html(ascii, md)) return format::html;
  }
  if (md) return format::markdown;
  // named as a page but without one tag (a text saved under the wrong name): read as
  // text, whose blank lines are its paragraphs, which HTML would run together
  for (std::string_view ext : {".html", ".htm", ".xhtml", ".shtml"})
    if (has_extension(n, ext)) return has_tag(bytes) ? format::html : format::text;
  if (has_extension(n, ".pdf")) return format::pdf;
  return format::text;
}

namespace {

// Past kMaxBlocks paragraphs a document is refused (the reason names the limit).
result<document> within_limits(document doc) {
  if (doc.blocks.size() > detail::kMaxBlocks)
    return fail(errc::invalid_input,
                std::to_string(doc.blocks.size()) +
                    " paragraphs (limit kMaxBlocks = " + std::to_string(detail::kMaxBlocks) + ")",
                doc.path);
  return doc;
}

}  // namespace

namespace {

// read_bytes() and read_file(): `bytes` owned or a mapping of the file.
result<document> read_input(text_bytes bytes, std::string name, const read_options& opts) {
  document doc;
  doc.path = std::move(name);
  doc.input_size = bytes.size();
  {
    const XXH128_hash_t h = XXH3_128bits(bytes.data(), bytes.size());
    char hex[33];
    std::snprintf(hex, sizeof hex, "%016llx%016llx", static_cast<unsigned long long>(h.high64),
                  static_cast<unsigned long long>(h.low64));
    doc.input_xxh3_128 = hex;
  }
  if (bytes.size() > detail::kMaxInputBytes)
    return fail(errc::invalid_input,
                "too large: " + std::to_string(bytes.size() >> 20) +
                    " MiB (limit kMaxInputBytes = " + std::to_string(detail::kMaxInputBytes >> 20) +
                    " MiB)",
                doc.path);
  doc.fmt = opts.fmt.value_or(sniff_format(bytes, doc.path));
  // Binary data says so before any talk of encodings (UTF-16 and UTF-32 aside: their NUL
  // bytes are checked once decoded).
  const bool wide = bytes.compare(0, 2, "\xFF\xFE") == 0 || bytes.compare(0, 2, "\xFE\xFF") == 0 ||
                    bytes.compare(0, 4, std::string("\0\0\xFE\xFF", 4)) == 0;
  if (doc.fmt != format::pdf && !wide && opts.encoding.empty()) {
    if (const void* nul = std::memchr(bytes.data(), 0, bytes.size())) {
      const auto at = static_cast<const char*>(nul) - bytes.data();
      std::string hint;
      // every other byte NUL: UTF-16 without a byte order mark
      if (bytes.size() >= 4 && (bytes[0] == '\0') != (bytes[1] == '\0') &&
          (bytes[2] == '\0') != (bytes[3] == '\0') && (bytes[0] == '\0') == (bytes[2] == '\0'))
        hint = std::string("; UTF-16 without a byte order mark? try --encoding ") +
               (bytes[0] == '\0' ? "utf-16be" : "utf-16le");
      return fail(errc::invalid_input,
                  "binary data, not text (NUL byte at offset " + std::to_string(at) + hint + ")",
                  doc.path);
    }
  }

  if (doc.fmt == format::pdf) {
    doc.encoding.clear();
    doc.offsets = offset_base::extracted;
    if (auto ok = detail::read_pdf(doc, bytes); !ok) return tl::unexpected(ok.error());
    if (doc.blocks.empty() && !opts.allow_empty)
      return fail(errc::empty,
                  "no text in this PDF (scanned pages without a text layer? use --allow-empty "
                  "to compare it anyway)",
                  doc.path);
    return within_limits(std::move(doc));
  }

  auto text = detail::decode(std::move(bytes), opts.encoding, doc.fmt == format::html, doc.path);
  if (!text) return tl::unexpected(text.error());
  doc.encoding = text->encoding;
  if (text->converted) doc.offsets = offset_base::decoded;
  text_bytes utf8 = std::move(text->text);
  if (utf8.size() > detail::kMaxTextBytes)
    return fail(errc::invalid_input,
                "too large: " + std::to_string(utf8.size() >> 20) +
                    " MiB of text (limit kMaxTextBytes = " +
                    std::to_string(detail::kMaxTextBytes >> 20) + " MiB)",
                doc.path);
  if (const void* nul = std::memchr(utf8.data(), 0, utf8.size()))
    return fail(errc::invalid_input,
                "binary data, not text (NUL character at offset " +
                    std::to_string(static_cast<const char*>(nul) - utf8.data()) + " of the " +
                    doc.encoding + " text decoded)",
                doc.path);
  // A .txt (or standard input) that turns out to be HTML once decoded (UTF-16).
  if (!opts.fmt && doc.fmt != format::html && text->converted &&
      detail::looks_like_html(utf8, doc.fmt == format::markdown))
    doc.fmt = format::html;

  if (doc.fmt == format::html) {
    if (auto ok = detail::read_html(doc, std::move(utf8).release(), opts.select); !ok)
      return tl::unexpected(ok.error());
    if (doc.blocks.empty() && !opts.allow_empty)
      return fail(errc::empty,
                  doc.source.empty()
                      ? "empty file (use --allow-empty to compare it anyway)"
                      : "no text in this page's content (use --select to name the element "
                        "that holds it, or --allow-empty to compare it anyway)",
                  doc.path);
    return within_limits(std::move(doc));
  }

  std::uint32_t from = 0;
  if (utf8.size() >= 3 && utf8.compare(0, 3, "\xEF\xBB\xBF") == 0) from = 3;
  doc.bytes = std::move(utf8);
  doc.blocks =
      doc.fmt == format::markdown ? markdown_blocks(doc.bytes, from) : text_blocks(doc.bytes, from);
  if (doc.blocks.empty() && !opts.allow_empty)
    return fail(errc::empty,
                doc.bytes.empty()
                    ? "empty file (use --allow-empty to compare it anyway)"
                    : "no text, only white space (use --allow-empty to compare it anyway)",
                doc.path);
  return within_limits(std::move(doc));
}

}  // namespace

result<document> read_bytes(std::string bytes, std::string name, const read_options& opts) {
  return read_input(std::move(bytes), std::move(name), opts);
}

namespace {

// The regular file open as `fd` (`size` bytes, not 0), mapped, its pages read in at once;
// null when it cannot be (then it is read), or when its size is a whole number of pages:
// the byte after the last would not be mapped, where a std::string has one (its NUL: no
// loop is known to read it, but a std::string allows it).
std::shared_ptr<const void> map_whole(int fd, std::size_t size) {
  const auto page = static_cast<std::size_t>(::sysconf(_SC_PAGESIZE));
  if (size == 0 || page == 0 || size % page == 0) return nullptr;
  void* p = ::mmap(nullptr, size, PROT_READ, MAP_PRIVATE | MAP_POPULATE, fd, 0);
  if (p == MAP_FAILED) return nullptr;
  return {p, [size](const void* q) { ::munmap(const_cast<void*>(q), size); }};
}

// Appends what is left of `in` to `bytes`, never more than the limit allows.
bool read_rest(std::istream& in, std::string& bytes) {
  std::vector<char> chunk(1 << 16);
  while (in.read(chunk.data(), static_cast<std::streamsize>(chunk.size())) || in.gcount() > 0) {
    bytes.append(chunk.data(), static_cast<std::size_t>(in.gcount()));
    if (bytes.size() > detail::kMaxInputBytes) return false;
  }
  return true;
}

}  // namespace

result<document> read_file(const std::string& path, const read_options& opts) {
  std::string bytes;
  const std::string too_large =
      "too large (limit kMaxInputBytes = " + std::to_string(detail::kMaxInputBytes >> 20) + " MiB)";
  if (path == "-") {
    if (!read_rest(std::cin, bytes)) return fail(errc::invalid_input, too_large, path);
    if (std::cin.bad()) return fail(errc::io, "read error", path);
    return read_bytes(std::move(bytes), path, opts);
  }
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0)
    return fail(errc::io, errno == ENOENT ? "no such file" : std::strerror(errno), path);
  if (S_ISDIR(st.st_mode)) return fail(errc::io, "is a directory, not a file", path);
  if (S_ISREG(st.st_mode) && static_cast<std::uint64_t>(st.st_size) > detail::kMaxInputBytes)
    return fail(errc::invalid_input,
                "too large: " + std::to_string(st.st_size >> 20) + " MiB (limit kMaxInputBytes = " +
                    std::to_string(detail::kMaxInputBytes >> 20) + " MiB)",
                path);
  if (opts.map_file && S_ISREG(st.st_mode)) {
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) return fail(errc::io, std::strerror(errno), path);
    struct stat now {};
    std::shared_ptr<const void> mapping;
    std::size_t size = 0;
    if (::fstat(fd, &now) == 0 && S_ISREG(now.st_mode) &&
        static_cast<std::uint64_t>(now.st_size) <= detail::kMaxInputBytes) {
      size = static_cast<std::size_t>(now.st_size);
      mapping = map_whole(fd, size);
    }
    ::close(fd);
    if (mapping) {
      const std::string_view view(static_cast<const char*>(mapping.get()), size);
      if (opts.on_map)
        opts.on_map(
            {path, view, static_cast<std::uint64_t>(now.st_dev),
             static_cast<std::uint64_t>(now.st_ino), size,
             static_cast<std::int64_t>(now.st_mtim.tv_sec) * 1000000000 + now.st_mtim.tv_nsec});
      return read_input(text_bytes(std::move(mapping), view), path, opts);
    }
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) return fail(errc::io, std::strerror(errno), path);
  if (S_ISREG(st.st_mode)) {
    bytes.resize(static_cast<std::size_t>(st.st_size));
    in.read(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    bytes.resize(static_cast<std::size_t>(in.gcount()));
  }
  // a file that grew while we read it, a pipe or a device: the rest, within the limit
  if (in && !read_rest(in, bytes)) return fail(errc::invalid_input, too_large, path);
  if (in.bad()) return fail(errc::io, "read error", path);
  return read_input(std::move(bytes), path, opts);
}

}  // namespace accordiff
