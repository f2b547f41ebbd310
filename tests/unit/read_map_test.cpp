// Inputs read as mappings (read_options::map_file) and the command line's error for a
// mapped file that shrinks while it is read.
#include <gtest/gtest.h>
#include <signal.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "accordiff/compare.hpp"
#include "accordiff/read.hpp"
#include "accordiff/report.hpp"
#include "mapped_inputs.hpp"

namespace accordiff {
namespace {

namespace fs = std::filesystem;

// A file of the test's own, removed with it.
struct temp_file {
  fs::path path;
  explicit temp_file(const std::string& name, const std::string& bytes)
      : path(fs::temp_directory_path() /
             ("accordiff_map_" + std::to_string(::getpid()) + "_" + name)) {
    std::ofstream(path, std::ios::binary) << bytes;
  }
  temp_file(const temp_file&) = delete;
  temp_file& operator=(const temp_file&) = delete;
  ~temp_file() {
    std::error_code ec;
    fs::remove(path, ec);
  }
};

std::size_t page_size() { return static_cast<std::size_t>(::sysconf(_SC_PAGESIZE)); }

// Prose of about `n` bytes, in paragraphs, that is not a whole number of pages.
std::string prose(std::size_t n) {
  std::string s;
  for (int k = 0; s.size() < n; ++k)
    s += "Ambos gobiernos acordaron revisar el plan número " + std::to_string(k) +
         " en la reunión de diciembre.\n\n";
  if (s.size() % page_size() == 0) s += "Fin.\n";
  return s;
}

TEST(read_map, a_mapped_file_reads_as_the_same_document_as_a_copied_one) {
  const std::string page(page_size(), 'x');
  struct input {
    std::string name, bytes;
    bool mapped;  // UTF-8 text and Markdown stay a mapping; the others are decoded copies
  };
  const std::vector<input> inputs = {
      {"plain.txt", prose(20000), true},
      {"bom-crlf.txt", "\xEF\xBB\xBFPrimero.\r\nSigue.\r\n\r\nSegundo.\r\n", true},
      {"notes.md", "# T\xC3\xADtulo\n\n- uno\n- dos\n\nTexto con **negrita**.\n", true},
      {"latin1.txt", "Acci\xF3n conjunta.\n\nSegunda l\xEDnea.\n", false},
      {"utf16.txt", std::string("\xFF\xFEH\0o\0l\0a\0.\0", 12), false},
      {"page.html", "<html><body><p>Uno.</p><p>Dos.</p></body></html>", false},
      // a whole number of pages: read, not mapped (no readable byte after the last)
      {"pages.txt", page.substr(0, page.size() - 3) + "\n\nZ", false},
  };
  for (const input& in : inputs) {
    SCOPED_TRACE(in.name);
    const temp_file f(in.name, in.bytes);
    auto copied = read_file(f.path.string());
    read_options o;
    o.map_file = true;
    auto mapped = read_file(f.path.string(), o);
    ASSERT_TRUE(copied) << copied.error().message;
    ASSERT_TRUE(mapped) << mapped.error().message;
    EXPECT_EQ(mapped->bytes.mapped(), in.mapped);
    EXPECT_FALSE(copied->bytes.mapped());
    EXPECT_TRUE(*mapped == *copied);
    EXPECT_EQ(mapped->input_xxh3_128, copied->input_xxh3_128);
    // as after a std::string's last byte, a NUL
    EXPECT_EQ(mapped->bytes.data()[mapped->bytes.size()], '\0');
  }
}

TEST(read_map, what_is_not_a_regular_file_with_bytes_is_read_as_before) {
  const temp_file empty("empty.txt", "");
  read_options o;
  o.map_file = true;
  o.allow_empty = true;
  auto e = read_file(empty.path.string(), o);
  ASSERT_TRUE(e);
  EXPECT_FALSE(e->bytes.mapped());
  EXPECT_TRUE(e->blocks.empty());
  auto dev = read_file("/dev/null", o);  // (a device: read, not mapped)
  ASSERT_TRUE(dev);
  EXPECT_FALSE(dev->bytes.mapped());
  // UTF-8 forced is the file as it is: still the mapping
  const temp_file forced("forced.txt", "Acci\xC3\xB3n.\n");
  o.encoding = "utf-8";
  auto f = read_file(forced.path.string(), o);
  ASSERT_TRUE(f);
  EXPECT_TRUE(f->bytes.mapped());
  EXPECT_EQ(f->bytes, "Acci\xC3\xB3n.\n");
}

TEST(read_map, a_comparison_of_mapped_files_is_the_comparison_of_copies) {
  std::string old_text = prose(60000), new_text = old_text;
  new_text.replace(new_text.find("revisar el plan número 7 "), 24, "intensificar el plan 7");
  new_text += "Nuevo compromiso: combatir el robo de combustible.\n";
  const temp_file a("old.txt", old_text), b("new.txt", new_text);
  auto report = [&](bool map) {
    read_options o;
    o.map_file = map;
    auto x = read_file(a.path.string(), o);
    auto y = read_file(b.path.string(), o);
    EXPECT_TRUE(x && y);
    EXPECT_EQ(x->bytes.mapped(), map);
    auto c = compare(std::make_shared<const document>(std::move(*x)),
                     std::make_shared<const document>(std::move(*y)));
    EXPECT_TRUE(c);
    std::ostringstream out;
    write_json(out, *c);
    return out.str();
  };
  const std::string mapped = report(true);
  EXPECT_NE(mapped.find("intensificar el plan 7"), std::string::npos);
  EXPECT_EQ(mapped, report(false));
}

TEST(read_map, owning_the_bytes_copies_a_mapping) {
  const temp_file f("own.txt", "Uno.\n\nDos.\n");
  auto d = read_file(f.path.string(), {.map_file = true});
  ASSERT_TRUE(d);
  ASSERT_TRUE(d->bytes.mapped());
  const document before = *d;  // (copies share the mapping)
  EXPECT_TRUE(before.bytes.mapped());
  d->bytes.own().append("Tres.\n");
  EXPECT_FALSE(d->bytes.mapped());
  EXPECT_EQ(d->bytes.view(), "Uno.\n\nDos.\nTres.\n");
  EXPECT_EQ(before.bytes.view(), "Uno.\n\nDos.\n");
}

// The command line's watch: the file mapped and its state then, told by read_file().
TEST(read_map, the_watch_tells_an_input_rewritten_since_it_was_mapped) {
  const temp_file f("rewritten.txt", "Uno.\n\nDos.\n");
  cli::input_watch watch;
  read_options o;
  o.map_file = true;
  o.on_map = watch.on_map(1);
  auto d = read_file(f.path.string(), o);
  ASSERT_TRUE(d);
  EXPECT_EQ(watch.changed(), "");
  // the same size, another text, a later modification time
  fs::last_write_time(f.path, fs::last_write_time(f.path) + std::chrono::seconds(2));
  EXPECT_EQ(watch.changed(), f.path.string());
  // an input read, not mapped (standard input, a pipe), is not watched
  cli::input_watch other;
  o.on_map = other.on_map(0);
  o.map_file = false;
  ASSERT_TRUE(read_file(f.path.string(), o));
  EXPECT_EQ(other.changed(), "");
}

// The command line's handler: a mapped input cut short while it is read is the one-line
// error naming it, exit status 2, and the report being written is removed.
TEST(read_map_DeathTest, a_file_that_shrinks_while_mapped_is_an_error_naming_it) {
  const temp_file f("shrinks.txt", prose(3 * page_size() + 100));
  const temp_file partial(".report.json.tmp-test", "{\"half\":");
  EXPECT_EXIT(
      {
        cli::handle_shrinking_inputs();
        cli::input_watch watch;
        read_options o;
        o.map_file = true;
        o.on_map = watch.on_map(1);
        auto d = read_file(f.path.string(), o);
        if (!d || !d->bytes.mapped()) std::exit(3);
        cli::mapped_detail::partial_output.store(partial.path.c_str());
        fs::resize_file(f.path, 0);
        volatile char last = d->bytes[d->bytes.size() - 1];  // a page past the new end
        (void)last;
        std::exit(0);
      },
      ::testing::ExitedWithCode(2),
      "^accordiff: " + f.path.string() + ": the file shrank while it was being read");
  EXPECT_FALSE(fs::exists(partial.path));
}

// A SIGBUS that is no watched input's is left to its default action: sent by another
// process, or the fault of another mapping.
TEST(read_map_DeathTest, another_bus_error_is_left_as_it_was) {
  EXPECT_EXIT(
      {
        cli::handle_shrinking_inputs();
        ::kill(::getpid(), SIGBUS);
        std::exit(0);
      },
      ::testing::KilledBySignal(SIGBUS), "");
  const temp_file f("unwatched.txt", prose(3 * page_size() + 100));
  EXPECT_EXIT(
      {
        cli::handle_shrinking_inputs();
        auto d = read_file(f.path.string(), {.map_file = true});  // (no watch)
        if (!d || !d->bytes.mapped()) std::exit(3);
        fs::resize_file(f.path, 0);
        volatile char last = d->bytes[d->bytes.size() - 1];
        (void)last;
        std::exit(0);
      },
      ::testing::KilledBySignal(SIGBUS), "");
}

}  // namespace
}  // namespace accordiff
