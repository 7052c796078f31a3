// The one way code reads the time of day: a Clock passed in by the wiring (src/app/services.ts).
// Production uses systemClock; tests construct a clock at a fixed or moving instant instead of
// patching Date or swapping functions on shared objects. Durations (performance.now, progress
// timers) are not clock reads and do not use it.
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/** A clock stopped at `at`, or following `at()` (a test moving time forward). */
export function fixedClock(at: Date | string | (() => Date)): Clock {
  if (typeof at === "function") return { now: () => at() };
  const t = new Date(at).getTime();
  return { now: () => new Date(t) };
}
