// Naming versions on the command line: files, or stored versions (KEY@N) of a store.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "common.hpp"

namespace accordiff::cli {

struct named_document {
  std::string label;
  std::shared_ptr<const accordiff::document> doc;
};

/// Reads the versions named by `names` (files; with a store, KEY@N too), or with a store
/// and a source and no names, every version of the source. The exit status on trouble.
[[nodiscard]] inline std::optional<int> load_versions(const std::string& store_path,
                                                      const std::string& source,
                                                      const std::vector<std::string>& names,
                                                      const accordiff::compare_options& co,
                                                      std::vector<named_document>& out) {
  (void)co;
  if (!store_path.empty() || !source.empty()) return trouble("--store", "not supported yet");
  for (const std::string& name : names) {
    auto d = accordiff::read_file(name);
    if (!d) return trouble(d.error());
    out.push_back({name, std::make_shared<const accordiff::document>(std::move(*d))});
  }
  return std::nullopt;
}

}  // namespace accordiff::cli
