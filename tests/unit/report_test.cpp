#include "accordiff/report.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <array>
#include <cstdio>
#include <sstream>

#include "report/json_out.hpp"
#include "support.hpp"

namespace accordiff {
namespace {

using testing::run;

// The writer skips plain text sixteen or eight bytes at a time: a quote, backslash or control
// character at any offset of a long string, beside accented letters and other multibyte
// characters, must still be escaped, and the string must read back byte for byte.
TEST(json_out, escapes_every_special_byte_at_every_offset) {
  const std::string plain = "Las partes acordaron — según lo previsto — intensificar el trabajo";
  for (const std::string& special :
       std::vector<std::string>{"\"", "\\", "\n", "\t", "\x1f", std::string(1, '\x01')}) {
    for (std::size_t at = 0; at <= plain.size(); ++at) {
      if (at < plain.size() && (static_cast<unsigned char>(plain[at]) & 0xC0) == 0x80)
        continue;  // inside a character
      const std::string s = plain.substr(0, at) + special + plain.substr(at);
      std::ostringstream out;
      {
        detail::json_out j(out);
        j.str(s);
      }
      EXPECT_EQ(nlohmann::json::parse(out.str()).get<std::string>(), s) << "at " << at;
    }
  }
}

// Numbers: integers as they are; reals (similarities) with three decimals as printf's
// "%.3f" rounds them, trailing zeros dropped ("0.5", "1", "0.062").
TEST(json_out, numbers_are_written_as_printf_would_round_them) {
  auto written = [](auto write) {
    std::ostringstream out;
    {
      detail::json_out j(out);
      write(j);
    }
    return out.str();
  };
  EXPECT_EQ(written([](detail::json_out& j) { j.num(0); }), "0");
  EXPECT_EQ(written([](detail::json_out& j) { j.num(18446744073709551615ULL); }),
            "18446744073709551615");
  EXPECT_EQ(written([](detail::json_out& j) { j.real(0.5); }), "0.5");
  EXPECT_EQ(written([](detail::json_out& j) { j.real(1.0); }), "1");
  EXPECT_EQ(written([](detail::json_out& j) { j.real(0.0625); }), "0.062");
  EXPECT_EQ(written([](detail::json_out& j) { j.real(0.9996); }), "1");
  EXPECT_EQ(written([](detail::json_out& j) { j.real(0.0); }), "0");
  std::uint64_t state = 99;
  for (int k = 0; k < 20000; ++k) {
    state = state * 6364136223846793005ULL + 1442695040888963407ULL;
    const double v = static_cast<double>(state >> 11) / static_cast<double>(1ULL << 53) *
                     (k % 2 == 0 ? 1.0 : 1000.0);
    std::array<char, 64> b{};
    std::snprintf(b.data(), b.size(), "%.3f", v);
    std::string want(b.data());
    while (!want.empty() && want.back() == '0') want.pop_back();
    if (!want.empty() && want.back() == '.') want.pop_back();
    ASSERT_EQ(written([v](detail::json_out& j) { j.real(v); }), want) << v;
  }
}

// A part rendered apart (another core's chunk of a long array) and written through comes
// out as the same bytes as written in place.
TEST(json_out, a_part_written_through_is_the_same_bytes) {
  auto items = [](detail::json_out& j, int from, int to) {
    for (int k = from; k < to; ++k)
      j.raw(k > 0 ? "," : "").str("item \"" + std::to_string(k) + "\"");
  };
  std::ostringstream in_place, through;
  {
    detail::json_out j(in_place);
    j.raw("[");
    items(j, 0, 5000);
    j.raw("]");
  }
  {
    detail::json_out j(through);
    j.raw("[");
    items(j, 0, 10);
    detail::json_out part;
    items(part, 10, 5000);
    j.write_through(part.take());
    j.raw("]");
  }
  EXPECT_GT(in_place.str().size(), std::size_t{1} << 16);  // past one buffer
  EXPECT_EQ(through.str(), in_place.str());
}

// A text the report gives twice is escaped once and its bytes written again, but only
// while they are still in the buffer: once written out, it is escaped anew.
TEST(json_out, repeats_only_what_its_buffer_still_holds) {
  const std::string escaped = "\"se comprometen a \\\"algo\\\"\\n\"";
  const std::string long_text(70000, 'a');  // past one buffer
  std::ostringstream out;
  {
    detail::json_out j(out);
    const std::size_t from = j.position();
    j.str("se comprometen a \"algo\"\n");
    const std::size_t to = j.position();
    EXPECT_EQ(to - from, escaped.size());
    EXPECT_TRUE(j.repeat(from, to));
    EXPECT_EQ(j.position(), to + escaped.size());
    j.str(long_text);
    EXPECT_FALSE(j.repeat(from, to));  // written out: nothing written
    EXPECT_EQ(j.position(), 2 * escaped.size() + long_text.size() + 2);
    const std::size_t again = j.position();
    j.str("y");
    const std::size_t y_to = j.position();
    j.raw(",");
    EXPECT_TRUE(j.repeat(again, y_to));  // written after: still held
  }
  EXPECT_EQ(out.str(), escaped + escaped + "\"" + long_text + "\"" + "\"y\",\"y\"");
}

// A part's buffer starts small and grows as escapes need room (six bytes for one byte):
// a text of control characters comes back whole.
TEST(json_out, a_part_grows_for_escapes) {
  std::string text;
  for (int k = 0; k < 200; ++k) text += (k % 2 == 0 ? '\x01' : 'a');
  detail::json_out part;
  part.str(text);
  const detail::json_out::piece p = part.take();
  EXPECT_EQ(nlohmann::json::parse(p.view()).get<std::string>(), text);
  EXPECT_EQ(p.size(), 100U * 6U + 100U + 2U);
}

// Each side gives its own text, also where the two differ only in white space or case and
// the units are unchanged (the report repeats a text only where the bytes are the same).
TEST(json_report, each_side_gives_its_own_text_when_they_differ_only_in_spacing) {
  const std::string same = "Uno.\n\nLas partes acordaron evaluar el plan.\n";
  const comparison c = run("Las partes acordaron  evaluar el plan nacional.\n\n" + same,
                           "Las Partes acordaron evaluar\nel plan nacional.\n\n" + same);
  const auto j = testing::to_json(c);
  ASSERT_EQ(j["paragraphs"].size(), 3u);
  EXPECT_EQ(j["paragraphs"][0]["kind"], "unchanged");
  EXPECT_EQ(j["paragraphs"][0]["old"][0]["text"],
            "Las partes acordaron  evaluar el plan nacional.");
  EXPECT_EQ(j["paragraphs"][0]["new"][0]["text"],
            "Las Partes acordaron evaluar\nel plan nacional.");
  EXPECT_EQ(j["paragraphs"][2]["old"][0]["text"], "Las partes acordaron evaluar el plan.");
  EXPECT_EQ(j["paragraphs"][2]["new"][0]["text"], "Las partes acordaron evaluar el plan.");
  ASSERT_EQ(j["commitments"].size(), 2u);
  const auto& first = j["commitments"][0];
  EXPECT_EQ(first["old"]["text"], "Las partes acordaron  evaluar el plan nacional");
  EXPECT_EQ(first["new"]["text"], "Las Partes acordaron evaluar\nel plan nacional");
  EXPECT_EQ(first["actors"]["old"], "Las partes");
  EXPECT_EQ(first["actors"]["new"], "Las Partes");
  EXPECT_EQ(first["object"]["old"], "el plan nacional");
  EXPECT_EQ(first["object"]["new"], "el plan nacional");
  EXPECT_EQ(first["verbs"]["new"], nlohmann::json::array({"evaluar"}));
  EXPECT_EQ(j["commitments"][1]["new"]["text"], "Las partes acordaron evaluar el plan");
}

TEST(json_report, follows_the_contract) {
  const comparison c =
      run("Uno.\n\nLas partes acordaron evaluar el plan.\n",
          "Uno.\n\nLas partes acordaron instalar el plan.\n\nNuevo p\xC3\xA1rrafo \"x\".\n");
  const auto j = testing::to_json(c);
  EXPECT_EQ(j["schema"], "accordiff.report/1");
  EXPECT_EQ(j["tool"]["name"], "accordiff");
  EXPECT_EQ(j["old"]["paragraphs"], 2);
  EXPECT_EQ(j["new"]["sentences"], 3);
  EXPECT_EQ(j["old"]["language"], "es");
  EXPECT_EQ(j["old"]["xxh3_128"].get<std::string>().size(), 32u);
  EXPECT_EQ(j["summary"]["reworded"], 1);
  EXPECT_EQ(j["summary"]["added"], 1);
  EXPECT_EQ(j["summary"]["changed"], true);
  EXPECT_EQ(j["options"]["thresholds"]["reword_local"], 0.3);
  ASSERT_EQ(j["sentences"].size(), 3u);
  const auto& g = j["sentences"][1];
  EXPECT_EQ(g["id"], "s2");
  EXPECT_EQ(g["kind"], "reworded");
  EXPECT_EQ(g["old"][0]["text"], "Las partes acordaron evaluar el plan.");
  EXPECT_EQ(g["old"][0]["start"], 6);
  EXPECT_EQ(g["new"][0]["end"], 6 + 38);
  EXPECT_EQ(j["sentences"][2]["new"][0]["text"], "Nuevo p\xC3\xA1rrafo \"x\".");
  EXPECT_TRUE(j["commitments"].is_array());
}

TEST(json_report, is_deterministic) {
  const std::string a = "A b c. D e f.\n\nG h i.\n", b = "G h i.\n\nA b x. D e f.\n";
  std::ostringstream x, y;
  write_json(x, run(a, b));
  write_json(y, run(a, b));
  EXPECT_EQ(x.str(), y.str());
}

// Long lists are rendered in chunks of about the same number of bytes, on both cores, each
// taking the next range and written in order: on a report of thousands of groups and
// commitments, of a few bytes to several kilobytes each, every one is there once, in
// order, with its own text.
TEST(json_report, a_long_report_holds_every_group_once_in_order) {
  std::string a, b;
  for (int k = 0; k < 1500; ++k) {
    std::string p = "Las partes acordaron revisar el punto " + std::to_string(k) + ".";
    if (k % 7 == 0)  // a long paragraph now and then: a chunk of a few items
      for (int r = 0; r < 40; ++r) p += " La frase " + std::to_string(r) + " del anexo.";
    a += p + "\n\n";
    if (k % 11 == 3) p.replace(p.find("revisar"), 7, "ampliar");
    if (k % 13 != 5) b += p + "\n\n";
  }
  const comparison c = run(a, b);
  const auto j = testing::to_json(c);
  for (const char* level : {"paragraphs", "sentences"}) {
    SCOPED_TRACE(level);
    const std::vector<group>& groups = level[0] == 'p' ? c.paragraphs : c.sentences;
    const std::vector<unit>& old_units =
        level[0] == 'p' ? c.old_side.paragraphs : c.old_side.sentences;
    ASSERT_GT(groups.size(), 1000U);
    ASSERT_EQ(j[level].size(), groups.size());
    for (std::size_t k = 0; k < groups.size(); ++k) {
      const auto& g = j[level][k];
      ASSERT_EQ(g["id"], std::string(1, level[0]) + std::to_string(k + 1));
      ASSERT_EQ(g["kind"], to_string(groups[k].k));
      ASSERT_EQ(g["old"].size(), groups[k].old_units.size());
      if (!groups[k].old_units.empty()) {
        ASSERT_EQ(g["old"][0]["text"],
                  c.old_side.doc->text(old_units[groups[k].old_units[0]].where));
      }
    }
  }
  ASSERT_GT(c.commitments.size(), 1000U);
  ASSERT_EQ(j["commitments"].size(), c.commitments.size());
  for (std::size_t k = 0; k < c.commitments.size(); ++k)
    ASSERT_EQ(j["commitments"][k]["kind"], to_string(c.commitments[k].k)) << k;
}

TEST(text_report, summary_and_highlights) {
  const comparison c =
      run("Las partes acordaron evaluar el plan.\n", "Las partes acordaron instalar el plan.\n");
  std::ostringstream out;
  write_text(out, c, {});
  const std::string s = out.str();
  EXPECT_NE(s.find("sentences:  0 unchanged, 0 moved, 1 reworded"), std::string::npos) << s;
  EXPECT_NE(s.find("[-evaluar-]{+instalar+}"), std::string::npos) << s;
  EXPECT_EQ(s.find("\x1b["), std::string::npos);
  std::ostringstream colored;
  write_text(colored, c, {.color = true, .all = false, .context = 0});
  EXPECT_NE(colored.str().find("\x1b[31mevaluar\x1b[0m"), std::string::npos);
}

TEST(text_report, no_change) {
  const comparison c = run("Igual.\n", "Igual.\n");
  std::ostringstream out;
  write_text(out, c, {});
  EXPECT_NE(out.str().find("no change"), std::string::npos);
}

}  // namespace
}  // namespace accordiff
