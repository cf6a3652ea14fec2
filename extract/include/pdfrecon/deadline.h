// A page's time budget. The stages that can take long (OCR above all) look
// at it between steps, and Tesseract is handed what is left of it, so a page
// that would take minutes costs that page, with a warning, never the run.
#pragma once

#include <chrono>
#include <cmath>
#include <cstdio>
#include <string>

#include "pdfrecon/pdf_document.h"

namespace pdfrecon {

// The budget was spent: the page is not read (an InputError, so the page
// fails and the document goes on).
class BudgetSpent : public InputError {
 public:
  using InputError::InputError;
};

class Deadline {
 public:
  using Clock = std::chrono::steady_clock;

  // No deadline.
  Deadline() = default;
  // `seconds` from now; 0 or less (or not a number): no deadline.
  static Deadline after(double seconds) {
    Deadline d;
    if (seconds > 0 && std::isfinite(seconds)) {
      d.budget_ = seconds;
      d.end_ = Clock::now() +
               std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(seconds));
    }
    return d;
  }

  bool limited() const { return budget_ > 0; }
  bool passed() const { return limited() && Clock::now() >= end_; }
  // Milliseconds left (at least 1 while limited); -1 without a deadline.
  long long millis_left() const {
    if (!limited()) return -1;
    auto left = std::chrono::duration_cast<std::chrono::milliseconds>(end_ - Clock::now()).count();
    return left < 1 ? 1 : left;
  }

  // Throws BudgetSpent when the deadline has passed.
  void check() const {
    if (passed()) {
      char budget[32];
      std::snprintf(budget, sizeof budget, "%g", budget_);
      throw BudgetSpent(std::string("its time budget of ") + budget +
                        " s was spent (see --page-seconds)");
    }
  }

 private:
  double budget_ = 0;
  Clock::time_point end_{};
};

}  // namespace pdfrecon
