// Commitments: finding them, their actions and values, and following them across releases.
#include "commit/commit.hpp"
#include "commit/track.hpp"

#include <gtest/gtest.h>
#include <unicode/unistr.h>

#include <map>
#include <set>

#include "segment/segment.hpp"
#include "support.hpp"

namespace accordiff {
namespace {

using detail::lexicon_for;

struct found {
  std::string actors, action, object;
  friend bool operator==(const found&, const found&) = default;
};
std::ostream& operator<<(std::ostream& os, const found& f) {
  return os << "{" << f.actors << " | " << f.action << " | " << f.object << "}";
}

std::vector<found> commitments_in(const std::string& lang, const std::string& text) {
  std::vector<found> out;
  for (const commitment_side& c : detail::find_commitments(
           text, {0, static_cast<std::uint32_t>(text.size())}, 0, lexicon_for(lang)))
    out.push_back({detail::flat_text(text, c.actors), c.action, detail::flat_text(text, c.object)});
  return out;
}

struct detect_case {
  std::string lang, text;
  std::vector<found> expected;
};
std::ostream& operator<<(std::ostream& os, const detect_case& c) { return os << c.text; }

class detection : public ::testing::TestWithParam<detect_case> {};

TEST_P(detection, finds_commitments_with_actor_action_and_object) {
  EXPECT_EQ(commitments_in(GetParam().lang, GetParam().text), GetParam().expected);
}

INSTANTIATE_TEST_SUITE_P(
    languages, detection,
    ::testing::Values(
        // coordinated actions are separate commitments; joined verbs are one action
        detect_case{
            "es",
            "En este contexto, México y Estados Unidos acordaron intensificar y acelerar el "
            "intercambio de información, además de dar continuidad a las acciones conjuntas.",
            {{"México y Estados Unidos", "intensificar", "el intercambio de información"},
             {"México y Estados Unidos", "continuar", "a las acciones conjuntas"}}},
        detect_case{"es",
                    "Ambas partes plantearon reforzar la cooperación en extradiciones.",
                    {{"Ambas partes", "reforzar", "la cooperación en extradiciones"}}},
        detect_case{"es",
                    "Se comprometieron, asimismo, a mantener los operativos.",
                    {{"", "mantener", "los operativos"}}},
        detect_case{"es",
                    "La próxima reunión se realizará en enero de 2026.",
                    {{"La próxima reunión", "realizar", "en enero de 2026"}}},
        detect_case{"es",
                    "Las partes convinieron en crear un equipo para detectar y neutralizar drones.",
                    {{"Las partes", "crear", "un equipo para detectar y neutralizar drones"}}},
        // statements of fact and principle are not commitments
        detect_case{"es", "Coincidieron en que la cooperación debe basarse en la confianza.", {}},
        detect_case{"es", "La delegación estuvo encabezada por el subsecretario.", {}},
        detect_case{"es", "El programa acordado por ambos países sigue vigente.", {}},
        detect_case{"en",
                    "The delegations agreed to share customs data and to train 350 agents.",
                    {{"The delegations", "share", "customs data"},
                     {"The delegations", "train", "350 agents"}}},
        detect_case{"en",
                    "Both governments committed to strengthening border controls.",
                    {{"Both governments", "strengthen", "border controls"}}},
        detect_case{"en",
                    "The next meeting will be held in Washington.",
                    {{"The next meeting", "held", "in Washington"}}},
        detect_case{"en", "Both delegations agreed that cooperation must respect sovereignty.", {}},
        detect_case{"en", "As agreed in 2024, the office opened in March.", {}},
        detect_case{"en", "It will be recalled that the office opened in 2024.", {}}));

std::vector<typed_change> entity_diff(const std::string& lang, const std::string& a,
                                      const std::string& b) {
  const auto& lx = lexicon_for(lang);
  const auto ea =
      detail::find_entities(a, detail::words_of(a, {0, static_cast<std::uint32_t>(a.size())}), lx);
  const auto eb =
      detail::find_entities(b, detail::words_of(b, {0, static_cast<std::uint32_t>(b.size())}), lx);
  return detail::diff_entities(ea, eb);
}

// The report's "verbs": the action first, then the verbs coordinated with it.
TEST(verbs, are_the_action_then_the_verbs_joined_to_it) {
  const std::string text =
      "Ambos gobiernos acordaron intensificar y acelerar el intercambio de datos y "
      "evaluar los resultados.";
  const auto found = detail::find_commitments(text, {0, static_cast<std::uint32_t>(text.size())}, 0,
                                              lexicon_for("es"));
  ASSERT_EQ(found.size(), 2u);
  EXPECT_EQ(found[0].verbs(), (std::vector<std::string>{"intensificar", "acelerar"}));
  EXPECT_EQ(found[0].joined, std::vector<std::string>{"acelerar"});
  EXPECT_EQ(found[1].verbs(), std::vector<std::string>{"evaluar"});
  EXPECT_TRUE(found[1].joined.empty());  // one verb: nothing beside the action
  EXPECT_TRUE(commitment_side{}.verbs().empty());
}

// A commitment keeps where its actors and object are; the report gives their text with
// each run of white space (a line wrap too) as one space.
TEST(clause_text, is_the_words_where_they_are_with_white_space_as_one_space) {
  document d;
  d.bytes = "Ambos  gobiernos\n se comprometieron a reforzar\t\tla cooperación.";
  const std::vector<commitment_side> cs = detail::find_commitments(
      d.bytes, {0, static_cast<std::uint32_t>(d.bytes.size())}, 0, lexicon_for("es"));
  ASSERT_EQ(cs.size(), 1U);
  EXPECT_EQ(d.text(cs[0].actors), "Ambos  gobiernos");
  EXPECT_EQ(clause_text(d, cs[0].actors), "Ambos gobiernos");
  EXPECT_EQ(clause_text(d, cs[0].object), "la cooperación");
  EXPECT_EQ(clause_text(d, {}), "");
  // a span the document does not hold (another document's) gives nothing, not a crash
  EXPECT_EQ(clause_text(d, {10, 500}), "");
}

// Most clauses are flat already and are taken as they are; the others are made so: the
// same text either way, whatever the length and wherever the white space is (the check
// reads sixteen bytes at a time).
TEST(clause_text, is_the_same_whether_taken_as_it_is_or_made_flat) {
  auto expected = [](std::string_view raw) {  // the words, one space between each two
    std::string out, w;
    for (const char c : std::string(raw) + " ") {
      if (c == ' ' || c == '\n' || c == '\r' || c == '\t') {
        if (!w.empty()) out += (out.empty() ? "" : " ") + w;
        w.clear();
      } else {
        w += c;
      }
    }
    return out;
  };
  const std::string pieces[] = {"a", "é", " ", " ", "\n", "\t", "\r", "\x01", "x"};
  std::uint32_t state = 12345;
  for (int round = 0; round < 4000; ++round) {
    std::string raw;
    const std::uint32_t n = round % 60;
    for (std::uint32_t k = 0; k < n; ++k) {
      state = state * 1103515245U + 12345U;
      // mostly letters and single spaces, as text is; now and then the rest
      const std::uint32_t pick = (state >> 16) % 40;
      raw += pick < 30 ? pieces[pick % 3] : pieces[pick % 9];
    }
    document d;
    d.bytes = "<" + raw + ">";
    SCOPED_TRACE(raw);
    const span s{1, static_cast<std::uint32_t>(raw.size() + 1)};
    EXPECT_EQ(clause_text(d, s), expected(raw));
    // the view the JSON report writes: of the bytes themselves when they are flat already
    std::string scratch = "left from before";
    const std::string_view v = detail::flat_view(d.bytes, s, scratch);
    EXPECT_EQ(v, expected(raw));
    const bool flat =
        !raw.empty() && raw.front() != ' ' && raw.back() != ' ' &&
        raw.find("  ") == std::string::npos &&
        std::none_of(raw.begin(), raw.end(), [](char c) { return c >= 0 && c <= 0x1F; });
    EXPECT_EQ(v.data() == d.bytes.data() + 1, flat);
  }
}

TEST(typed_changes, date_number_place) {
  EXPECT_EQ(
      entity_diff("es", "La reunión será en enero de 2026.", "La reunión será en marzo de 2026."),
      (std::vector<typed_change>{{"date", "enero de 2026", "marzo de 2026"}}));
  EXPECT_EQ(
      entity_diff("es", "en el segundo semestre de 2025", "en el primer semestre de 2026"),
      (std::vector<typed_change>{{"date", "segundo semestre de 2025", "primer semestre de 2026"}}));
  EXPECT_EQ(entity_diff("en", "by October 2025", "by September 2026"),
            (std::vector<typed_change>{{"date", "October 2025", "September 2026"}}));
  EXPECT_EQ(entity_diff("es", "capacitará a 200 agentes", "capacitará a 350 agentes"),
            (std::vector<typed_change>{{"number", "200", "350"}}));
  EXPECT_EQ(entity_diff("en", "within 24 hours", "within 12 hours"),
            (std::vector<typed_change>{{"number", "24 hours", "12 hours"}}));
  EXPECT_EQ(
      entity_diff("es", "se reunieron en McAllen, Texas", "se reunieron en la Ciudad de México"),
      (std::vector<typed_change>{{"place", "McAllen", "Ciudad de México"}}));
  EXPECT_EQ(entity_diff("en", "They may meet in May.", "They may meet in June."),
            (std::vector<typed_change>{{"date", "May", "June"}}));
  EXPECT_TRUE(entity_diff("es", "el 1.º de mayo de 2025", "el 1.º de mayo de 2025").empty());
}

comparison run_lang(const std::string& a, const std::string& b) { return testing::run(a, b); }

const commitment* only_changed(const comparison& c) {
  const commitment* found = nullptr;
  for (const commitment& m : c.commitments)
    if (m.k != kind::unchanged) {
      EXPECT_EQ(found, nullptr) << "more than one changed commitment";
      found = &m;
    }
  return found;
}

TEST(track, strengthened_commitment_with_action_and_date) {
  const comparison c = run_lang(
      "Los gobiernos se reunieron en McAllen.\n\nAmbos gobiernos convinieron en evaluar la "
      "instalación de "
      "equipos de inspección en los cruces.\n",
      "Los gobiernos se reunieron en McAllen.\n\nAmbos gobiernos convinieron en instalar en el "
      "primer "
      "semestre de 2026 equipos de inspección en los cruces.\n");
  const commitment* m = only_changed(c);
  ASSERT_NE(m, nullptr);
  EXPECT_EQ(m->k, kind::reworded);
  EXPECT_EQ(m->direction, strength::strengthened);
  EXPECT_EQ(m->old_side->action, "evaluar");
  EXPECT_EQ(m->new_side->action, "instalar");
  EXPECT_NE(std::find(m->changes.begin(), m->changes.end(),
                      typed_change{"action", "evaluar", "instalar"}),
            m->changes.end());
  EXPECT_NE(std::find(m->changes.begin(), m->changes.end(),
                      typed_change{"date", "", "primer semestre de 2026"}),
            m->changes.end());
  EXPECT_TRUE(c.commitments_changed());
  EXPECT_TRUE(c.substantive());
}

// Past a thousand commitments two threads make them, each its part: every mention of either
// side is still in exactly one commitment, each commitment is what happened to it, and all
// come in the report's order (a dropped one where its old sentence's group stands).
TEST(track, thousands_of_commitments_each_once_in_the_order_of_the_new_document) {
  std::string a, b;
  std::size_t dropped = 0, reworded = 0, added = 0, unchanged = 0;
  for (int k = 0; k < 1500; ++k) {
    const std::string n = std::to_string(k);
    a += "El comit\xC3\xA9 " + n + " acord\xC3\xB3 revisar el expediente " + n +
         " antes de marzo.\n\n";
    if (k % 7 == 3) {
      ++dropped;
    } else if (k % 5 == 0) {
      b += "El comit\xC3\xA9 " + n + " acord\xC3\xB3 ampliar el expediente " + n +
           " antes de marzo.\n\n";
      ++reworded;
    } else {
      b += "El comit\xC3\xA9 " + n + " acord\xC3\xB3 revisar el expediente " + n +
           " antes de marzo.\n\n";
      ++unchanged;
    }
    if (k % 11 == 0 && (k % 7 < 2 || k % 7 > 4)) {  // (not beside a dropped one: no pair)
      b += "La oficina " + n + " acord\xC3\xB3 publicar el informe " + n + " en abril.\n\n";
      ++added;
    }
  }
  const comparison c = run_lang(a, b);
  ASSERT_EQ(c.commitments.size(), dropped + reworded + added + unchanged);
  // the report's order: by the sentence group of the new side (of the old side for a
  // dropped one), then by where that side starts
  std::map<std::uint32_t, std::size_t> group_old, group_new;
  for (std::size_t g = 0; g < c.sentences.size(); ++g) {
    for (std::uint32_t i : c.sentences[g].old_units) group_old[i] = g;
    for (std::uint32_t j : c.sentences[g].new_units) group_new[j] = g;
  }
  std::pair<std::size_t, std::uint32_t> last{0, 0};
  for (const commitment& m : c.commitments) {
    const std::pair<std::size_t, std::uint32_t> key =
        m.new_side ? std::pair{group_new.at(m.new_side->sentence), m.new_side->where.start}
                   : std::pair{group_old.at(m.old_side->sentence), m.old_side->where.start};
    EXPECT_LE(last, key);
    last = key;
  }
  std::map<kind, std::size_t> kinds;
  std::set<std::uint32_t> old_seen, new_seen;
  std::int64_t last_new = -1;
  for (const commitment& m : c.commitments) {
    ++kinds[m.k];
    if (m.old_side) {
      EXPECT_TRUE(old_seen.insert(m.old_side->where.start).second);
    }
    if (m.new_side) {
      EXPECT_TRUE(new_seen.insert(m.new_side->where.start).second);
      EXPECT_GT(m.new_side->where.start, last_new);  // in the new document's order
      last_new = m.new_side->where.start;
    }
    if (m.k == kind::reworded) {
      EXPECT_EQ(m.old_side->action, "revisar");
      EXPECT_EQ(m.new_side->action, "ampliar");
    }
    if (m.k == kind::added) {
      EXPECT_EQ(m.new_side->action, "publicar");
    }
    if (m.k == kind::dropped) {  // the committee's number: one the new release left out
      const std::string t(c.old_side.doc->text(m.old_side->where));
      EXPECT_EQ(std::stoi(t.substr(t.find_first_of("0123456789"))) % 7, 3) << t;
    }
  }
  EXPECT_EQ(kinds[kind::dropped], dropped);
  EXPECT_EQ(kinds[kind::reworded], reworded);
  EXPECT_EQ(kinds[kind::added], added);
  EXPECT_EQ(kinds[kind::unchanged], unchanged);
  EXPECT_EQ(old_seen.size(), 1500U);
  EXPECT_EQ(new_seen.size(), reworded + added + unchanged);
}

TEST(track, weakened_commitment) {
  const comparison c =
      run_lang("The parties will establish a joint analysis centre in Monterrey.\n",
               "The parties will explore establishing a joint analysis centre in Monterrey.\n");
  const commitment* m = only_changed(c);
  ASSERT_NE(m, nullptr);
  EXPECT_EQ(m->direction, strength::weakened);
}

TEST(track, added_dropped_and_unchanged) {
  const comparison c = run_lang(
      "The delegations agreed to share customs data every week.\n\nThey also agreed to create a "
      "weapons "
      "registry.\n",
      "The delegations agreed to share customs data every week.\n\nThe delegations agreed to set "
      "up a team "
      "to detect drones used by criminal groups.\n");
  std::vector<std::string> kinds;
  for (const commitment& m : c.commitments) kinds.emplace_back(to_string(m.k));
  std::sort(kinds.begin(), kinds.end());
  EXPECT_EQ(kinds, (std::vector<std::string>{"added", "dropped", "unchanged"}));
}

// Two sentences merged into one that holds one commitment: the second commitment is not
// dropped, it joins the one of the merged sentence (and the same, read the other way, for a
// split: the new one is not added).
TEST(track, commitment_of_a_merged_or_split_sentence_joins_the_one_it_became) {
  const std::string two =
      "The delegations reviewed the figures of the quarter.\n\nThe parties agreed to double the "
      "number of inspectors at the crossings. They will also publish a joint report on seizures "
      "before the end of the year.\n\nThe next meeting will take place in January.\n";
  const std::string one =
      "The delegations reviewed the figures of the quarter.\n\nThe parties agreed to double the "
      "number of inspectors at the crossings and a joint report on seizures before the end of the "
      "year.\n\nThe next meeting will take place in January.\n";
  for (const bool merge : {true, false}) {
    SCOPED_TRACE(merge ? "merge" : "split");
    const comparison c = merge ? run_lang(two, one) : run_lang(one, two);
    ASSERT_EQ(c.sentences.size(), 3U);
    ASSERT_EQ(c.sentences[1].k, merge ? kind::merged : kind::split);
    std::vector<std::string> kinds;
    std::vector<std::string> one_side;  // the side of the single sentence
    for (const commitment& m : c.commitments) {
      kinds.emplace_back(to_string(m.k));
      const auto& single = merge ? m.new_side : m.old_side;
      if (m.k == kind::reworded && single)
        one_side.push_back(clause_text(merge ? *c.new_side.doc : *c.old_side.doc, single->where));
    }
    EXPECT_EQ(kinds, (std::vector<std::string>{"reworded", "reworded", "unchanged"}));
    ASSERT_EQ(one_side.size(), 2U);
    EXPECT_EQ(one_side[0], one_side[1]);
    EXPECT_NE(one_side[0].find("joint report"), std::string::npos);
  }
}

TEST(track, moved_commitment_is_unchanged) {
  const std::string a =
      "Intro text here.\n\nThe parties agreed to publish monthly reports.\n\nClosing words.\n";
  const std::string b =
      "The parties agreed to publish monthly reports.\n\nIntro text here.\n\nClosing words.\n";
  const comparison c = run_lang(a, b);
  ASSERT_EQ(c.commitments.size(), 1u);
  EXPECT_EQ(c.commitments[0].k, kind::unchanged);
  EXPECT_FALSE(c.commitments_changed());
}

TEST(typed_changes, mark_non_commitment_sentences) {
  const comparison c =
      run_lang("La próxima reunión del grupo tendrá lugar en enero en Monterrey.\n",
               "La próxima reunión del grupo tendrá lugar en marzo en Saltillo.\n");
  ASSERT_EQ(c.sentences.size(), 1u);
  EXPECT_EQ(
      c.sentences[0].changes,
      (std::vector<typed_change>{{"date", "enero", "marzo"}, {"place", "Monterrey", "Saltillo"}}));
  EXPECT_TRUE(c.substantive());
}

TEST(typed_changes, cosmetic_rewording_is_not_substantive) {
  const comparison c =
      run_lang("Los delegados revisaron con atención el informe anual del grupo.\n",
               "Los delegados revisaron con cuidado el informe anual del grupo.\n");
  EXPECT_TRUE(c.changed());
  EXPECT_FALSE(c.substantive());
}

TEST(track, lead_in_list_items_are_commitments) {
  const comparison c = run_lang(
      "Los gobiernos se comprometen a:\n\n- reforzar la cooperación en extradiciones;\n- crear un "
      "equipo "
      "técnico binacional.\n\nLa reunión terminó al mediodía.\n",
      "Los gobiernos se comprometen a:\n\n- reforzar la cooperación en extradiciones;\n- crear un "
      "equipo "
      "técnico binacional;\n- investigar el robo de combustibles.\n\nLa reunión terminó al "
      "mediodía.\n");
  std::vector<std::string> got;
  for (const commitment& m : c.commitments)
    got.push_back(std::string(to_string(m.k)) + " " +
                  (m.new_side ? m.new_side->action : m.old_side->action) + " " +
                  (m.new_side ? clause_text(*c.new_side.doc, m.new_side->actors) : ""));
  EXPECT_EQ(got, (std::vector<std::string>{"unchanged reforzar Los gobiernos",
                                           "reworded crear Los gobiernos",
                                           "added investigar Los gobiernos"}));
}

// A document's mentions keep their verbs in a table of the list's own: every side comes
// back as it went in, through a join of two lists (two tables) and copies into a third.
TEST(mention_list, gives_back_each_side_as_it_was_found_through_joins_and_copies) {
  auto side = [](std::uint32_t sentence, std::string action, std::vector<std::string> joined) {
    commitment_side c;
    c.sentence = sentence;
    c.where = {sentence * 10, sentence * 10 + 9};
    c.actors = {sentence * 10, sentence * 10 + 2};
    c.object = {sentence * 10 + 5, sentence * 10 + 9};
    c.action = std::move(action);
    c.joined = std::move(joined);
    return c;
  };
  const commitment_side a0 = side(0, "intensificar", {"acelerar"}), a1 = side(1, "evaluar", {});
  const commitment_side b0 = side(0, "evaluar", {}), b1 = side(2, "crear", {"ampliar", "dotar"});
  const commitment_side b2 = side(3, "", {});
  detail::mention_list a, b, c;
  a.push_back(a0, 1);
  a.bag_ids().push_back(7);
  a.push_back(a1, 2);
  for (const commitment_side& x : {b0, b1, b2}) b.push_back(x, 3);
  EXPECT_EQ(b.side(1).verbs(), (std::vector<std::string>{"crear", "ampliar", "dotar"}));
  EXPECT_TRUE(b.side(2).verbs().empty());
  a.append(std::move(b), 5);
  ASSERT_EQ(a.size(), 5U);
  EXPECT_EQ(a.side(0), a0);
  EXPECT_EQ(a.side(1), a1);
  for (std::size_t k = 0; k < 3; ++k) {
    commitment_side moved = std::vector{b0, b1, b2}[k];
    moved.sentence += 5;
    EXPECT_EQ(a.side(2 + k), moved) << k;
  }
  const std::vector<std::uint32_t> in_c = c.entries_of(a);
  c.push_copy(a[3], a, 3, in_c);
  c.push_shared(a[1], a, 1, in_c);
  EXPECT_EQ(c.side(0).verbs(), (std::vector<std::string>{"crear", "ampliar", "dotar"}));
  EXPECT_EQ(c.side(1), a1);
  EXPECT_EQ(std::vector<std::uint32_t>(c.bag(1).begin(), c.bag(1).end()),
            std::vector<std::uint32_t>{7});
  // into a list that has verbs of its own already (the entries do not start at 0)
  detail::mention_list d;
  d.push_back(b2, 9);  // (a mention first: the entries of the others do not start at 0)
  const std::vector<std::uint32_t> entries = d.entries_of(a);
  d.push_copy(a[3], a, 3, entries);
  d.push_shared(a[1], a, 1, entries);
  d.push_copy(a[0], a, 0, entries);
  EXPECT_EQ(d.side(1).verbs(), (std::vector<std::string>{"crear", "ampliar", "dotar"}));
  EXPECT_EQ(d.side(2), a1);
  EXPECT_EQ(d.side(3), a0);
  EXPECT_EQ(std::vector<std::uint32_t>(d.bag(2).begin(), d.bag(2).end()),
            std::vector<std::uint32_t>{7});
}

// A paragraph the new release repeats at another place takes the old one's reading: its
// commitments' actors and object must read the same there, line wraps and all.
TEST(track, repeated_paragraph_keeps_the_words_of_its_commitments_where_it_now_is) {
  const std::string kept =
      "Los dos\ngobiernos se  comprometieron a reforzar la\ncooperación en "
      "extradiciones.\n";
  const comparison c = run_lang("Primera sesión del grupo.\n\n" + kept,
                                "Un párrafo nuevo, más largo que el primero, abre el texto.\n\n" +
                                    kept + "\nOtro párrafo nuevo cierra el texto.\n");
  const commitment* found = nullptr;
  for (const commitment& m : c.commitments)
    if (m.k == kind::unchanged && m.old_side && m.new_side) found = &m;
  ASSERT_NE(found, nullptr);
  EXPECT_NE(found->old_side->where, found->new_side->where);  // (it moved in the bytes)
  for (const auto& [d, side] : {std::pair{c.old_side.doc.get(), &*found->old_side},
                                std::pair{c.new_side.doc.get(), &*found->new_side}}) {
    EXPECT_EQ(clause_text(*d, side->actors), "Los dos gobiernos");
    EXPECT_EQ(clause_text(*d, side->object), "la cooperación en extradiciones");
  }
  // as the new document read on its own has them
  compare_options es;
  es.lang = "es";
  const auto alone = analyze(c.new_side.doc, es);
  ASSERT_TRUE(alone);
  ASSERT_EQ(alone->commitments.size(), 1U);
  EXPECT_EQ(alone->commitments[0], *found->new_side);
}

TEST(track, commitment_repeated_in_a_highlights_box_is_not_new) {
  const comparison c = run_lang(
      "The parties agreed to open a joint analysis centre in Monterrey.\n\nOther business was "
      "discussed.\n",
      "Highlights: the parties agreed to open a joint analysis centre in Monterrey.\n\nThe parties "
      "agreed to open a joint analysis centre in Monterrey.\n\nOther business was discussed.\n");
  for (const commitment& m : c.commitments) EXPECT_NE(m.k, kind::added);
  EXPECT_FALSE(c.commitments_changed());
}

// The other way: the old release said it twice, the new one once; and a commitment whose
// text no paired one has is still dropped.
TEST(track, commitment_said_twice_then_once_is_not_dropped) {
  const comparison c = run_lang(
      "Highlights: the parties agreed to open a joint analysis centre in Monterrey.\n\nThe "
      "parties agreed to open a joint analysis centre in Monterrey.\n\nThe parties will publish "
      "a yearly report on seizures.\n\nOther business was discussed.\n",
      "The parties agreed to open a joint analysis centre in Monterrey.\n\nOther business was "
      "discussed.\n");
  std::size_t dropped = 0, unchanged = 0;
  for (const commitment& m : c.commitments) {
    dropped += m.k == kind::dropped ? 1 : 0;
    unchanged += m.k == kind::unchanged ? 1 : 0;
  }
  EXPECT_EQ(dropped, 1U);  // the yearly report
  EXPECT_EQ(unchanged, 2U);
}

// The quick "may be a month / a number word" filters never rule out a key of the maps they
// stand before (dates and numbers would be lost), and rule out most other words.
TEST(lexicon, month_and_number_filters_never_rule_out_a_key) {
  for (const char* lang : {"es", "en"}) {
    const detail::lexicon& lx = lexicon_for(lang);
    ASSERT_FALSE(lx.month.empty()) << lang;
    for (const auto& [key, value] : lx.month) EXPECT_TRUE(lx.may_be_month(key)) << key;
    for (const auto& [key, value] : lx.number) EXPECT_TRUE(lx.may_be_number(key)) << key;
    std::size_t ruled_out = 0;
    for (const char* w : {"gobiernos", "acordaron", "reforzar", "la", "cooperación", "frontera",
                          "governments", "agreed", "strengthen", "border"})
      ruled_out += lx.may_be_month(w) ? 0 : 1;
    EXPECT_GE(ruled_out, 7U) << lang;
  }
  detail::lexicon made;  // (not parsed: no filter, every word is looked up)
  made.month["brumario"] = 2;
  EXPECT_TRUE(made.may_be_month("brumario"));
}

TEST(lexicon, parses_sections_and_wildcards) {
  const auto lx = detail::parse_lexicon("xx",
                                        "# c\n[commit]\nagreed to\nwill\n[strength]\nexplore = 1\n"
                                        "[future]\n*ará\n[month]\nmay = 5\n");
  ASSERT_EQ(lx.commit.size(), 2u);
  EXPECT_EQ(lx.commit[0], (detail::phrase{"agreed", "to"}));
  const std::vector<detail::word> ws = detail::words_of("they agreed to meet", {0, 19});
  EXPECT_EQ(lx.commit.longest("agreed", [&](const detail::phrase& p) { return p.size(); }), 2u);
  EXPECT_EQ(lx.strength.at("explore"), 1);
  EXPECT_EQ(lx.month.at("may"), 5);
  EXPECT_TRUE(detail::word_matches("*ará", "realizará"));
  EXPECT_FALSE(detail::word_matches("*ará", "realizar"));
  EXPECT_TRUE(detail::word_matches("acord*", "acordaron"));
  EXPECT_FALSE(detail::word_matches("acord*", "acor"));
  EXPECT_TRUE(detail::word_matches("*", "x"));
  EXPECT_FALSE(detail::word_matches("*", ""));
  EXPECT_TRUE(detail::word_matches("acordaron", "acordaron"));
  EXPECT_FALSE(detail::word_matches("acordaron", "acordaro"));
  EXPECT_TRUE(lexicon_for("fr").commit.empty());
}

// Lemmas of more than one word are split once, in the lexicon's order, each kept with its
// lemma; single words are looked up as they are.
TEST(lexicon, splits_lemmas_of_more_than_one_word_once) {
  const auto lx = detail::parse_lexicon(
      "es", "[lemma]\ndar continuidad = continuar\nllevar a cabo = realizar\nharán = hacer\n");
  ASSERT_EQ(lx.lemma_phrases.size(), 2U);
  EXPECT_EQ(lx.lemma_phrases[0].first, (detail::phrase{"dar", "continuidad"}));
  EXPECT_EQ(lx.lemma_phrases[0].second, "continuar");
  EXPECT_EQ(lx.lemma_phrases[1].first, (detail::phrase{"llevar", "a", "cabo"}));
  EXPECT_EQ(lx.lemma.at("harán"), "hacer");
}

// The finder takes a lemma of two words ("dar continuidad": continuar) as the action, both
// after a commit phrase and as the action of a commitment joined to another ("además de").
TEST(lexicon, a_lemma_of_two_words_is_the_action_where_it_stands) {
  auto actions = [](const std::string& text) {
    std::vector<std::string> out;
    for (const commitment_side& c : detail::find_commitments(
             text, {0, static_cast<std::uint32_t>(text.size())}, 0, lexicon_for("es")))
      out.push_back(c.action);
    return out;
  };
  EXPECT_EQ(actions("Ambos gobiernos acordaron dar continuidad al grupo de trabajo."),
            (std::vector<std::string>{"continuar"}));
  EXPECT_EQ(actions("Ambos gobiernos acordaron revisar el plan, adem\xC3\xA1s de dar "
                    "continuidad al grupo de trabajo."),
            (std::vector<std::string>{"revisar", "continuar"}));
}

// A word a future pattern matches always gets past the filter on its last bytes, which
// rules most others out; a pattern that leaves the end open lets every word through.
TEST(lexicon, a_future_form_is_never_ruled_out_before_its_patterns_are_tried) {
  const auto lx = detail::parse_lexicon("xx", "[future]\n*ará\n*aremos\nhabrá\n");
  for (const char* w : {"realizará", "reforzaremos", "habrá", "ará"})
    EXPECT_TRUE(lx.may_be_future(w)) << w;
  EXPECT_FALSE(lx.future_any);
  std::size_t through = 0;
  for (const char* w : {"acciones", "gobiernos", "realizar", "seguridad", "mesa", "no", ""})
    through += lx.may_be_future(w) ? 1 : 0;
  EXPECT_EQ(through, 0U);
  // an ASCII word is looked at in upper case too (its last bytes lowered)
  const std::string text = "LOS EQUIPOS COORDINAREMOS ACCIONES";
  std::vector<span> words;
  for (std::uint32_t i = 0, j = 0; j <= text.size(); ++j)
    if (j == text.size() || text[j] == ' ') {
      words.push_back({i, j});
      i = j + 1;
    }
  EXPECT_TRUE(detail::may_hold_commitment(text, words, lexicon_for("es")));
  words.erase(words.begin() + 2);  // without the future form: no commitment word left
  EXPECT_FALSE(detail::may_hold_commitment(text, words, lexicon_for("es")));
  for (const char* open : {"[future]\nacord*\n", "[future]\n*á\n", "[future]\nva\n"}) {
    const auto any = detail::parse_lexicon("xx", open);
    EXPECT_TRUE(any.future_any) << open;
    EXPECT_TRUE(any.may_be_future("acordaron")) << open;
  }
}

std::string icu_lower(const std::string& s) {
  std::string out;
  icu::UnicodeString::fromUTF8(s).toLower().toUTF8String(out);
  return out;
}

// The ASCII and Latin-1 fast path of lower() must be ICU's lower case, for every code
// point it takes, and hand everything else to ICU.
TEST(lower, agrees_with_icu) {
  for (char32_t cp = 1; cp < 0x100; ++cp) {
    std::string one;
    icu::UnicodeString(static_cast<UChar32>(cp)).toUTF8String(one);
    EXPECT_EQ(detail::lower(one), icu_lower(one)) << "U+" << std::hex << static_cast<unsigned>(cp);
    EXPECT_EQ(detail::lower("Ab" + one + "Ü"), icu_lower("Ab" + one + "Ü"))
        << std::hex << static_cast<unsigned>(cp);
  }
  for (const std::string s : {"ÁRBOL Ñandú", "ÀÉÎÕÜÝÞ×ß", "ΩMEGA İstanbul ÅNGSTRÖM", "ĀBC",
                              "naïve CAFÉ", "\xc3", "A\xc3", "\xc2\xb5"})
    EXPECT_EQ(detail::lower(s), icu_lower(s)) << s;
  std::string reused = "a long buffer that is reused";
  detail::lower_into("ÉL", reused);
  EXPECT_EQ(reused, "él");
}

}  // namespace
}  // namespace accordiff

namespace accordiff {
namespace {

// The commitment finder learns each spelling of a word once (its lower case, its capital,
// the phrases it may open) and takes that again where a token's bytes are the same: it
// must find what reading each sentence's bytes alone finds, whatever other spelling of the
// same normalized word (case, accents, full width) came before it.
TEST(mention_finder, finds_what_each_sentence_read_alone_holds) {
  const std::string text =
      "El Comité supervisará el plan. Supervisará el Comité el plan anual.\n\n"
      "SUPERVISARÁ el Consejo la obra. El Consejo supervisara la obra.\n\n"
      "Los gobiernos ACORDARON reforzar la vigilancia. Los gobiernos acordaron reforzar la "
      "vigilancia.\n\n"
      "\uff2c\uff41\uff53 partes acordaron revisar el anexo. Las partes acordaron revisar el "
      "anexo.\n\n"
      "La Comisión se comprometió a publicar el informe. La Comision se comprometio a publicar "
      "el informe.\n\n"
      "Finalmente, las partes acordaron revisar el anexo.\n";
  std::size_t total = 0;
  for (int variant = 0; variant < 3; ++variant) {
    compare_options opts;
    opts.ignore_case = variant != 1;
    opts.ignore_accents = variant == 2;
    auto doc = read_bytes(text, "a.txt");
    ASSERT_TRUE(doc);
    detail::vocabulary v;
    detail::normalizer n(opts, "es", v);
    const detail::units u = detail::segment(*doc, "es", n);
    const detail::lexicon& lx = lexicon_for("es");
    const detail::mention_list found = detail::find_mentions({*doc, u, lx}, v);
    std::vector<commitment_side> alone;
    for (std::uint32_t s = 0; s < u.sentences.size(); ++s)
      for (commitment_side& c : detail::find_commitments(doc->bytes, u.sentences[s].where, s, lx))
        alone.push_back(std::move(c));
    ASSERT_EQ(found.size(), alone.size()) << variant;
    for (std::size_t i = 0; i < alone.size(); ++i) {
      const commitment_side c = found.side(i);
      EXPECT_EQ(c.sentence, alone[i].sentence) << variant << " " << i;
      EXPECT_EQ(c.where, alone[i].where) << doc->text(alone[i].where);
      EXPECT_EQ(c.actors, alone[i].actors) << doc->text(alone[i].where);
      EXPECT_EQ(c.object, alone[i].object) << doc->text(alone[i].where);
      EXPECT_EQ(c.verbs(), alone[i].verbs()) << doc->text(alone[i].where);
    }
    // a future form that opens a sentence is no commitment (a capital), nor a verb without
    // its accent ("supervisara", "comprometio"), even where the key is that of the accented
    // one (--ignore-accents)
    EXPECT_EQ(found.size(), 7U) << variant;
    // a connector ("Finalmente", a pattern of the skip list: "*mente") is not an actor
    EXPECT_EQ(doc->text(found.side(found.size() - 1).actors), "las partes") << variant;
    total += found.size();
  }
  EXPECT_EQ(total, 21U);
}

// The finder keeps the lower cases of spellings that are not lower case already, and the
// words of a sentence view them: long capitalized words, a hundred bytes and more lowered
// each, one of two thousand met only after the words that open a commitment ("Will
// Deliver", whose lower cases are kept too: learnt while the words are read, it moves the
// lower cases the words before it view, which the finder then reads again), and
// past a megabyte of them it starts again (between sentences). Two spellings of one key
// whose lower cases differ ("Zone…’s", "Zone…'s": the apostrophe is normalized, not
// lowered) are two spellings. What it finds is still what each sentence read alone finds
// (and the sanitizer build reads no lower case that was moved or started again).
TEST(mention_finder, words_keep_their_lower_case_while_spellings_are_learnt) {
  std::string text;
  for (int k = 0; k < 4000; ++k) {
    const std::string tall = "Zone" + std::string(90, 'Q') + std::to_string(k);
    // (two thousand bytes: the lower cases kept grow, and move, while the words are read)
    const std::string depot = "Depot" + std::string(2000, 'Q') + std::to_string(k);
    text += tall + "\u2019s team and " + tall + "'s staff Will Deliver the goods to " + depot +
            " today. ";
    if (k % 10 == 9) text += "\n\n";
  }
  auto doc = read_bytes(text, "a.txt");
  ASSERT_TRUE(doc);
  const compare_options opts;
  detail::vocabulary v;
  detail::normalizer n(opts, "en", v);
  const detail::units u = detail::segment(*doc, "en", n);
  const detail::lexicon& lx = lexicon_for("en");
  const detail::mention_list found = detail::find_mentions({*doc, u, lx}, v);
  std::size_t alone = 0;
  for (std::uint32_t s = 0; s < u.sentences.size(); ++s)
    for (const commitment_side& c :
         detail::find_commitments(doc->bytes, u.sentences[s].where, s, lx)) {
      ASSERT_LT(alone, found.size());
      const commitment_side got = found.side(alone++);
      ASSERT_EQ(got.where, c.where) << s;
      ASSERT_EQ(got.actors, c.actors) << doc->text(c.where);
      ASSERT_EQ(got.verbs(), c.verbs()) << doc->text(c.where);
    }
  EXPECT_EQ(found.size(), alone);
  EXPECT_EQ(alone, 4000U);
}

// A word's lower case is a view: of the document's bytes where they are in lower case, of
// the word's own copy where not. Copies and moves view their own copy (the vector grown,
// copied, the original gone): each still reads its lower case (and the sanitizer build
// reads nothing freed).
TEST(word, copies_and_moves_keep_their_lower_case) {
  const std::string text =
      "La COMISIÓN acordó Revisar el anexo con la Secretaría de Hacienda y el Banco Central "
      "de la República.";
  std::vector<detail::word> kept;
  std::vector<std::string> lows;
  {
    std::vector<detail::word> ws =
        detail::words_of(text, {0, static_cast<std::uint32_t>(text.size())});
    ASSERT_EQ(ws.size(), 19U);
    for (const detail::word& w : ws) lows.emplace_back(w.low);
    EXPECT_EQ(lows[1], "comisión");
    EXPECT_EQ(lows[3], "revisar");
    EXPECT_EQ(lows[4], "el");
    // lower case already: the document's bytes; not: the word's own
    EXPECT_EQ(ws[4].low.data(), text.data() + ws[4].start);
    EXPECT_NE(ws[1].low.data(), text.data() + ws[1].start);
    std::vector<detail::word> copy = ws;  // (copied)
    for (int k = 0; k < 100; ++k) copy.push_back(ws[static_cast<std::size_t>(k) % ws.size()]);
    std::vector<detail::word> moved = std::move(ws);  // (the original's buffer handed over)
    detail::word one = std::move(copy[1]);
    copy[1] = one;
    for (detail::word& w : copy) kept.push_back(std::move(w));  // (moved, the vector grown)
    kept.push_back(moved[3]);
  }
  ASSERT_EQ(kept.size(), 120U);
  for (std::size_t k = 0; k < 119; ++k) {
    EXPECT_EQ(kept[k].low, lows[k < 19 ? k : (k - 19) % 19]) << k;
    EXPECT_TRUE(kept[k].low.data() == kept[k].lowered.data() ||
                kept[k].low.data() == text.data() + kept[k].start)
        << k;
  }
  EXPECT_EQ(kept[119].low, "revisar");
}

// Commitments read a sentence's words from the tokens the normalizer cut in it when that
// gives what reading the bytes again gives (words_into): on prose, and where it does not
// (markup inside a sentence, punctuation left out, white space other than blanks).
TEST(words_of_tokens, are_the_words_read_from_the_bytes) {
  std::vector<std::pair<std::string, std::string>> cases;  // (lang, file name or text)
  for (const char* lang : {"es", "en"})
    for (const char* side : {"old.txt", "new.txt"})
      cases.emplace_back(
          lang, testing::slurp(std::string(ACCORDIFF_FIXTURES) + "/gis/" + lang + "/" + side));
  cases.emplace_back("es",
                     "Los dos **gobiernos** se comprometen a [reforzar](https://x.mx) la "
                     "vigilancia.\fEl 11 de diciembre\tacordaron\r\ninstalar 200 cámaras —en "
                     "la frontera— y «revisar» el anexo.\u00a0Fin.\n\n"
                     "- combatir el robo de combustible;\n\n  - y el tráfico de armas.\n");
  std::size_t sentences = 0;
  for (const bool no_punctuation : {false, true}) {
    compare_options opts;
    opts.ignore_punctuation = no_punctuation;
    for (const auto& [lang, text] : cases) {
      auto doc = read_bytes(text, "a.md");
      ASSERT_TRUE(doc);
      detail::vocabulary v;
      detail::normalizer n(opts, lang, v);
      const detail::units u = detail::segment(*doc, lang, n);
      std::vector<detail::word> read, cut;
      for (std::size_t s = 0; s < u.sentences.size(); ++s, ++sentences) {
        const span where = u.sentences[s].where;
        const detail::token_range r = u.sentence_tokens[s];
        detail::words_into(doc->bytes, where, read);
        detail::words_of_tokens(doc->bytes, where, u.tokens.data() + r.begin,
                                u.tokens.data() + r.end, cut);
        ASSERT_EQ(cut.size(), read.size()) << doc->text(where);
        for (std::size_t k = 0; k < read.size(); ++k) {
          EXPECT_EQ(cut[k].start, read[k].start) << doc->text(where);
          EXPECT_EQ(cut[k].end, read[k].end);
          EXPECT_EQ(cut[k].low, read[k].low);
          EXPECT_EQ(cut[k].cap, read[k].cap);
          EXPECT_EQ(cut[k].alpha, read[k].alpha);
        }
      }
    }
  }
  EXPECT_GT(sentences, 100U);
}

}  // namespace
}  // namespace accordiff
