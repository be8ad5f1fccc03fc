// The writer thread: every submitted batch is answered exactly once, batches
// that wait together are committed together, a bad batch fails alone, and
// nothing queued is lost when the writer stops.
//
// Synchronisation is by promises and latches only: the tests hold the writer
// thread inside a done callback (a "gate") when they need batches to queue up.

#include <future>
#include <latch>
#include <memory>
#include <mutex>
#include <optional>
#include <thread>

#include "debrief/storage/writer.hpp"
#include "test_support.hpp"

namespace debrief::storage::test {
namespace {

using ::testing::HasSubstr;
using ::testing::IsEmpty;

// What each batch's done callback reported; read only after the writer is gone
// or after the latch, which order the writes before the reads.
struct answers {
  explicit answers(std::size_t n) : calls(n), errors(n), all_answered(static_cast<std::ptrdiff_t>(n)) {}

  writer::done_fn for_batch(std::size_t i) {
    return [this, i](std::optional<std::string> error) {
      errors[i] = std::move(error);
      if (calls[i]++ == 0) all_answered.count_down();
    };
  }

  std::vector<std::atomic<int>> calls;
  std::vector<std::optional<std::string>> errors;
  std::latch all_answered;
};

// Holds the writer thread inside the gate batch's done callback until opened.
class gate {
 public:
  writer::done_fn callback() {
    return [this](const std::optional<std::string>& error) {
      EXPECT_EQ(error, std::nullopt);
      entered_.set_value();
      opened_future_.wait();
    };
  }
  void wait_until_entered() { entered_.get_future().wait(); }
  void open() { opened_.set_value(); }

 private:
  std::promise<void> entered_;
  std::promise<void> opened_;
  std::shared_future<void> opened_future_ = opened_.get_future().share();
};

std::unique_ptr<database> open_db(const temp_database_file& file) { return std::make_unique<database>(file.path()); }

TEST(Writer, StartsWithNoTransactions) {
  temp_database_file file;
  writer w(open_db(file));

  EXPECT_EQ(w.transactions(), 0u);
}

TEST(Writer, IsIdleBeforeAnythingIsSubmitted) {
  temp_database_file file;
  writer w(open_db(file));

  EXPECT_TRUE(w.idle());
}

TEST(Writer, IsNotIdleWhileABatchIsBeingAnsweredOrQueued) {
  temp_database_file file;
  gate g;
  writer w(open_db(file));
  w.submit(creating("gate", 1), g.callback());
  g.wait_until_entered();

  EXPECT_FALSE(w.idle());
  w.submit(creating("S1", 1), [](const std::optional<std::string>&) {});
  EXPECT_FALSE(w.idle());
  g.open();
}

TEST(Writer, ABatchIsStoredAndAnsweredWithoutError) {
  temp_database_file file;
  std::promise<std::optional<std::string>> answered;
  {
    writer w(open_db(file));
    w.submit(creating("S1", 3), [&](std::optional<std::string> error) { answered.set_value(std::move(error)); });
    EXPECT_EQ(answered.get_future().get(), std::nullopt);
    EXPECT_EQ(w.transactions(), 1u);
  }

  EXPECT_EQ(database(file.path()).events_after("S1", 0), events_between("S1", 1, 3));
}

TEST(Writer, ManyThreadsManySessionsEveryBatchAnsweredOnceAndStored) {
  constexpr int threads = 4;
  constexpr int sessions_per_thread = 3;
  constexpr int appends_per_session = 10;
  constexpr int events_per_append = 3;
  constexpr int batches_per_session = 1 + appends_per_session;
  constexpr std::size_t batches = threads * sessions_per_thread * batches_per_session;
  const auto session_name = [](int t, int s) { return "T" + std::to_string(t) + "S" + std::to_string(s); };

  temp_database_file file;
  answers got(batches);
  {
    writer w(open_db(file));
    std::vector<std::jthread> submitters;
    for (int t = 0; t < threads; ++t) {
      submitters.emplace_back([&, t] {
        // Interleave this thread's sessions; within a session, batches go in order.
        for (int b = 0; b < batches_per_session; ++b) {
          for (int s = 0; s < sessions_per_thread; ++s) {
            const auto name = session_name(t, s);
            const auto index = static_cast<std::size_t>((t * sessions_per_thread + s) * batches_per_session + b);
            if (b == 0) {
              w.submit(creating(name, 1), got.for_batch(index));
            } else {
              const auto first = 2 + (b - 1) * events_per_append;
              w.submit(appending(name, first, first + events_per_append - 1), got.for_batch(index));
            }
          }
        }
      });
    }
    submitters.clear();  // joins
    got.all_answered.wait();
    EXPECT_GE(w.transactions(), 1u);
    EXPECT_LE(w.transactions(), batches);
  }

  for (std::size_t i = 0; i < batches; ++i) {
    EXPECT_EQ(got.calls[i].load(), 1) << "batch " << i;
    EXPECT_EQ(got.errors[i], std::nullopt) << "batch " << i;
  }
  database reopened(file.path());
  EXPECT_EQ(reopened.load_sessions().size(), static_cast<std::size_t>(threads * sessions_per_thread));
  for (int t = 0; t < threads; ++t) {
    for (int s = 0; s < sessions_per_thread; ++s) {
      const auto name = session_name(t, s);
      EXPECT_EQ(reopened.events_after(name, 0), events_between(name, 1, 1 + appends_per_session * events_per_append))
          << name;
    }
  }
}

// Deterministic group commit: while the writer is held in a callback, the
// batches queue up, and are then taken and committed together.
TEST(Writer, BatchesThatQueueWhileTheWriterIsBusyShareOneTransaction) {
  constexpr std::size_t queued = 10;
  temp_database_file file;
  answers got(queued);
  gate g;
  {
    writer w(open_db(file));
    w.submit(creating("gate", 1), g.callback());
    g.wait_until_entered();
    for (std::size_t i = 0; i < queued; ++i) w.submit(creating("S" + std::to_string(i), 2), got.for_batch(i));
    g.open();
    got.all_answered.wait();

    EXPECT_EQ(w.transactions(), 2u);
  }
  for (std::size_t i = 0; i < queued; ++i) EXPECT_EQ(got.errors[i], std::nullopt) << i;
  EXPECT_EQ(database(file.path()).load_sessions().size(), queued + 1);
}

TEST(Writer, ABadBatchAmongGoodOnesFailsAlone) {
  temp_database_file file;
  answers got(5);
  gate g;
  {
    writer w(open_db(file));
    w.submit(creating("gate", 1), g.callback());
    g.wait_until_entered();
    w.submit(creating("A", 2), got.for_batch(0));
    w.submit(creating("B", 1), got.for_batch(1));
    w.submit(appending("B", 3, 3), got.for_batch(2));  // 2 is missing
    w.submit(appending("A", 3, 4), got.for_batch(3));
    w.submit(appending("B", 2, 2), got.for_batch(4));
    g.open();
    got.all_answered.wait();
    EXPECT_LE(w.transactions(), 6u);
  }

  for (std::size_t i : {0u, 1u, 3u, 4u}) EXPECT_EQ(got.errors[i], std::nullopt) << "batch " << i;
  ASSERT_TRUE(got.errors[2].has_value());
  EXPECT_THAT(*got.errors[2], HasSubstr("seq"));
  for (std::size_t i = 0; i < 5; ++i) EXPECT_EQ(got.calls[i].load(), 1) << "batch " << i;

  database reopened(file.path());
  EXPECT_EQ(reopened.events_after("A", 0), events_between("A", 1, 4));
  EXPECT_EQ(reopened.events_after("B", 0), events_between("B", 1, 2));
}

TEST(Writer, ABatchThatFailsOnItsOwnIsAnsweredWithTheError) {
  temp_database_file file;
  std::promise<std::optional<std::string>> answered;
  {
    writer w(open_db(file));
    w.submit(appending("ghost", 1, 1), [&](std::optional<std::string> error) { answered.set_value(std::move(error)); });
    const auto error = answered.get_future().get();
    ASSERT_TRUE(error.has_value());
    EXPECT_FALSE(error->empty());
  }

  EXPECT_THAT(database(file.path()).events_after("ghost", 0), IsEmpty());
}

TEST(Writer, DestroyingTheWriterCommitsWhatWasQueued) {
  constexpr std::size_t queued = 50;
  temp_database_file file;
  answers got(queued);
  {
    writer w(open_db(file));
    w.submit(creating("S", 1), got.for_batch(0));
    for (std::size_t i = 1; i < queued; ++i) {
      const auto seq = static_cast<std::int64_t>(i) + 1;
      w.submit(appending("S", seq, seq), got.for_batch(i));
    }
  }

  for (std::size_t i = 0; i < queued; ++i) {
    EXPECT_EQ(got.calls[i].load(), 1) << "batch " << i;
    EXPECT_EQ(got.errors[i], std::nullopt) << "batch " << i;
  }
  EXPECT_EQ(database(file.path()).events_after("S", 0), events_between("S", 1, static_cast<std::int64_t>(queued)));
}

TEST(Writer, StoppingRightAfterABacklogBuiltUpStillCommitsAllOfIt) {
  constexpr std::size_t queued = 20;
  temp_database_file file;
  answers got(queued);
  gate g;
  {
    writer w(open_db(file));
    w.submit(creating("gate", 1), g.callback());
    g.wait_until_entered();
    for (std::size_t i = 0; i < queued; ++i) w.submit(creating("S" + std::to_string(i), 1), got.for_batch(i));
    g.open();
  }

  for (std::size_t i = 0; i < queued; ++i) EXPECT_EQ(got.calls[i].load(), 1) << "batch " << i;
  EXPECT_EQ(database(file.path()).load_sessions().size(), queued + 1);
}

}  // namespace
}  // namespace debrief::storage::test
