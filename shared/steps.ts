/**
 * Named points inside writes that take several steps (e.g. the batches of a first-draw
 * confirmation). Nothing listens in production; the local platform can be told to crash at one
 * (`COP_CRASH_AT`), which is how the crash test interrupts a confirmation for real.
 */
type StepHook = (step: string) => void | Promise<void>;

let hook: StepHook | null = null;

export const setStepHook = (h: StepHook | null): void => {
  hook = h;
};

export const reachedStep = async (step: string): Promise<void> => {
  if (hook) await hook(step);
};
