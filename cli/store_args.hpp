// What the store commands share: opening the store, naming versions (files, or KEY@N of
// a store), file names for reports.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "accordiff/store.hpp"
#include "common.hpp"

namespace accordiff::cli {

/// Opens the store named by --store; `create` only for track.
[[nodiscard]] inline accordiff::result<accordiff::tracking_store> open_store(
    const std::string& path, bool create) {
  if (path.empty())
    return accordiff::fail(accordiff::errc::invalid_option, "is required", "--store");
  accordiff::store_options so;
  so.create = create;
  return accordiff::tracking_store::open(path, so);
}

/// "KEY@N" → (KEY, N); nullopt when `name` is not of that form.
[[nodiscard]] inline std::optional<std::pair<std::string, std::uint32_t>> stored_name(
    const std::string& name) {
  const auto at = name.rfind('@');
  if (at == std::string::npos || at == 0 || at + 1 >= name.size()) return std::nullopt;
  std::uint32_t n = 0;
  for (std::size_t i = at + 1; i < name.size(); ++i) {
    if (name[i] < '0' || name[i] > '9' || n > 100000000) return std::nullopt;
    n = n * 10 + static_cast<std::uint32_t>(name[i] - '0');
  }
  if (n == 0) return std::nullopt;
  return std::pair{name.substr(0, at), n};
}

struct named_document {
  std::string label;
  std::shared_ptr<const accordiff::document> doc;
};

/// Reads the versions named by `names` (files; with a store, KEY@N too), or with a store
/// and a source and no names, every version of the source. The exit status on trouble.
[[nodiscard]] inline std::optional<int> load_versions(const std::string& store_path,
                                                      const std::string& source,
                                                      const std::vector<std::string>& names,
                                                      std::vector<named_document>& out) {
  std::optional<accordiff::tracking_store> st;
  if (!store_path.empty()) {
    auto opened = open_store(store_path, false);
    if (!opened) return trouble(opened.error());
    st.emplace(std::move(*opened));
  } else if (!source.empty()) {
    return trouble("--source", "needs --store");
  }
  if (names.empty() && st && !source.empty()) {
    auto versions = st->history(source);
    if (!versions) return trouble(versions.error());
    for (const auto& v : *versions) {
      auto d = st->version_document(source, v.number);
      if (!d) return trouble(d.error());
      out.push_back({source + "@" + std::to_string(v.number), *d});
    }
    return std::nullopt;
  }
  for (const std::string& name : names) {
    const auto stored = st ? stored_name(name) : std::nullopt;
    if (stored) {
      auto d = st->version_document(stored->first, stored->second);
      if (!d) return trouble(d.error());
      out.push_back({name, *d});
      continue;
    }
    auto d = accordiff::read_file(name);
    if (!d) return trouble(d.error());
    out.push_back({name, std::make_shared<const accordiff::document>(std::move(*d))});
  }
  return std::nullopt;
}

/// A file name for a source key: letters, digits, '.', '-' and '_' kept, anything else '_'.
[[nodiscard]] inline std::string slug(const std::string& key) {
  std::string out;
  for (char c : key) {
    const bool keep = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                      c == '-' || c == '_' || (c == '.' && !out.empty());
    out.push_back(keep ? c : '_');
  }
  return out.empty() ? "_" : out;
}

}  // namespace accordiff::cli
