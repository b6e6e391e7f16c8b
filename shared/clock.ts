/**
 * The time every request runs at. Real time by default; the local platform and the tests can
 * move it (an activation link that expired, a deadline that passed) without waiting for it.
 */
let offsetMs = 0;

export const now = (): Date => new Date(Date.now() + offsetMs);

/** Moves the clock so that `now()` returns `at` (local platform and tests only). */
export const setNow = (at: Date): void => {
  offsetMs = at.getTime() - Date.now();
};

export const resetClock = (): void => {
  offsetMs = 0;
};
