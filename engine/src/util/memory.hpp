// Memory hints (internal).
#pragma once

#include <cstddef>

namespace accordiff::detail {

/// Asks the kernel to back [p, p + bytes) with transparent huge pages where it can: a
/// large array filled once (the tokens of a 50 MB document) then costs a page fault per
/// 2 MiB rather than per 4 KiB. Only a hint; does nothing for small ranges.
void advise_huge_pages(void* p, std::size_t bytes);

}  // namespace accordiff::detail
