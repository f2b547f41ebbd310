// Errors are values: every fallible stage returns result<T>.
#pragma once

#include <string>
#include <tl/expected.hpp>

namespace accordiff {

/// What went wrong, coarsely; the message says it precisely.
enum class errc {
  io,              ///< the file could not be opened or read
  invalid_input,   ///< the bytes are not a document we read (binary, bad UTF-8, …)
  empty,           ///< the document has no text (refused unless allowed)
  invalid_option,  ///< an option is out of range
  store,           ///< the tracking store is not one, is corrupt, newer, busy or failed
  not_found,       ///< a source or version the store does not hold
};

/// One failure: `context` names the file (or option) it concerns, `message` the reason.
struct error {
  errc code = errc::invalid_input;
  std::string message;
  std::string context;
  friend bool operator==(const error&, const error&) = default;
};

template <class T>
using result = tl::expected<T, error>;

[[nodiscard]] inline tl::unexpected<error> fail(errc code, std::string message,
                                                std::string context = {}) {
  return tl::unexpected<error>(error{code, std::move(message), std::move(context)});
}

}  // namespace accordiff
