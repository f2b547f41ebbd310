// A small streaming JSON writer shared by the reporters (internal): keys and values are
// written in the order given, numbers with fixed precision, so output is deterministic.
#pragma once

#include <array>
#include <charconv>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "accordiff/compare.hpp"

namespace accordiff::detail {

class json_out {
 public:
  explicit json_out(std::ostream& out) : out_(&out) { buf_.reserve(1 << 16); }
  /// Writes into a string of its own, which take() hands over (a part rendered apart).
  json_out() = default;
  ~json_out() { flush(); }
  json_out(const json_out&) = delete;
  json_out& operator=(const json_out&) = delete;

  json_out& raw(std::string_view s) {
    buf_.append(s);
    if (buf_.size() > (1 << 16)) flush();
    return *this;
  }
  json_out& str(std::string_view s) {
    buf_.push_back('"');
    std::size_t run = 0;  // start of the stretch that needs no escaping
    for (std::size_t i = 0; i < s.size(); ++i) {
      i = plain_prefix(s, i);  // most text needs no escaping: skip it eight bytes at a time
      if (i >= s.size()) break;
      const auto c = static_cast<unsigned char>(s[i]);
      if (c >= 0x20 && c != '"' && c != '\\') continue;
      buf_.append(s.data() + run, i - run);
      run = i + 1;
      switch (c) {
        case '"':
          buf_.append("\\\"");
          break;
        case '\\':
          buf_.append("\\\\");
          break;
        case '\n':
          buf_.append("\\n");
          break;
        case '\r':
          buf_.append("\\r");
          break;
        case '\t':
          buf_.append("\\t");
          break;
        default: {
          std::array<char, 8> esc{};
          std::snprintf(esc.data(), esc.size(), "\\u%04x", c);
          buf_.append(esc.data());
        }
      }
    }
    buf_.append(s.data() + run, s.size() - run);
    buf_.push_back('"');
    if (buf_.size() > (1 << 16)) flush();
    return *this;
  }
  json_out& num(std::uint64_t v) {
    std::array<char, 24> b{};
    const auto r = std::to_chars(b.data(), b.data() + b.size(), v);
    return raw(std::string_view(b.data(), static_cast<std::size_t>(r.ptr - b.data())));
  }
  /// Three decimals at most, as printf's "%.3f" rounds them, trailing zeros dropped.
  json_out& real(double v) {
    std::array<char, 352> b{};  // (the longest double in fixed notation, and more)
    const auto r = std::to_chars(b.data(), b.data() + b.size(), v, std::chars_format::fixed, 3);
    std::string_view s(b.data(), static_cast<std::size_t>(r.ptr - b.data()));
    while (!s.empty() && s.back() == '0') s.remove_suffix(1);
    if (!s.empty() && s.back() == '.') s.remove_suffix(1);
    return raw(s);
  }
  json_out& boolean(bool v) { return raw(v ? "true" : "false"); }
  /// A key: one of the report's own names, plain ASCII, so written as is.
  json_out& key(std::string_view k) {
    buf_.push_back('"');
    buf_.append(k);
    buf_.append(std::string_view("\":"));  // (a view: no strlen each time)
    return *this;
  }
  void flush() {
    if (out_ == nullptr) return;  // (a part: all of it stays in buf_)
    out_->write(buf_.data(), static_cast<std::streamsize>(buf_.size()));
    buf_.clear();
  }
  /// Room for `bytes` more in the buffer (a part: where all of it is written).
  void reserve(std::size_t bytes) { buf_.reserve(buf_.size() + bytes); }
  /// What a part holds.
  std::string take() { return std::move(buf_); }
  /// Writes `part` as it is, without copying it into the buffer first.
  void write_through(std::string_view part) {
    if (out_ == nullptr) {
      raw(part);
      return;
    }
    flush();
    out_->write(part.data(), static_cast<std::streamsize>(part.size()));
  }

 private:
  // The first position at or after `i` whose byte may need escaping (a control character,
  // '"' or '\\'), or the end: eight bytes per step, with the usual "has a byte less than
  // n" and "has a zero byte" word tricks: never a miss; a false alarm (from a borrow, after a
  // real hit in the same word) only sends the caller to its byte test.
  static std::size_t plain_prefix(std::string_view s, std::size_t i) {
#if defined(__SSE2__)
    // sixteen bytes per step where SSE2 is (every x86-64): the exact first position
    const __m128i control = _mm_set1_epi8(0x1F), quote = _mm_set1_epi8('"'),
                  slash = _mm_set1_epi8('\\');
    while (i + 16 <= s.size()) {
      const __m128i x = _mm_loadu_si128(reinterpret_cast<const __m128i*>(s.data() + i));
      const __m128i hit =
          _mm_or_si128(_mm_cmpeq_epi8(_mm_min_epu8(x, control), x),  // x <= 0x1F
                       _mm_or_si128(_mm_cmpeq_epi8(x, quote), _mm_cmpeq_epi8(x, slash)));
      if (const int mask = _mm_movemask_epi8(hit); mask != 0)
        return i + static_cast<std::size_t>(__builtin_ctz(static_cast<unsigned>(mask)));
      i += 16;
    }
#endif
    constexpr std::uint64_t ones = 0x0101010101010101ULL, highs = 0x8080808080808080ULL;
    while (i + 8 <= s.size()) {
      std::uint64_t x = 0;
      std::memcpy(&x, s.data() + i, 8);
      const std::uint64_t quote = x ^ (ones * '"'), slash = x ^ (ones * '\\');
      const std::uint64_t hit =
          (((x - ones * 0x20) & ~x) | ((quote - ones) & ~quote) | ((slash - ones) & ~slash)) &
          highs;
      if (hit != 0) return i;
      i += 8;
    }
    return i;
  }

  std::ostream* out_ = nullptr;
  std::string buf_;
};

inline void write_edits(json_out& j, const std::vector<edit>& edits) {
  j.raw("[");
  for (std::size_t e = 0; e < edits.size(); ++e) {
    if (e > 0) j.raw(",");
    j.raw("{").key("op").str(std::string(1, edits[e].op));
    j.raw(",").key("text").str(edits[e].text).raw("}");
  }
  j.raw("]");
}

inline void write_changes(json_out& j, const std::vector<typed_change>& changes) {
  j.raw("[");
  for (std::size_t k = 0; k < changes.size(); ++k) {
    if (k > 0) j.raw(",");
    j.raw("{").key("type").str(changes[k].type);
    j.raw(",").key("old");
    if (changes[k].old_value.empty())
      j.raw("null");
    else
      j.str(changes[k].old_value);
    j.raw(",").key("new");
    if (changes[k].new_value.empty())
      j.raw("null");
    else
      j.str(changes[k].new_value);
    j.raw("}");
  }
  j.raw("]");
}

inline void write_options(json_out& j, const compare_options& o) {
  j.raw("{").key("lang").str(o.lang);
  j.raw(",").key("ignore_case").boolean(o.ignore_case);
  j.raw(",").key("ignore_accents").boolean(o.ignore_accents);
  j.raw(",").key("ignore_punctuation").boolean(o.ignore_punctuation);
  j.raw(",").key("ignore_number_format").boolean(o.ignore_number_format);
  j.raw(",").key("thresholds").raw("{").key("reword_local").real(o.limits.reword_local);
  j.raw(",").key("reword_global").real(o.limits.reword_global);
  j.raw(",").key("split").real(o.limits.split);
  j.raw(",").key("split_piece").real(o.limits.split_piece).raw("}}");
}

}  // namespace accordiff::detail
