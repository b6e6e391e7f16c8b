/**
 * Seeds a local platform: the registry of States parties and the demo cycle. Idempotent: running
 * it on a data folder that is already seeded changes nothing.
 */
import type { Principal } from '#shared/auth/principal.ts';
import { loadReferenceData } from '#shared/reference-data.ts';
import { importStates } from '#shared/repos/registry.ts';

/** Seeding acts as the secretariat, under a name that shows in the audit log. */
export const SEED_PRINCIPAL: Principal = {
  kind: 'user',
  sub: 'seed',
  role: 'secretariat',
  state: null,
  name: 'Local seed',
};

export const seedLocal = async (): Promise<void> => {
  await importStates(loadReferenceData().states, {
    principal: SEED_PRINCIPAL,
    now: new Date(),
    action: 'registry.import',
  });
};
