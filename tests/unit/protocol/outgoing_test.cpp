// Each event as sent: the stored text for everyone when everyone may see
// it all, a fuller message for the author of a private entry, and the
// "scrubbed" marker once the transcript is withdrawn, byte for byte what the
// stored log then holds.

#include "debrief/protocol/outgoing.hpp"

#include "activity_support.hpp"
#include "debrief/protocol/visibility.hpp"
#include "debrief/protocol/wire.hpp"

namespace debrief::protocol::activity {
namespace {

// The one event a command makes, and the state right after it.
std::pair<event, session_state> made_by(const session_state& s, const command& c, const sender& from) {
  const auto o = apply(s, written_here(s, c), from, t0);
  const auto& made = std::get<events>(o);
  EXPECT_EQ(made.size(), 1u);
  return {made.at(0), evolve(s, made.at(0))};
}

std::string text_of(const shared_text& t) { return t ? *t : "(null)"; }

std::string marker_message(std::int64_t seq, millis time, const std::string& was) {
  return event_message(seq, time, {{"type", "scrubbed"}, {"was", was}}).dump();
}

TEST(Outgoing, AnEventEveryoneSeesWholeIsSentAsStored) {
  const auto [e, after] = made_by(in_phase(talk), cmd::timer_start{}, maya);

  const auto out = make_outgoing(7, t0, after, e, json(e).dump());

  EXPECT_EQ(out.seq, 7);
  EXPECT_EQ(text_of(out.for_others), event_message(7, t0, json(e)).dump());
  EXPECT_EQ(out.for_author, nullptr);
  EXPECT_EQ(out.for_viewer("p1"), out.for_others);
  EXPECT_EQ(out.scrubbed_body, std::nullopt);
}

TEST(Outgoing, APrivateEntryReachesItsAuthorInFullAndOthersAsAPlaceholder) {
  const auto [e, after] = made_by(with_transcript(in_phase(noticings)), cmd::entry_add{"Counted", 0}, ana);
  const auto views = view_event(after, e);

  const auto out = make_outgoing(9, t0, after, e, json(e).dump());

  EXPECT_EQ(text_of(out.for_viewer("p3")), event_message(9, t0, views.for_author).dump());
  EXPECT_EQ(text_of(out.for_viewer("p5")), event_message(9, t0, views.for_others).dump());
  EXPECT_NE(*out.for_viewer("p3"), *out.for_viewer("p5"));
  EXPECT_EQ(out.for_viewer("p5")->find("Counted"), std::string::npos);
}

TEST(Outgoing, ScrubbingTurnsATranscriptEventIntoTheMarkerForEveryone) {
  const auto [e, after] = made_by(with_transcript(in_phase(noticings)),
                                  cmd::annotate{"L2", "", -1, -1, annotation_tag::wonder, "Tables?"}, ana);
  auto out = make_outgoing(12, t0 + 5, after, e, json(e).dump());
  ASSERT_NE(out.for_author, nullptr);  // private: Ana sees her remark in full

  scrub_transcript(out);

  EXPECT_EQ(text_of(out.for_others), marker_message(12, t0 + 5, "annotation_saved"));
  EXPECT_EQ(out.for_author, nullptr);
  EXPECT_EQ(out.for_viewer("p3"), out.for_others);
  EXPECT_EQ(out.scrubbed_body, std::nullopt);
}

TEST(Outgoing, ScrubbingLeavesOtherEventsAsTheyWere) {
  const auto [e, after] = made_by(in_phase(talk), cmd::timer_start{}, maya);
  auto out = make_outgoing(3, t0, after, e, json(e).dump());
  const auto before = out.for_others;

  scrub_transcript(out);

  EXPECT_EQ(out.for_others, before);
}

TEST(ScrubbedBody, TranscriptEventsBecomeAMarkerNamingTheirType) {
  const event imported = evt::transcript_imported{};
  const event annotated = evt::annotation_saved{};

  // Byte for byte what the stored log held after a scrub before the core
  // said it (SQLite's json_object): compact, keys in this order.
  EXPECT_EQ(scrubbed_body(imported), R"({"type":"scrubbed","was":"transcript_imported"})");
  EXPECT_EQ(scrubbed_body(annotated), R"({"type":"scrubbed","was":"annotation_saved"})");
}

TEST(ScrubbedBody, OtherEventsHaveNone) {
  EXPECT_EQ(scrubbed_body(evt::transcript_withdrawn{}), std::nullopt);
  EXPECT_EQ(scrubbed_body(evt::annotation_removed{"n1"}), std::nullopt);
  EXPECT_EQ(scrubbed_body(evt::entry_removed{"e1"}), std::nullopt);
  EXPECT_EQ(scrubbed_body(evt::scrubbed{"transcript_imported"}), std::nullopt);
}

TEST(ScrubbedBody, TheMarkerReadsBackAsAScrubbedEvent) {
  const auto body = scrubbed_body(evt::transcript_imported{});
  ASSERT_TRUE(body);

  EXPECT_EQ(json::parse(*body).get<event>(), event{evt::scrubbed{"transcript_imported"}});
}

}  // namespace
}  // namespace debrief::protocol::activity
