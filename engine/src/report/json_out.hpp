// A small streaming JSON writer shared by the reporters (internal): keys and values are
// written in the order given, numbers with fixed precision, so output is deterministic.
#pragma once

#include <algorithm>
#include <array>
#include <cassert>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <memory>
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
  explicit json_out(std::ostream& out) : out_(&out) { make_room(kFlushBytes + (1 << 12)); }
  /// Writes into a buffer of its own, which take() hands over (a part rendered apart).
  json_out() = default;
  ~json_out() { flush(); }
  json_out(const json_out&) = delete;
  json_out& operator=(const json_out&) = delete;

  /// What a part holds, handed over by take().
  class piece {
   public:
    piece() = default;
    [[nodiscard]] std::string_view view() const { return {bytes_.get(), size_}; }
    [[nodiscard]] std::size_t size() const { return size_; }

   private:
    friend class json_out;
    std::unique_ptr<char[]> bytes_;
    std::size_t size_ = 0;
  };

  json_out& raw(std::string_view s) {
    put(s.data(), s.size());
    return done();
  }
  /// A literal (or an array of chars ending in its NUL): its length known where it is
  /// written, no strlen.
  template <std::size_t N>
  json_out& raw(const char (&s)[N]) {
    assert(std::char_traits<char>::length(s) == N - 1);  // (no buffer with room to spare)
    put(s, N - 1);
    return done();
  }
  json_out& str(std::string_view s) {
    // room for the text, its quotes, and more as escapes need it
    make_room(s.size() + 2);
    char* o = at();
    *o++ = '"';
    std::size_t run = 0;  // start of the stretch that needs no escaping
    for (std::size_t i = 0; i < s.size(); ++i) {
      i = plain_prefix(s, i);  // most text needs no escaping: skip it sixteen bytes at a time
      if (i >= s.size()) break;
      const auto c = static_cast<unsigned char>(s[i]);
      if (c >= 0x20 && c != '"' && c != '\\') continue;
      copy(o, s.data() + run, i - run);
      o += i - run;
      run = i + 1;
      // an escape is six bytes at most for the one it replaces: room for it and the rest
      if (const std::size_t need = 6 + (s.size() - run) + 1;
          static_cast<std::size_t>(end_ - o) < need) {
        size_ = static_cast<std::size_t>(o - data_.get());
        make_room(need);
        o = at();
      }
      *o++ = '\\';
      switch (c) {
        case '"':
          *o++ = '"';
          break;
        case '\\':
          *o++ = '\\';
          break;
        case '\n':
          *o++ = 'n';
          break;
        case '\r':
          *o++ = 'r';
          break;
        case '\t':
          *o++ = 't';
          break;
        default: {
          static constexpr char kHex[] = "0123456789abcdef";
          *o++ = 'u';
          *o++ = '0';
          *o++ = '0';
          *o++ = kHex[c >> 4];
          *o++ = kHex[c & 0xF];
        }
      }
    }
    copy(o, s.data() + run, s.size() - run);
    o += s.size() - run;
    *o++ = '"';
    size_ = static_cast<std::size_t>(o - data_.get());
    return done();
  }
  json_out& num(std::uint64_t v) {
    make_room(24);
    const auto r = std::to_chars(at(), end_, v);
    size_ = static_cast<std::size_t>(r.ptr - data_.get());
    return done();
  }
  /// Three decimals at most, as printf's "%.3f" rounds them, trailing zeros dropped.
  json_out& real(double v) {
    // (most similarities are those of unchanged units: 1)
    if (v == 1.0) return raw("1");
    if (v == 0.0 && !std::signbit(v)) return raw("0");
    std::array<char, 352> b{};  // (the longest double in fixed notation, and more)
    const auto r = std::to_chars(b.data(), b.data() + b.size(), v, std::chars_format::fixed, 3);
    std::string_view s(b.data(), static_cast<std::size_t>(r.ptr - b.data()));
    while (!s.empty() && s.back() == '0') s.remove_suffix(1);
    if (!s.empty() && s.back() == '.') s.remove_suffix(1);
    return raw(s);
  }
  json_out& boolean(bool v) { return v ? raw("true") : raw("false"); }
  /// A key: one of the report's own names, plain ASCII, so written as is. (Always inline:
  /// a literal's length is then known where it is written, copied in a few moves rather
  /// than by a call to memcpy whose branches guess the length, 160,000 times at 1 MB.)
  [[gnu::always_inline]] json_out& key(std::string_view k) {
    make_room(k.size() + 3);
    char* o = at();
    *o++ = '"';
    copy(o, k.data(), k.size());
    o += k.size();
    *o++ = '"';
    *o++ = ':';
    size_ = static_cast<std::size_t>(o - data_.get());
    return *this;
  }
  template <std::size_t N>
  json_out& key(const char (&k)[N]) {
    assert(std::char_traits<char>::length(k) == N - 1);
    return key(std::string_view(k, N - 1));
  }
  void flush() {
    if (out_ == nullptr) return;  // (a part: all of it stays in the buffer)
    out_->write(data_.get(), static_cast<std::streamsize>(size_));
    flushed_ += size_;
    size_ = 0;
  }
  /// How many bytes have been written so far, those in the buffer and those out of it.
  [[nodiscard]] std::size_t position() const { return flushed_ + size_; }
  /// Writes the bytes [from, to) of position() written before once more, where they are
  /// still in the buffer (a text the report gives twice, escaped once); false when they
  /// are not, and then nothing is written.
  bool repeat(std::size_t from, std::size_t to) {
    if (from < flushed_ || to > position() || from > to) return false;
    make_room(to - from);
    copy(at(), data_.get() + (from - flushed_), to - from);
    size_ += to - from;
    done();
    return true;
  }
  /// Room for `bytes` more in the buffer (a part: where all of it is written).
  void reserve(std::size_t bytes) { make_room(bytes); }
  /// What a part holds; the part is then empty.
  piece take() {
    piece p;
    p.size_ = size_;
    p.bytes_ = std::move(data_);
    end_ = nullptr;
    flushed_ += size_;
    size_ = 0;
    return p;
  }
  /// Writes `part` as it is, without copying it into the buffer first.
  void write_through(std::string_view part) {
    if (out_ == nullptr) {
      raw(part);
      return;
    }
    flush();
    out_->write(part.data(), static_cast<std::streamsize>(part.size()));
    flushed_ += part.size();
  }
  void write_through(const piece& part) { write_through(part.view()); }

 private:
  // (a writer to a stream writes its buffer out past this many bytes)
  static constexpr std::size_t kFlushBytes = std::size_t{1} << 16;

  char* at() { return data_.get() + size_; }
  // (an empty text may have no bytes at all: memcpy must not see its null pointer)
  static void copy(char* to, const char* from, std::size_t n) {
    if (n > 0) std::memcpy(to, from, n);
  }
  void put(const char* s, std::size_t n) {
    make_room(n);
    copy(at(), s, n);
    size_ += n;
  }
  json_out& done() {
    if (out_ != nullptr && size_ > kFlushBytes) flush();
    return *this;
  }
  // At least `n` bytes free after size_: the buffer doubled (or more) when not.
  void make_room(std::size_t n) {
    if (data_ == nullptr || static_cast<std::size_t>(end_ - at()) < n) grow(n);
  }
  [[gnu::noinline]] void grow(std::size_t n) {
    const std::size_t capacity =
        data_ == nullptr ? 0 : static_cast<std::size_t>(end_ - data_.get());
    const std::size_t want = std::max({std::size_t{256}, 2 * capacity, size_ + n});
    auto bigger = std::make_unique_for_overwrite<char[]>(want);
    if (size_ > 0) std::memcpy(bigger.get(), data_.get(), size_);
    data_ = std::move(bigger);
    end_ = data_.get() + want;
  }

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
  std::unique_ptr<char[]> data_;  // size_ bytes written, room up to end_
  char* end_ = nullptr;
  std::size_t size_ = 0;
  std::size_t flushed_ = 0;  // bytes written out of the buffer
};

inline void write_edits(json_out& j, const std::vector<edit>& edits) {
  j.raw("[");
  for (std::size_t e = 0; e < edits.size(); ++e) {
    if (e > 0) j.raw(",");
    j.raw("{").key("op").str(std::string_view(&edits[e].op, 1));
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
