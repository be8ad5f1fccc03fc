// What each person may see: in a private phase not yet revealed, entries and
// annotations reach only their author in full; others get a placeholder that
// says something exists, in events and snapshots alike. Anonymous phases
// leave authors out of what others see.

#include "activity_support.hpp"

#include "debrief/protocol/visibility.hpp"

namespace debrief::protocol::activity {
namespace {

entry an_entry(std::string id, std::string phase, int prompt, std::string text, std::string author, bool shared = false,
               int version = 1) {
  return {std::move(id), std::move(phase), prompt, std::move(text), std::move(author), shared, version};
}

json entries_seen(const session_state& s, const std::string& viewer) { return view_state(s, viewer).at("entries"); }
json annotations_seen(const session_state& s, const std::string& viewer) {
  return view_state(s, viewer).at("annotations");
}

json with_author(json j, const std::string& author) {
  j["author"] = author;
  return j;
}

// What others see of a hidden entry or annotation; no author in an anonymous phase.
json placeholder(const std::string& id, const std::string& phase, const std::string& author = "") {
  json j = {{"id", id}, {"phase", phase}, {"hidden", true}};
  if (!author.empty()) j["author"] = author;
  return j;
}

// A transcript; in the private noticings phase Ana's entry e1, Kim's e2 and
// Ana's annotation n3; then the session moves on to the open discussion,
// where Sam writes e4.
session_state after_private_noticings() {
  auto s = with_transcript(in_phase(noticings));
  s = given(s, cmd::entry_add{"She counted on her fingers", 0}, ana);
  s = given(s, cmd::entry_add{"Is it about sharing?", 1}, kim);
  s = given(s, cmd::annotate{"L2", "", -1, -1, annotation_tag::wonder, "Tables?"}, ana);
  s = given(s, cmd::go_to_phase{talk}, maya);
  s = given(s, cmd::entry_add{"I should wait longer", -1}, sam);
  return s;
}

const entry ana_note = an_entry("e1", "notice", 0, "She counted on her fingers", "p3");
const entry kim_note = an_entry("e2", "notice", 1, "Is it about sharing?", "p5");
const entry sam_note = an_entry("e4", "talk", -1, "I should wait longer", "p2");

annotation ana_annotation() {
  annotation a;
  a.id = "n3";
  a.phase = "notice";
  a.from_line = "L2";
  a.to_line = "L2";
  a.quote = "I drew the café tables.";
  a.tag = annotation_tag::wonder;
  a.comment = "Tables?";
  a.author = "p3";
  return a;
}

// In the private, anonymous reflection: Ana's e1 and Kim's e2.
session_state anonymous_reflections() {
  auto s = in_phase(reflecting);
  s = given(s, cmd::entry_add{"I will listen more", 0}, ana);
  s = given(s, cmd::entry_add{"I will ask why", 0}, kim);
  return s;
}

// ---- snapshots ----

TEST(ActivityViewState, AHiddenEntryAppearsInFullOnlyForItsAuthorAndAsAPlaceholderForOthers) {
  const auto s = after_private_noticings();
  const auto ana_hidden = placeholder("e1", "notice", "p3");
  const auto kim_hidden = placeholder("e2", "notice", "p5");

  EXPECT_EQ(entries_seen(s, "p3"), (json{ana_note, kim_hidden, sam_note}));
  EXPECT_EQ(entries_seen(s, "p5"), (json{ana_hidden, kim_note, sam_note}));
  EXPECT_EQ(entries_seen(s, "p1"), (json{ana_hidden, kim_hidden, sam_note}));
  EXPECT_EQ(entries_seen(s, "p2"), (json{ana_hidden, kim_hidden, sam_note}));
  EXPECT_EQ(entries_seen(s, ""), (json{ana_hidden, kim_hidden, sam_note}));
}

TEST(ActivityViewState, AHiddenAnnotationAppearsInFullOnlyForItsAuthor) {
  const auto s = after_private_noticings();

  EXPECT_EQ(annotations_seen(s, "p3"), (json{ana_annotation()}));
  EXPECT_EQ(annotations_seen(s, "p2"), (json{placeholder("n3", "notice", "p3")}));
  EXPECT_EQ(annotations_seen(s, ""), (json{placeholder("n3", "notice", "p3")}));
}

TEST(ActivityViewState, HiddenWordsAreAbsentFromOthersSnapshots) {
  const auto text = view_state(after_private_noticings(), "p2").dump();

  EXPECT_EQ(text.find("fingers"), std::string::npos);
  EXPECT_EQ(text.find("Is it about sharing?"), std::string::npos);
  EXPECT_EQ(text.find("Tables?"), std::string::npos);
}

TEST(ActivityViewState, ASharedEntryAppearsForEveryone) {
  const auto s = given(after_private_noticings(), cmd::entry_share{"e1"}, ana);
  const auto shared = an_entry("e1", "notice", 0, "She counted on her fingers", "p3", true, 2);

  EXPECT_EQ(entries_seen(s, "p5"), (json{shared, kim_note, sam_note}));
  EXPECT_EQ(entries_seen(s, ""), (json{shared, placeholder("e2", "notice", "p5"), sam_note}));
}

TEST(ActivityViewState, ARevealedPhaseShowsEverythingToEveryone) {
  const auto s = given(after_private_noticings(), cmd::reveal_phase{noticings}, maya);

  for (const auto* viewer : {"p1", "p2", "p3", "p4", "p5", ""}) {
    EXPECT_EQ(entries_seen(s, viewer), (json{ana_note, kim_note, sam_note})) << viewer;
    EXPECT_EQ(annotations_seen(s, viewer), (json{ana_annotation()})) << viewer;
  }
}

TEST(ActivityViewState, AnAnonymousPhaseBlanksTheAuthorForOthersButNotForTheAuthor) {
  const auto s = given(anonymous_reflections(), cmd::reveal_phase{reflecting}, maya);
  const auto ana_reflection = an_entry("e1", "reflect", 0, "I will listen more", "p3");
  const auto kim_reflection = an_entry("e2", "reflect", 0, "I will ask why", "p5");

  EXPECT_EQ(entries_seen(s, "p3"), (json{ana_reflection, with_author(kim_reflection, "")}));
  EXPECT_EQ(entries_seen(s, "p1"), (json{with_author(ana_reflection, ""), with_author(kim_reflection, "")}));
  EXPECT_EQ(entries_seen(s, ""), (json{with_author(ana_reflection, ""), with_author(kim_reflection, "")}));
}

TEST(ActivityViewState, BeforeTheRevealAnAnonymousPhaseShowsOthersPlaceholdersNamingNobody) {
  const auto s = anonymous_reflections();

  EXPECT_EQ(entries_seen(s, "p3"),
            (json{an_entry("e1", "reflect", 0, "I will listen more", "p3"), placeholder("e2", "reflect")}));
  EXPECT_EQ(entries_seen(s, "p2"), (json{placeholder("e1", "reflect"), placeholder("e2", "reflect")}));
}

TEST(ActivityViewState, EverythingElseIsTheWholeState) {
  auto s = after_private_noticings();
  s = given(s, cmd::board_add{board_list::know, "Likes art"}, sam);

  auto seen = view_state(s, "p4");
  auto whole = json(s);
  seen.erase("entries");
  seen.erase("annotations");
  whole.erase("entries");
  whole.erase("annotations");
  EXPECT_EQ(seen, whole);
}

// Removing a phase from the agenda is not revealing it: what was written
// privately there must stay with its authors.
TEST(ActivityViewState, RemovingAnUnrevealedPrivatePhaseKeepsItsEntriesHidden) {
  const auto s = given(after_private_noticings(), cmd::remove_phase{noticings}, maya);

  const json hidden = {placeholder("e1", "notice", "p3"), placeholder("e2", "notice", "p5"), sam_note};
  EXPECT_EQ(entries_seen(s, "p2"), hidden);
  EXPECT_EQ(entries_seen(s, ""), hidden);
  EXPECT_EQ(annotations_seen(s, "p2"), (json{placeholder("n3", "notice", "p3")}));
  EXPECT_EQ(view_state(s, "p2").dump().find("fingers"), std::string::npos);
}

// ---- events ----

TEST(ActivityViewEvent, AHiddenEntryReachesOthersAsAPlaceholderWithoutText) {
  const auto s = in_phase(noticings);
  const auto e = an_entry("e1", "notice", 0, "She counted on her fingers", "p3");
  const event saved = evt::entry_saved{e};

  const auto views = view_event(evolve(s, saved), saved);

  EXPECT_EQ(views.for_others,
            (json{{"type", "entry_saved"},
                  {"entry", {{"id", "e1"}, {"phase", "notice"}, {"hidden", true}, {"author", "p3"}}}}));
  EXPECT_EQ(views.author, "p3");
  EXPECT_EQ(views.for_author, (json{{"type", "entry_saved"}, {"entry", e}}));
  EXPECT_EQ(views.for_others.dump().find("fingers"), std::string::npos);
}

TEST(ActivityViewEvent, InAnAnonymousPhaseThePlaceholderNamesNobody) {
  const auto s = in_phase(reflecting);
  const event saved = evt::entry_saved{an_entry("e1", "reflect", 0, "I will listen more", "p3")};

  const auto views = view_event(evolve(s, saved), saved);

  EXPECT_EQ(views.for_others,
            (json{{"type", "entry_saved"}, {"entry", {{"id", "e1"}, {"phase", "reflect"}, {"hidden", true}}}}));
  EXPECT_EQ(views.author, "p3");
}

TEST(ActivityViewEvent, AnOpenEntryReachesEveryoneInFull) {
  const auto s = in_phase(talk);
  const event saved = evt::entry_saved{sam_note};

  const auto views = view_event(evolve(s, saved), saved);

  EXPECT_EQ(views.for_others, (json{{"type", "entry_saved"}, {"entry", sam_note}}));
  EXPECT_EQ(views.for_author, (json{{"type", "entry_saved"}, {"entry", sam_note}}));
}

TEST(ActivityViewEvent, SharingSendsTheEntryInFullToOthers) {
  const auto s = after_private_noticings();
  const auto out = when(s, cmd::entry_share{"e1"}, ana);
  const auto& shared = std::get<events>(out.value).at(0);

  const auto views = view_event(evolve(s, shared), shared);

  EXPECT_EQ(views.for_others,
            (json{{"type", "entry_saved"},
                  {"entry", an_entry("e1", "notice", 0, "She counted on her fingers", "p3", true, 2)}}));
}

TEST(ActivityViewEvent, ARevealedAnonymousEntryReachesOthersWithoutItsAuthor) {
  const auto s = given(anonymous_reflections(), cmd::reveal_phase{reflecting}, maya);
  const event edited = evt::entry_saved{an_entry("e1", "reflect", 0, "I will listen much more", "p3", false, 2)};

  const auto views = view_event(evolve(s, edited), edited);

  EXPECT_EQ(views.for_others, (json{{"type", "entry_saved"},
                                    {"entry", an_entry("e1", "reflect", 0, "I will listen much more", "", false, 2)}}));
  EXPECT_EQ(views.for_author,
            (json{{"type", "entry_saved"},
                  {"entry", an_entry("e1", "reflect", 0, "I will listen much more", "p3", false, 2)}}));
}

TEST(ActivityViewEvent, AHiddenAnnotationReachesOthersAsAPlaceholderWithoutText) {
  const auto s = with_transcript(in_phase(noticings));
  const event saved = evt::annotation_saved{ana_annotation()};

  const auto views = view_event(evolve(s, saved), saved);

  EXPECT_EQ(views.for_others,
            (json{{"type", "annotation_saved"},
                  {"annotation", {{"id", "n3"}, {"phase", "notice"}, {"hidden", true}, {"author", "p3"}}}}));
  EXPECT_EQ(views.for_author, (json{{"type", "annotation_saved"}, {"annotation", ana_annotation()}}));
  EXPECT_EQ(views.author, "p3");
}

TEST(ActivityViewEvent, AnOpenAnnotationReachesEveryoneInFull) {
  auto a = ana_annotation();
  a.phase = "read";
  const auto s = with_transcript(in_phase(reading));
  const event saved = evt::annotation_saved{a};

  EXPECT_EQ(view_event(evolve(s, saved), saved).for_others, (json{{"type", "annotation_saved"}, {"annotation", a}}));
}

TEST(ActivityViewEvent, ARevealCarriesThePhasesEntriesAndAnnotations) {
  const auto s = after_private_noticings();
  const event revealed = evt::phase_revealed{"notice"};

  const auto views = view_event(evolve(s, revealed), revealed);

  EXPECT_EQ(views.for_others, (json{{"type", "phase_revealed"},
                                    {"phase", "notice"},
                                    {"entries", {ana_note, kim_note}},
                                    {"annotations", {ana_annotation()}}}));
  EXPECT_TRUE(views.for_author.is_null());
}

TEST(ActivityViewEvent, ARevealOfAnAnonymousPhaseLeavesTheAuthorsOut) {
  const auto s = anonymous_reflections();
  const event revealed = evt::phase_revealed{"reflect"};

  const auto views = view_event(evolve(s, revealed), revealed);

  EXPECT_EQ(views.for_others, (json{{"type", "phase_revealed"},
                                    {"phase", "reflect"},
                                    {"entries",
                                     {an_entry("e1", "reflect", 0, "I will listen more", ""),
                                      an_entry("e2", "reflect", 0, "I will ask why", "")}},
                                    {"annotations", json::array()}}));
}

TEST(ActivityViewEvent, ARevealOfAnAnonymousPhaseLeavesAnnotationAuthorsOutToo) {
  auto s = after_private_noticings();
  s.tmpl.phases[noticings].anonymous = true;
  const event revealed = evt::phase_revealed{"notice"};

  const auto views = view_event(evolve(s, revealed), revealed);

  EXPECT_EQ(views.for_others.at("annotations"), (json{with_author(ana_annotation(), "")}));
  EXPECT_EQ(views.for_others.at("entries"), (json{with_author(ana_note, ""), with_author(kim_note, "")}));
}

TEST(ActivityViewEvent, OtherEventsGoToEveryoneAsTheyAre) {
  const auto s = in_phase(talk);
  const event removed = evt::entry_removed{"e1"};
  const event item =
      evt::board_item_saved{{"i1", board_list::know, "Likes art", "p2", item_status::open, {}, 1, {}}, -1};

  EXPECT_EQ(view_event(evolve(s, removed), removed).for_others, as_json(removed));
  EXPECT_TRUE(view_event(evolve(s, removed), removed).for_author.is_null());
  EXPECT_EQ(view_event(evolve(s, item), item).for_others, as_json(item));
}

// The server sends the stored text of any event shown_as_stored; that must
// be exactly what view_event would have built for every viewer.
TEST(ActivityViewEvent, AnEventShownAsStoredIsTheSameForEveryViewer) {
  auto s = with_transcript(in_phase(noticings));
  const std::vector<std::pair<command, sender>> script = {
      {cmd::entry_add{"She counted on her fingers", 0}, ana},
      {cmd::annotate{"L2", "", -1, -1, annotation_tag::wonder, "Tables?"}, ana},
      {cmd::timer_start{}, maya},
      {cmd::reveal_phase{noticings}, maya},
      {cmd::go_to_phase{talk}, maya},
      {cmd::entry_add{"I should wait longer", -1}, sam},
      {cmd::timer_start{}, maya},
      {cmd::timer_pause{}, maya},
  };
  int stored = 0, not_stored = 0;
  for (const auto& [c, from] : script) {
    const auto o = apply(s, written_here(s, c), from, t0);
    ASSERT_TRUE(std::holds_alternative<events>(o)) << command_name(c) << ": " << as_json(result{o});
    for (const auto& e : std::get<events>(o)) {
      s = evolve(std::move(s), e);
      const auto views = view_event(s, e);
      if (shown_as_stored(e)) {
        ++stored;
        EXPECT_EQ(views.for_others, json(e)) << as_json(e);
        EXPECT_TRUE(views.for_author.is_null()) << as_json(e);
      } else {
        ++not_stored;
      }
    }
  }
  EXPECT_GT(stored, 2);
  EXPECT_EQ(not_stored, 4);  // two entries, one annotation, one reveal
}

}  // namespace
}  // namespace debrief::protocol::activity
