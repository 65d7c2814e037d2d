// Time as the pacing code sees it: an interface so unit tests run without sleeping.
#pragma once

namespace paperpress {

class Clock {
 public:
  virtual ~Clock() = default;
  virtual double now() = 0;  // seconds, monotonic
  virtual void sleep_for(double seconds) = 0;
};

// The process-wide steady clock.
Clock& system_clock();

}  // namespace paperpress
