// What the writer tells its observer (metrics): each transaction with the
// number of batches it stored, and each background checkpoint.

#include <atomic>
#include <latch>
#include <memory>
#include <mutex>
#include <vector>

#include "debrief/storage/writer.hpp"
#include "test_support.hpp"

namespace debrief::storage::test {
namespace {

class recording_observer final : public writer_observer {
 public:
  void committed(std::chrono::steady_clock::duration took, std::size_t batches) override {
    std::lock_guard lock(mutex_);
    EXPECT_GE(took.count(), 0);
    commits_.push_back(batches);
  }
  void checkpointed(std::chrono::steady_clock::duration took) override {
    EXPECT_GE(took.count(), 0);
    ++checkpoints_;
  }
  std::vector<std::size_t> commits() const {
    std::lock_guard lock(mutex_);
    return commits_;
  }
  int checkpoints() const { return checkpoints_; }

 private:
  mutable std::mutex mutex_;
  std::vector<std::size_t> commits_;
  std::atomic<int> checkpoints_{0};
};

TEST(WriterObserver, EachTransactionIsReportedWithItsBatchCount) {
  temp_database_file file;
  recording_observer seen;
  {
    writer w(std::make_unique<database>(file.path()));
    w.observe(&seen);
    // Held inside the first batch's callback while ten more queue up.
    std::latch entered(1);
    std::latch opened(1);
    w.submit(creating("gate", 1), [&](const std::optional<std::string>&) {
      entered.count_down();
      opened.wait();
    });
    entered.wait();
    std::latch answered(10);
    for (int i = 0; i < 10; ++i) {
      w.submit(creating("S" + std::to_string(i), 2), [&](const std::optional<std::string>&) { answered.count_down(); });
    }
    opened.count_down();
    answered.wait();
  }
  EXPECT_EQ(seen.commits(), (std::vector<std::size_t>{1, 10}));
}

TEST(WriterObserver, BackgroundCheckpointsAreReported) {
  temp_database_file file;
  recording_observer seen;
  {
    // A short log: a checkpoint starts every 20 frames.
    writer w(std::make_unique<database>(file.path(), 20));
    w.observe(&seen);
    std::latch answered(200);
    for (int i = 0; i < 200; ++i) {
      w.submit(creating("S" + std::to_string(i), 1), [&](const std::optional<std::string>&) { answered.count_down(); });
    }
    answered.wait();
  }
  EXPECT_FALSE(seen.commits().empty());
  EXPECT_GT(seen.checkpoints(), 0);
}

TEST(WriterObserver, NoneIsToldAfterItIsRemoved) {
  temp_database_file file;
  recording_observer seen;
  writer w(std::make_unique<database>(file.path()));
  w.observe(&seen);
  w.observe(nullptr);
  std::latch answered(1);
  w.submit(creating("S", 1), [&](const std::optional<std::string>&) { answered.count_down(); });
  answered.wait();
  EXPECT_TRUE(seen.commits().empty());
}

}  // namespace
}  // namespace debrief::storage::test
