/**
 * The secretariat sets which public status each workflow stage of a cycle's reviews shows on
 * the public review-status page (or restores the default): a setting, because DOMAIN.md gives
 * no rule for where "not started" ends. Conditional on the cycle version read, audited.
 */
import type { Principal } from '../../auth/principal.ts';
import { assertCan } from '../../domain/authz.ts';
import type { Cycle } from '../../domain/cycle.ts';
import { ValidationError } from '../../domain/errors.ts';
import { type PublicStatusPolicy, publicStatusPolicyProblem } from '../../domain/public/review-status.ts';
import { getCycle, saveCycleSettings } from '../../repos/cycles.ts';
import type { UseCaseContext } from '../context.ts';
import { assertVersion, staleIfConflict } from '../versioning.ts';

export const setPublicStatusPolicy = async (
  actor: Principal,
  input: { cycleId: string; expectedVersion: number; publicStatus: PublicStatusPolicy | null },
  { now }: UseCaseContext,
): Promise<Cycle> => {
  assertCan(actor, 'cycle.manage');
  const stored = await getCycle(input.cycleId);
  assertVersion(input.expectedVersion, stored.cycle.version, `cycle ${input.cycleId}`);
  const problem = input.publicStatus ? publicStatusPolicyProblem(input.publicStatus) : null;
  if (problem) throw new ValidationError(`publicStatus.${problem}`, { field: 'publicStatus' });
  const { publicStatus: _previous, ...rest } = stored.cycle;
  const cycle: Cycle = {
    ...rest,
    ...(input.publicStatus ? { publicStatus: input.publicStatus } : {}),
    version: stored.cycle.version + 1,
  };
  await staleIfConflict(
    saveCycleSettings(
      { cycle, secret: stored.secret },
      {
        principal: actor,
        now,
        action: 'cycle.public-status-policy',
        details: { publicStatus: input.publicStatus, previous: stored.cycle.publicStatus ?? null },
      },
    ),
  );
  return cycle;
};
