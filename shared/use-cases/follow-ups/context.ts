/** What a use case gets besides the actor and its input: the clock (never read inside). */
export interface UseCaseContext {
  now: Date;
}
