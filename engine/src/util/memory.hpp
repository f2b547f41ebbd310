// Memory hints (internal).
#pragma once

#include <cstddef>

namespace accordiff::detail {

/// Asks the kernel to back [p, p + bytes) with transparent huge pages where it can: a
/// large array filled once (the tokens of a 50 MB document) then costs a page fault per
/// 2 MiB rather than per 4 KiB. Only a hint; does nothing for small ranges.
void advise_huge_pages(void* p, std::size_t bytes);

/// Gives back to the system the whole pages inside [p, p + bytes), whose bytes are never
/// read again (the array they are in is about to be freed): an array copied into another a
/// piece at a time, each piece's pages given back once copied, is never in memory twice.
/// What is read there afterwards is zeros. Nothing elsewhere than on Linux.
void discard_pages(void* p, std::size_t bytes);

/// Backs the whole pages inside [p, p + bytes) with memory now (Linux's
/// MADV_POPULATE_WRITE; nothing elsewhere, or on a kernel without it), leaving their bytes
/// as they are: run on an idle core, it takes the page faults a block about to be filled on
/// this one would take (2.5 µs each in a VM), without adding to the peak when the block is
/// filled right after.
void populate_pages(void* p, std::size_t bytes);

/// Gives the pages that malloc holds free back to the system (glibc's malloc_trim; nothing
/// elsewhere). glibc keeps what a program frees for its next allocations, but a large block
/// is new pages from the system all the same, and what was freed beside it stays resident:
/// called before such a block (the commitments of a 50 MB pair, 47 MB), it keeps the peak
/// 36 MB lower. It costs a few milliseconds, locks every malloc arena meanwhile, and the
/// pages given back are faulted in again when reused: only where a measured peak comes
/// down.
void release_free_memory();

}  // namespace accordiff::detail
