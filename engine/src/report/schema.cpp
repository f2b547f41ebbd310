// The JSON Schema of the report, embedded at build time from docs/report.schema.json.
#include "accordiff/report.hpp"
#include "report/assets.hpp"

namespace accordiff {

std::string_view report_schema() { return detail::assets::report_schema; }

}  // namespace accordiff
