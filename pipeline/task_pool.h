// Small independent tasks (one cell read alone) shared among the page
// workers of one document, so a worker that has run out of pages helps with
// the cells of the pages still being read instead of idling: without it the
// last page alone decides when a scanned document is done.
#pragma once

#include <condition_variable>
#include <deque>
#include <exception>
#include <functional>
#include <memory>
#include <mutex>
#include <vector>

namespace pdfrecon {

class TaskPool {
 public:
  // Runs every task, some of them on helping threads; returns when all have
  // run, rethrowing the first exception one of them threw.
  void run_all(std::vector<std::function<void()>> tasks);

  // A worker with nothing else to do runs queued tasks until `finished()`
  // is true (checked whenever the pool is notified).
  void help_until(const std::function<bool()>& finished);

  // Wakes helping workers so they check `finished()` again.
  void notify();

 private:
  struct Batch {
    int left = 0;
    std::exception_ptr failure;
  };
  struct Task {
    std::function<void()> fn;
    std::shared_ptr<Batch> batch;
  };
  void run(Task& task, std::unique_lock<std::mutex>& lock);

  std::mutex mutex_;
  std::condition_variable changed_;
  std::deque<Task> queue_;
};

}  // namespace pdfrecon
