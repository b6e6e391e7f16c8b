/**
 * The public review-status page (no sign-in): every State party, its status per cycle, counts.
 * Reads cycles, live reviews, the registry and what States chose to show; nothing else.
 */
import type { Principal } from '../../auth/principal.ts';
import { assertCan } from '../../domain/authz.ts';
import { NotFoundError } from '../../domain/errors.ts';
import { buildReviewStatus } from '../../domain/public/review-status.ts';
import type { Iso3 } from '../../domain/types.ts';
import { listCycles } from '../../repos/cycles.ts';
import { listPublicInstitutions, savePublicInstitution } from '../../repos/public-contacts.ts';
import { listStates } from '../../repos/registry.ts';
import type { UseCaseContext } from '../context.ts';
import { liveCycleReviews } from '../review-access.ts';

export const publicReviewStatus = async (actor: Principal, input: { cycleId?: string }) => {
  assertCan(actor, 'public.read');
  const cycles = (await listCycles()).filter((c) => !input.cycleId || c.cycleId === input.cycleId);
  const [states, institutions, reviews] = await Promise.all([
    listStates(),
    listPublicInstitutions(),
    Promise.all(cycles.map((c) => liveCycleReviews(c.cycleId))),
  ]);
  return buildReviewStatus({
    states: states.map((s) => ({ iso3: s.iso3, name: s.name, group: s.group ?? s.drawGroup ?? null })),
    cycles,
    reviews: reviews.flat(),
    institutions,
  });
};

/** A State's focal point (or the secretariat) shows its institution on the public page, or withdraws it. */
export const setPublicInstitution = async (
  actor: Principal,
  input: { iso3: Iso3; institution: string | null },
  ctx: UseCaseContext,
) => {
  assertCan(actor, 'public-contact.manage', { reviewedState: input.iso3, reviewerStates: [] });
  const known = (await listStates()).some((s) => s.iso3 === input.iso3);
  if (!known) throw new NotFoundError(`${input.iso3} is not a State party in the registry`);
  await savePublicInstitution(input.iso3, input.institution, {
    principal: actor,
    now: ctx.now,
    action: 'public-contact.manage',
  });
  return { iso3: input.iso3, institution: input.institution };
};
