#include "align/levels.hpp"

#include <algorithm>
#include <cmath>
#include <span>

#include "commit/lexicon.hpp"
#include "util/sort.hpp"

namespace accordiff::detail {

namespace {

bool starts_with_digit(std::string_view key) {
  return !key.empty() && key[0] >= '0' && key[0] <= '9';
}

}  // namespace

placeholders make_placeholders(vocabulary& vocab, const compare_options& opts,
                               std::initializer_list<std::string_view> languages) {
  placeholders p;
  p.number = vocab.intern("\x03number");
  p.date = vocab.intern(
      "\x03"
      "date");
  std::vector<std::uint32_t> months;
  for (const std::string& name : month_keys(opts, languages)) months.push_back(vocab.intern(name));
  p.month.assign(vocab.size(), false);
  for (std::uint32_t m : months) p.month[m] = true;
  p.numeric.assign(vocab.size(), false);
  for (std::uint32_t id = 0; id < vocab.size(); ++id) {
    p.numeric[id] = starts_with_digit(vocab.text(id));
  }
  return p;
}

std::vector<std::string> month_keys(const compare_options& opts,
                                    std::initializer_list<std::string_view> languages) {
  std::vector<std::string> out;
  for (std::string_view lang : languages) {
    vocabulary scratch;
    normalizer norm(opts, lang, scratch);
    for (const auto& [name, number] : lexicon_for(lang).month) out.push_back(norm.normalize(name));
  }
  return out;
}

void value_keys::learn() {
  for (auto id = static_cast<std::uint32_t>(kinds_.size()); id < vocab_.size(); ++id) {
    const std::string_view key = vocab_.text(id);
    std::uint8_t k = starts_with_digit(key) ? 1 : 0;
    if (std::find(months_.begin(), months_.end(), key) != months_.end()) k |= 2;
    kinds_.push_back(k);
  }
}

void bag_into(const token* first, const token* last, value_keys& kinds,
              std::vector<std::uint32_t>& out, bool sorted) {
  const std::size_t from = out.size();
  for (const token* t = first; t != last; ++t) {
    if (!t->word) continue;
    out.push_back(t->stem);
    const std::uint8_t k = kinds.of(t->key);
    if ((k & 1) != 0) out.push_back(kNumberSlot);
    if ((k & 2) != 0) out.push_back(kDateSlot);
  }
  if (sorted) sort_ids(std::span<std::uint32_t>(out).subspan(from));
}

void settle_bags(level_input& in, const std::vector<std::uint32_t>* remap, const placeholders& ph,
                 std::size_t first, std::size_t last) {
  for (std::size_t i = first; i < std::min(last, in.bags.size()); ++i) {
    const std::span<std::uint32_t> bag = in.bags.own(i);
    for (std::uint32_t& k : bag) {
      if (k == kNumberSlot)
        k = ph.number;
      else if (k == kDateSlot)
        k = ph.date;
      else if (remap != nullptr)
        k = (*remap)[k];
    }
    sort_ids(bag);
  }
}

std::vector<std::uint32_t> bag_of(const units& u, token_range r, const placeholders& ph,
                                  const vocabulary& vocab) {
  std::vector<std::uint32_t> bag;
  bag.reserve(r.end - r.begin);
  for (std::uint32_t k = r.begin; k < r.end; ++k) {
    const token& t = u.tokens[k];
    if (!t.word) continue;
    bag.push_back(t.stem);
    if (t.key < ph.numeric.size() ? ph.numeric[t.key] : starts_with_digit(vocab.text(t.key)))
      bag.push_back(ph.number);
    if (t.key < ph.month.size() && ph.month[t.key]) bag.push_back(ph.date);
  }
  sort_ids(bag);
  return bag;
}

level_input level_of(const units& u, const std::vector<unit>& us,
                     const std::vector<token_range>& ranges, const placeholders& ph,
                     const vocabulary& vocab) {
  level_input in;
  in.fingerprints.reserve(us.size());
  for (std::size_t i = 0; i < us.size(); ++i) {
    in.fingerprints.push_back(us[i].fingerprint);
    in.bags.push_back(bag_of(u, ranges[i], ph, vocab));
  }
  return in;
}

std::vector<float> idf(const level_input& a, const level_input& b, std::size_t vocab_size) {
  std::vector<std::uint32_t> df(vocab_size, 0);
  for (const auto* in : {&a, &b})
    for (std::size_t i = 0; i < in->bags.size(); ++i) {
      const auto bag = in->bags[i];
      if (bag.empty()) continue;
      // (each id once: without a branch, which repeated ids made a coin toss)
      ++df[bag[0]];
      for (std::size_t k = 1; k < bag.size(); ++k) df[bag[k]] += bag[k] != bag[k - 1] ? 1U : 0U;
    }
  return idf_weights(df, a.bags.size() + b.bags.size());
}

std::vector<float> idf_weights(const std::vector<std::uint32_t>& df, std::size_t units) {
  const auto total = static_cast<double>(units);
  std::vector<float> w(df.size(), 0.0f);
  for (std::size_t s = 0; s < df.size(); ++s)
    if (df[s] > 0) w[s] = static_cast<float>(std::log(1.0 + total / df[s]));
  return w;
}

std::string joined(const document& doc, const std::vector<unit>& us,
                   std::span<const std::uint32_t> ids) {
  std::string out;
  for (std::size_t k = 0; k < ids.size(); ++k) {
    if (k > 0) out.push_back(' ');
    out.append(doc.text(us[ids[k]].where));
  }
  return out;
}

}  // namespace accordiff::detail
