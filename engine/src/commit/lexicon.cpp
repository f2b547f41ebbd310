#include "commit/lexicon.hpp"

#include <algorithm>
#include <mutex>
#include <sstream>

#include "commit/lexicon_data.hpp"

namespace accordiff::detail {

bool word_matches(std::string_view pat, std::string_view word) {
  // (most pattern words are plain words: those first)
  if (pat.empty() || (pat.front() != '*' && pat.back() != '*')) return pat == word;
  if (pat == "*") return !word.empty();
  if (pat.size() > 1 && pat.back() == '*')
    return word.substr(0, pat.size() - 1) == pat.substr(0, pat.size() - 1);
  if (pat.size() > 1 && pat.front() == '*')
    return word.size() >= pat.size() - 1 &&
           word.substr(word.size() - (pat.size() - 1)) == pat.substr(1);
  return pat == word;
}

void phrase_set::add(phrase p) {
  const std::size_t k = all_.size();
  const bool pattern = p.empty() || p[0].find('*') != std::string::npos;
  all_.push_back(std::move(p));
  auto longer = [&](std::size_t x, std::size_t y) { return all_[x].size() > all_[y].size(); };
  const std::string first = all_[k].empty() ? "" : all_[k][0];
  if (!pattern) filter_[filter_bit(first)] = true;
  std::vector<std::size_t>& list = pattern ? patterns_ : exact_[first];
  list.insert(std::upper_bound(list.begin(), list.end(), k, longer), k);
}

bool phrase_set::may_start_with(std::string_view word) const {
  if (may_start(word) && exact_.find(word) != exact_.end()) return true;
  return std::any_of(patterns_.begin(), patterns_.end(), [&](std::size_t k) {
    return !all_[k].empty() && word_matches(all_[k][0], word);
  });
}

namespace {

std::string trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r'))
    s.remove_suffix(1);
  return std::string(s);
}

phrase words_of(std::string_view s) {
  phrase out;
  std::istringstream in{std::string(s)};
  for (std::string w; in >> w;) out.push_back(w);
  return out;
}

}  // namespace

lexicon parse_lexicon(std::string_view language, std::string_view text) {
  lexicon lx;
  lx.language = std::string(language);
  std::string section;
  std::size_t pos = 0;
  while (pos <= text.size()) {
    std::size_t nl = text.find('\n', pos);
    if (nl == std::string_view::npos) nl = text.size();
    std::string line = trim(text.substr(pos, nl - pos));
    pos = nl + 1;
    if (line.empty() || line[0] == '#') continue;
    if (line.front() == '[' && line.back() == ']') {
      section = line.substr(1, line.size() - 2);
      continue;
    }
    std::string key = line, value;
    if (const auto eq = line.find(" = "); eq != std::string::npos) {
      key = trim(line.substr(0, eq));
      value = trim(line.substr(eq + 3));
    }
    if (section == "commit")
      lx.commit.add(words_of(key));
    else if (section == "not-commit")
      lx.not_commit.add(words_of(key));
    else if (section == "skip")
      lx.skip.add(words_of(key));
    else if (section == "join")
      lx.join.add(words_of(key));
    else if (section == "future") {
      lx.future.push_back(key);
      // the bytes a matching word ends with: the pattern's own after a leading "*", the
      // whole word's without one; unknown after a trailing "*" or when fewer than three
      const std::string_view tail =
          !key.empty() && key.front() == '*' ? std::string_view(key).substr(1) : key;
      if (tail.size() < 3 || tail.find('*') != std::string_view::npos)
        lx.future_any = true;
      else
        lx.future_tail[lexicon::tail_bit(static_cast<unsigned char>(tail[tail.size() - 3]),
                                         static_cast<unsigned char>(tail[tail.size() - 2]),
                                         static_cast<unsigned char>(tail.back()))] = true;
    } else if (section == "future-not")
      lx.future_not.push_back(key);
    else if (section == "period")
      lx.period.push_back(key);
    else if (section == "place-before")
      lx.place_before.push_back(key);
    else if (section == "lemma")
      lx.lemma[key] = value;
    else if (section == "strength")
      lx.strength[key] = std::stoi(value);
    else if (section == "month")
      lx.month[key] = std::stoi(value);
    else if (section == "number")
      lx.number[key] = std::stoll(value);
  }
  for (const auto& [form, lemma] : lx.lemma) {
    if (form.find(' ') == std::string::npos) continue;
    phrase p;
    for (std::size_t s = 0, e; s < form.size(); s = e + 1) {
      e = form.find(' ', s);
      if (e == std::string::npos) e = form.size();
      p.push_back(form.substr(s, e - s));
    }
    lx.lemma_phrases.emplace_back(std::move(p), lemma);
  }
  lx.month_keys.assign(lexicon::kKeyBits, false);
  for (const auto& entry : lx.month) lx.month_keys[lexicon::key_bit(entry.first)] = true;
  lx.number_keys.assign(lexicon::kKeyBits, false);
  for (const auto& entry : lx.number) lx.number_keys[lexicon::key_bit(entry.first)] = true;
  return lx;
}

const lexicon& lexicon_for(std::string_view language) {
  static std::mutex m;
  static std::map<std::string, lexicon, std::less<>> cache;
  std::lock_guard lock(m);
  if (auto it = cache.find(language); it != cache.end()) return it->second;
  std::string_view text;
  for (const auto& [code, data] : embedded_lexicons)
    if (code == language) text = data;
  return cache.emplace(std::string(language), parse_lexicon(language, text)).first->second;
}

}  // namespace accordiff::detail
