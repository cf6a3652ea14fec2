#include "task_pool.h"

namespace pdfrecon {

void TaskPool::run(Task& task, std::unique_lock<std::mutex>& lock) {
  lock.unlock();
  std::exception_ptr failure;
  try {
    task.fn();
  } catch (...) {
    failure = std::current_exception();
  }
  lock.lock();
  if (failure && !task.batch->failure) task.batch->failure = failure;
  --task.batch->left;
  changed_.notify_all();
}

void TaskPool::run_all(std::vector<std::function<void()>> tasks) {
  if (tasks.empty()) return;
  auto batch = std::make_shared<Batch>();
  std::unique_lock lock(mutex_);
  batch->left = int(tasks.size());
  for (auto& fn : tasks) queue_.push_back({std::move(fn), batch});
  changed_.notify_all();
  while (batch->left > 0) {
    if (!queue_.empty()) {
      Task task = std::move(queue_.front());
      queue_.pop_front();
      run(task, lock);
    } else {
      changed_.wait(lock);
    }
  }
  if (batch->failure) std::rethrow_exception(batch->failure);
}

void TaskPool::help_until(const std::function<bool()>& finished) {
  std::unique_lock lock(mutex_);
  for (;;) {
    if (!queue_.empty()) {
      Task task = std::move(queue_.front());
      queue_.pop_front();
      run(task, lock);
      continue;
    }
    if (finished()) return;
    changed_.wait(lock);
  }
}

void TaskPool::notify() {
  std::lock_guard lock(mutex_);
  changed_.notify_all();
}

}  // namespace pdfrecon
