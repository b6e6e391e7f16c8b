/**
 * Seeds a local platform: the registry of States parties and a demo cycle whose draw is already
 * confirmed, so the workspace has reviews to open. Idempotent: on a data folder that is already
 * seeded it changes nothing. Everything goes through the same use cases the API runs.
 */
import type { User } from '#shared/auth/principal.ts';
import { loadReferenceData } from '#shared/reference-data.ts';
import { listCycles } from '#shared/repos/cycles.ts';
import { importOrganizations, importStates } from '#shared/repos/registry.ts';

/** Seeding acts as the secretariat, under a name that shows in the audit log. */
export const SEED_PRINCIPAL: User = {
  kind: 'user',
  sub: 'seed',
  role: 'secretariat',
  state: null,
  name: 'Local seed',
};

export const DEMO_CYCLE_NAME = 'Demo: UNTOC review mechanism, year group 1';
/** A small year group around the demo accounts' States. */
const DEMO_UNDER_REVIEW = [
  'CIV',
  'GHA',
  'TUR',
  'BRA',
  'FRA',
  'JPN',
  'POL',
  'KEN',
  'MEX',
  'IND',
  'SEN',
  'DEU',
];

/**
 * The demo review the README describes: Ghana (same regional group) and Türkiye (another group)
 * review Côte d'Ivoire, so the demo accounts can play both sides. The draw stays a real draw; the
 * seed only declares every other State unable to review Côte d'Ivoire (a declared conflict, shown
 * with this reason), which leaves Ghana and Türkiye as its only eligible reviewers.
 */
const DEMO_REVIEWED = 'CIV';
const DEMO_REVIEWERS = ['GHA', 'TUR'] as const;
const DEMO_EXCLUSION_REASON = 'Demo seed: Ghana and Türkiye review Côte d’Ivoire in the demo';

const demoExclusions = (allStates: readonly string[]) =>
  allStates
    .filter((iso3) => iso3 !== DEMO_REVIEWED && !(DEMO_REVIEWERS as readonly string[]).includes(iso3))
    .map((reviewer) => ({ reviewer, reviewed: DEMO_REVIEWED, reason: DEMO_EXCLUSION_REASON }));

export const seedLocal = async (): Promise<void> => {
  const audit = { principal: SEED_PRINCIPAL, now: new Date(), action: 'registry.import' };
  const data = loadReferenceData();
  await importStates(data.states, audit);
  await importOrganizations(data.organizations, audit);
};

/** The registry, the demo cycle and the response-report demo (for `npm start`; tests seed what each needs). */
export const seedDemo = async (): Promise<void> => {
  await seedLocal();
  await seedDemoCycle();
  // Response reports: RCM States' synthetic self-assessments, then the index of any version
  // submitted before the index existed (idempotent).
  const { seedResponsesDemo } = await import('./seed-responses.ts');
  await seedResponsesDemo();
  const { backfillAnswerIndex } = await import('#shared/use-cases/answer-index.ts');
  const { loadDocument } = await import('#shared/use-cases/self-assessments/versions.ts');
  await backfillAnswerIndex(async (v) => (await loadDocument(v)).answers);
};

const seedDemoCycle = async (): Promise<void> => {
  if ((await listCycles()).some((c) => c.name === DEMO_CYCLE_NAME)) return;
  const { cycleUseCases } = await import('#shared/use-cases/cycles.ts');
  // The use cases themselves, as the secretariat: no HTTP request to fake.
  const ctx = { now: new Date(), requestId: 'seed' };
  const created = await cycleUseCases.createCycle(
    SEED_PRINCIPAL,
    {
      name: DEMO_CYCLE_NAME,
      mechanism: 'untoc',
      year: new Date().getUTCFullYear(),
      instruments: ['UNTOC', 'TIP', 'SOM', 'FIREARMS'],
      underReview: DEMO_UNDER_REVIEW,
      exclusions: demoExclusions(loadReferenceData().states.map((st) => st.iso3)),
      policy: {},
      deadlines: {},
    },
    ctx,
  );
  const proposed = await cycleUseCases.proposeDraw(SEED_PRINCIPAL, { cycleId: created.cycleId }, ctx);
  await cycleUseCases.confirmDraw(SEED_PRINCIPAL, { cycleId: created.cycleId, drawId: proposed.drawId }, ctx);
};
