// Stage 2, normalize: see normalize.hpp for the contract.
#include "normalize/normalize.hpp"

#include <libstemmer.h>
#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <xxhash.h>

#include <array>
#include <atomic>
#include <cstring>
#include <deque>
#include <stdexcept>
#include <unordered_map>

#include "util/utf8.hpp"

namespace accordiff::detail {

namespace {

struct sv_hash {
  using is_transparent = void;
  std::size_t operator()(std::string_view s) const { return XXH3_64bits(s.data(), s.size()); }
};

bool is_word_cp(char32_t c) {
  if (c < 0x80) return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
  // À to ÿ are letters, but × and ÷ (Latin-1's accented letters, without asking ICU)
  if (c >= 0xC0 && c <= 0xFF) return c != 0xD7 && c != 0xF7;
  if (u_isalnum(static_cast<UChar32>(c))) return true;
  const auto t = u_charType(static_cast<UChar32>(c));
  return t == U_NON_SPACING_MARK || t == U_COMBINING_SPACING_MARK || t == U_ENCLOSING_MARK;
}

bool is_digit_at(std::string_view s, std::uint32_t i, std::uint32_t end) {
  return i < end && s[i] >= '0' && s[i] <= '9';
}

// Typographic variants that compare equal: one canonical ASCII form each.
std::string_view canonical_mark(char32_t c) {
  switch (c) {
    case 0x2018:
    case 0x2019:
    case 0x201A:
    case 0x201B:
    case 0x2032:
    case 0x00B4:
    case 0x0060:
      return "'";
    case 0x201C:
    case 0x201D:
    case 0x201E:
    case 0x201F:
    case 0x2033:
    case 0x00AB:
    case 0x00BB:
    case 0x2039:
    case 0x203A:
      return "\"";
    case 0x2010:
    case 0x2011:
    case 0x2012:
    case 0x2013:
    case 0x2014:
    case 0x2015:
    case 0x2212:
    case 0x2E3A:
    case 0x2E3B:
    case 0xFE58:
    case 0xFE63:
    case 0xFF0D:
      return "-";
    case 0x2026:
      return "...";
    case 0x00BF:
    case 0x00A1:  // Spanish opening marks carry no meaning of their own
      return "";
    default:
      return {};
  }
}

// Function words, lower case; sorted at first use.
const std::array<std::string_view, 96> es_words = {
    "a",      "al",     "ambas",  "ambos",   "ante",   "asimismo", "aunque",  "bajo",     "como",
    "con",    "cuando", "de",     "del",     "desde",  "donde",    "durante", "e",        "el",
    "ella",   "ellos",  "en",     "entre",   "es",     "esa",      "ese",     "eso",      "esta",
    "este",   "esto",   "estos",  "fue",     "ha",     "han",      "hasta",   "hay",      "la",
    "las",    "le",     "les",    "lo",      "los",    "mas",      "más",     "mientras", "muy",
    "ni",     "no",     "nos",    "o",       "otra",   "otro",     "para",    "pero",     "por",
    "porque", "que",    "qué",    "se",      "según",  "ser",      "si",      "sin",      "sobre",
    "son",    "su",     "sus",    "también", "tras",   "u",        "un",      "una",      "uno",
    "unos",   "unas",   "y",      "ya",      "además", "cada",     "dicho",   "dicha",    "estas",
    "esas",   "esos",   "fueron", "será",    "serán",  "había",    "está",    "están",    "sido",
    "todo",   "todos",  "toda",   "todas",   "tanto",  "luego"};
const std::array<std::string_view, 80> en_words = {
    "a",     "about", "after", "all",    "also",  "an",      "and",  "any",   "are",   "as",
    "at",    "be",    "been",  "before", "both",  "but",     "by",   "can",   "could", "during",
    "each",  "for",   "from",  "had",    "has",   "have",    "he",   "her",   "his",   "however",
    "if",    "in",    "into",  "is",     "it",    "its",     "may",  "more",  "most",  "no",
    "not",   "of",    "on",    "or",     "other", "our",     "over", "shall", "she",   "should",
    "since", "so",    "some",  "such",   "than",  "that",    "the",  "their", "them",  "then",
    "there", "these", "they",  "this",   "those", "through", "to",   "under", "until", "was",
    "we",    "were",  "when",  "where",  "which", "while",   "who",  "will",  "with",  "would"};
const std::array<std::string_view, 40> fr_words = {
    "au",    "aux",  "avec", "ce",  "ces",  "cette", "dans", "de",   "des",  "du",
    "elle",  "en",   "est",  "et",  "il",   "ils",   "la",   "le",   "les",  "leur",
    "leurs", "mais", "nous", "ont", "ou",   "par",   "pas",  "pour", "qui",  "que",
    "sa",    "se",   "ses",  "son", "sont", "sur",   "un",   "une",  "vous", "été"};
const std::array<std::string_view, 40> pt_words = {
    "a",   "ao",  "aos", "as",   "com",   "da",     "das",  "de",   "do",   "dos",
    "e",   "ela", "ele", "em",   "entre", "foi",    "mais", "mas",  "na",   "nas",
    "no",  "nos", "não", "o",    "os",    "ou",     "para", "pela", "pelo", "por",
    "que", "se",  "sua", "suas", "são",   "também", "um",   "uma",  "à",    "às"};
const std::array<std::string_view, 40> de_words = {
    "als", "am",   "an",  "auch",  "auf", "aus",  "bei",   "das",  "dem",   "den",
    "der", "des",  "die", "durch", "ein", "eine", "einer", "er",   "es",    "für",
    "hat", "im",   "in",  "ist",   "mit", "nach", "nicht", "noch", "oder",  "sich",
    "sie", "sind", "um",  "und",   "von", "vor",  "wie",   "wird", "wurde", "zu"};

struct language_info {
  std::string_view code;
  const char* stemmer;
  const std::string_view* words;
  std::size_t n_words;
};

const std::array<language_info, 9> languages = {{
    {"es", "spanish", es_words.data(), es_words.size()},
    {"en", "english", en_words.data(), en_words.size()},
    {"fr", "french", fr_words.data(), fr_words.size()},
    {"pt", "portuguese", pt_words.data(), pt_words.size()},
    {"de", "german", de_words.data(), de_words.size()},
    {"it", "italian", nullptr, 0},
    {"nl", "dutch", nullptr, 0},
    {"ca", "catalan", nullptr, 0},
    {"und", nullptr, nullptr, 0},
}};

const language_info* find_language(std::string_view code) {
  for (const auto& l : languages)
    if (l.code == code) return &l;
  return nullptr;
}

// Every function word of every language, with the languages it is one of (bit k: the
// k-th of `languages`): one lookup a word, where language detection tried each language's
// list in turn.
std::uint32_t function_word_languages(std::string_view w) {
  static const std::unordered_map<std::string_view, std::uint32_t> all = [] {
    std::unordered_map<std::string_view, std::uint32_t> m;
    for (std::size_t k = 0; k < languages.size(); ++k)
      for (std::size_t i = 0; i < languages[k].n_words; ++i) m[languages[k].words[i]] |= 1U << k;
    return m;
  }();
  const auto it = all.find(w);
  return it == all.end() ? 0 : it->second;
}

}  // namespace

bool known_language(std::string_view code) { return find_language(code) != nullptr; }

bool is_function_word(std::string_view language, std::string_view w) {
  const language_info* l = find_language(language);
  if (l == nullptr || l->words == nullptr) return false;
  const auto k = static_cast<std::size_t>(l - languages.data());
  return (function_word_languages(w) >> k & 1U) != 0;
}

std::uint32_t scan_token(std::string_view s, std::uint32_t i, std::uint32_t end, bool& word) {
  // ASCII letters and digits, the bulk of most text, told by a table rather than by
  // is_word_cp (inside a word, without decoding them either)
  static constexpr auto kAsciiWord = [] {
    std::array<bool, 256> t{};
    for (int b = 0; b < 128; ++b)  // (is_word_cp's ASCII rule)
      t[b] = (b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z') || (b >= '0' && b <= '9');
    return t;
  }();
  std::size_t j = i;
  const char32_t c = next_code_point(s, j);
  if (!(c < 0x80 ? kAsciiWord[c] : is_word_cp(c))) {
    word = false;
    // "..." is one mark
    if (c == '.' && i + 2 < end && s[i + 1] == '.' && s[i + 2] == '.') return i + 3;
    return static_cast<std::uint32_t>(j);
  }
  word = true;
  while (j < end) {
    // ASCII letters and digits, the bulk of most text, without decoding (sixteen at a time)
    j = first_non_alnum(s.data(), j, end);
    if (j >= end) break;
    const auto b = static_cast<unsigned char>(s[j]);
    // any other ASCII byte ends the word, but a joiner (below)
    if (b < 0x80 && b != '.' && b != ',' && b != '\'') break;
    // then À to ÿ (C3 80 to C3 BF), but × (C3 97) and ÷ (C3 B7)
    if (b == 0xC3 && j + 1 < s.size()) {
      const auto c2 = static_cast<unsigned char>(s[j + 1]);
      if ((c2 & 0xC0) == 0x80 && c2 != 0x97 && c2 != 0xB7) {
        j += 2;
        continue;
      }
    }
    std::size_t k = j;
    const char32_t d = next_code_point(s, k);
    if (is_word_cp(d)) {
      j = k;
      continue;
    }
    // Joiners kept inside a token: an apostrophe between letters ("don't", "d'Ivoire"),
    // a decimal or thousands separator between digits ("1.5", "2,000").
    if (k < end) {
      std::size_t m = k;
      const char32_t after = next_code_point(s, m);
      const bool digits_around =
          is_digit_at(s, static_cast<std::uint32_t>(j - 1), end) && after >= '0' && after <= '9';
      if ((d == '.' || d == ',') && digits_around) {
        j = k;
        continue;
      }
      if ((d == '\'' || d == 0x2019) && is_word_cp(after) && !(after >= '0' && after <= '9')) {
        j = k;
        continue;
      }
    }
    break;
  }
  return static_cast<std::uint32_t>(j);
}

// ---------------------------------------------------------------------------------- vocabulary

struct vocabulary::impl {
  std::deque<std::string> strings;
  std::vector<std::uint64_t> hashes;
  std::unordered_map<std::string_view, std::uint32_t, sv_hash, std::equal_to<>> ids;
};

vocabulary::vocabulary() : impl_(std::make_unique<impl>()) {}
vocabulary::~vocabulary() = default;

std::uint32_t vocabulary::intern(std::string_view s) {
  if (auto it = impl_->ids.find(s); it != impl_->ids.end()) return it->second;
  const auto id = static_cast<std::uint32_t>(impl_->strings.size());
  impl_->strings.emplace_back(s);
  impl_->hashes.push_back(XXH3_64bits(s.data(), s.size()));
  impl_->ids.emplace(impl_->strings.back(), id);
  return id;
}
std::string_view vocabulary::text(std::uint32_t id) const { return impl_->strings[id]; }
std::uint64_t vocabulary::hash(std::uint32_t id) const { return impl_->hashes[id]; }
std::size_t vocabulary::size() const { return impl_->strings.size(); }

// ---------------------------------------------------------------------------------- spelling cache

std::uint64_t spelling_hash_long(const char* p, std::size_t n) { return XXH3_64bits(p, n); }

std::uint32_t spelling_cache::insert(std::string_view raw, std::uint64_t h, const entry& value) {
  if ((spellings_.size() + 1) * 2 > index_.size()) grow();  // (at most half full)
  const auto i = static_cast<std::uint32_t>(spellings_.size());
  place(i, h);
  spellings_.push_back({static_cast<std::uint32_t>(h >> 32),
                        static_cast<std::uint32_t>(bytes_.size()),
                        static_cast<std::uint32_t>(raw.size()), value,
                        short_spelling_of(raw.data(), std::min(raw.size(), kShortSpelling))});
  bytes_.append(raw);
  return i;
}

void spelling_cache::place(std::uint32_t i, std::uint64_t h) {
  std::size_t k = h & mask_;
  while (index_[k] != kFree) k = (k + 1) & mask_;
  index_[k] = i;
}

void spelling_cache::grow() {
  index_.assign(index_.empty() ? 1024 : index_.size() * 2, kFree);
  mask_ = index_.size() - 1;
  for (std::uint32_t i = 0; i < spellings_.size(); ++i)
    place(i, spelling_hash({bytes_.data() + spellings_[i].at, spellings_[i].size}));
}

// ---------------------------------------------------------------------------------- normalizer

struct normalizer::impl {
  compare_options opts;
  vocabulary& vocab;
  sb_stemmer* stemmer = nullptr;
  const icu::Normalizer2* nfkc = nullptr;
  const icu::Normalizer2* nfd = nullptr;
  const icu::Normalizer2* nfc = nullptr;
  spelling_cache cache;  // each distinct spelling is normalized and stemmed once
  std::string scratch;

  impl(const compare_options& o, vocabulary& v) : opts(o), vocab(v) {}
  ~impl() {
    if (stemmer != nullptr) sb_stemmer_delete(stemmer);
  }

  std::string normalize(std::string_view raw) const {
    bool ascii = true;
    for (char c : raw)
      if (static_cast<unsigned char>(c) >= 0x80) ascii = false;
    std::string out;
    if (ascii) {
      out.assign(raw);
      if (opts.ignore_case)
        for (char& c : out)
          if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    } else {
      std::size_t i = 0;
      const char32_t first = next_code_point(raw, i);
      if (i == raw.size()) {
        const std::string_view mark = canonical_mark(first);
        if (!mark.empty() || first == 0x00BF || first == 0x00A1) return std::string(mark);
      }
      UErrorCode err = U_ZERO_ERROR;
      icu::UnicodeString u = icu::UnicodeString::fromUTF8(
          icu::StringPiece(raw.data(), static_cast<std::int32_t>(raw.size())));
      icu::UnicodeString n = nfkc->normalize(u, err);
      if (opts.ignore_accents && U_SUCCESS(err)) {
        icu::UnicodeString d = nfd->normalize(n, err);
        icu::UnicodeString stripped;
        for (std::int32_t k = 0; k < d.length();) {
          const UChar32 c = d.char32At(k);
          if (u_charType(c) != U_NON_SPACING_MARK) stripped.append(c);
          k += U16_LENGTH(c);
        }
        n = nfc->normalize(stripped, err);
      }
      if (U_FAILURE(err)) return std::string(raw);
      n.toUTF8String(out);
      // the apostrophe inside a word
      for (std::size_t p = out.find("\xE2\x80\x99"); p != std::string::npos;
           p = out.find("\xE2\x80\x99", p))
        out.replace(p, 3, 1, '\'');  // (the count-and-char form: GCC 12 warns on the other)
    }
    if (opts.ignore_number_format && !out.empty() && out[0] >= '0' && out[0] <= '9')
      out = normalize_number(out);
    return out;
  }

  // "1,000.50" and "1.000,50" → "1000.50"; "1,5" → "1.5". A separator followed by exactly
  // three digits and then another separator or the end groups thousands unless it is the
  // last separator of a number that has an earlier one of the other kind.
  static std::string normalize_number(const std::string& s) {
    std::vector<std::size_t> seps;
    for (std::size_t i = 0; i < s.size(); ++i)
      if (s[i] == '.' || s[i] == ',') seps.push_back(i);
    if (seps.empty()) return s;
    std::string out;
    for (std::size_t i = 0; i < s.size(); ++i) {
      if (s[i] != '.' && s[i] != ',') {
        out.push_back(s[i]);
        continue;
      }
      const bool last = i == seps.back();
      const std::size_t next = last ? s.size() : *std::upper_bound(seps.begin(), seps.end(), i);
      const bool three = next - i - 1 == 3;
      const bool mixed = seps.size() > 1 && s[seps.front()] != s[seps.back()];
      const bool thousands = three && !(last && mixed);
      if (!thousands) out.push_back('.');
    }
    return out;
  }

  // The number of `raw`'s entry in the cache (made now if there is none). `within`: 16
  // bytes may be read from raw.data() (a token not at the end of its text).
  std::uint32_t lookup(std::string_view raw, bool word, bool within = false) {
    std::uint64_t h = 0;
    if (within && !raw.empty() && raw.size() <= kShortSpelling) {
      const short_spelling w = short_spelling_within(raw.data(), raw.size());
      h = spelling_hash(w, raw.size());
      if (const std::uint32_t i = cache.number(w, raw.size(), h); i != spelling_cache::kNone)
        return i;
    } else {
      h = spelling_hash(raw);
      if (const std::uint32_t i = cache.number(raw, h); i != spelling_cache::kNone) return i;
    }
    const std::string key = normalize(raw);
    const std::uint32_t key_id = vocab.intern(key);
    std::uint32_t stem_id = key_id;
    if (word && stemmer != nullptr && !(key[0] >= '0' && key[0] <= '9')) {
      const sb_symbol* st = sb_stemmer_stem(stemmer, reinterpret_cast<const sb_symbol*>(key.data()),
                                            static_cast<int>(key.size()));
      if (st != nullptr) {
        scratch.assign(1, '\x01');  // stems live in their own namespace of the vocabulary
        scratch.append(reinterpret_cast<const char*>(st),
                       static_cast<std::size_t>(sb_stemmer_length(stemmer)));
        stem_id = vocab.intern(scratch);
      }
    }
    return cache.insert(raw, h, {key_id, stem_id, key.empty()});
  }
};

namespace {
std::uint64_t next_serial() {
  static std::atomic<std::uint64_t> made{0};
  return made.fetch_add(1, std::memory_order_relaxed) + 1;
}
}  // namespace

normalizer::normalizer(const compare_options& opts, std::string_view language, vocabulary& vocab)
    : impl_(std::make_unique<impl>(opts, vocab)), serial_(next_serial()) {
  UErrorCode err = U_ZERO_ERROR;
  impl_->nfkc = opts.ignore_case ? icu::Normalizer2::getNFKCCasefoldInstance(err)
                                 : icu::Normalizer2::getNFKCInstance(err);
  impl_->nfd = icu::Normalizer2::getNFDInstance(err);
  impl_->nfc = icu::Normalizer2::getNFCInstance(err);
  if (U_FAILURE(err)) throw std::runtime_error("ICU normalizer unavailable");
  if (const language_info* l = find_language(language); l != nullptr && l->stemmer != nullptr)
    impl_->stemmer = sb_stemmer_new(l->stemmer, "UTF_8");
}

normalizer::~normalizer() = default;

std::string normalizer::normalize(std::string_view raw) const { return impl_->normalize(raw); }

void normalizer::tokenize(std::string_view bytes, span where, const std::vector<span>& markup,
                          std::vector<token>& out, std::vector<std::uint32_t>& spellings) {
  auto mark = std::lower_bound(markup.begin(), markup.end(), where.start,
                               [](const span& m, std::uint32_t pos) { return m.end <= pos; });
  std::uint32_t i = where.start;
  while (i < where.end) {
    while (mark != markup.end() && mark->end <= i) ++mark;
    if (mark != markup.end() && mark->start <= i) {
      i = mark->end;
      continue;
    }
    const auto c = static_cast<unsigned char>(bytes[i]);
    if (c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == '\f' || c == '\v') {
      ++i;
      continue;
    }
    if (c >= 0x80) {
      std::size_t j = i;
      if (is_space(next_code_point(bytes, j))) {
        i = static_cast<std::uint32_t>(j);
        continue;
      }
    }
    bool word = false;
    std::uint32_t e = scan_token(bytes, i, where.end, word);
    if (mark != markup.end() && mark->start < e) e = mark->start;  // markup cuts a token
    const std::uint32_t spelling =
        impl_->lookup(bytes.substr(i, e - i), word, i + kShortSpelling <= bytes.size());
    const spelling_cache::entry& found = impl_->cache.at(spelling);
    const bool skip = (!word && impl_->opts.ignore_punctuation) || found.empty;
    if (!skip) {
      out.push_back({i, e, found.key, found.stem, word});
      spellings.push_back(spelling);
    }
    i = e;
  }
}

std::string detect_language(const document& doc) {
  std::array<std::size_t, 5> hits{};
  std::size_t words = 0;
  std::string w;
  const std::string_view b = doc.bytes;
  for (const block& bl : doc.blocks) {
    for (std::uint32_t i = bl.where.start; i < bl.where.end && words < 4000;) {
      bool word = false;
      if (static_cast<unsigned char>(b[i]) <= ' ') {
        ++i;
        continue;
      }
      const std::uint32_t e = scan_token(b, i, bl.where.end, word);
      if (word) {
        ++words;
        w.assign(b.substr(i, e - i));
        for (char& c : w)
          if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
        const std::uint32_t of = function_word_languages(w);
        for (std::size_t l = 0; l < hits.size(); ++l)
          if ((of >> l & 1U) != 0) ++hits[l];
      }
      i = e;
    }
    if (words >= 4000) break;
  }
  std::size_t best = 0;
  for (std::size_t l = 1; l < hits.size(); ++l)
    if (hits[l] > hits[best]) best = l;
  // Too few function words to tell (a title, a list of names): say so.
  if (hits[best] < 2) return "und";
  return std::string(languages[best].code);
}

}  // namespace accordiff::detail
