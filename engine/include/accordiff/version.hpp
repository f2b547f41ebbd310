#pragma once

namespace accordiff {
/// The version of the engine, as in the report's "tool" object.
inline constexpr const char* version = "0.1.0";
}  // namespace accordiff
