/**
 * Demo data for response reports: a cycle in which the States of the Regional Conference on
 * Migration (RCM) answer the Trafficking in Persons questionnaire with synthetic answers, labelled
 * as demo data in the cycle name and in every text answer. Nine of the eleven submit (Guatemala
 * and Nicaragua have not), and two submit a second version that turns some "no" into "yes", so
 * the report shows completion, gaps and change on first start. Goes through the same use cases
 * as the API (naming contacts, draft, submission), so the answer index is written as in use.
 * Idempotent: a platform that has the cycle already is left alone.
 */
import { createHash } from 'node:crypto';
import type { User } from '#shared/auth/principal.ts';
import { questionnaireForInstrument, questionsOf } from '#shared/domain/questionnaire/index.ts';
import { shippedSets } from '#shared/domain/response-report/country-sets.ts';
import type { Instrument } from '#shared/domain/types.ts';
import { listCycles } from '#shared/repos/cycles.ts';
import { demoUser } from './demo-users.ts';
import { SEED_PRINCIPAL } from './seed.ts';

export const RESPONSES_DEMO_CYCLE_NAME =
  'Demo: RCM self-assessments, Trafficking in Persons (synthetic demo data)';
/** RCM members that have not submitted in the demo (the completion list shows them). */
const NOT_SUBMITTED = new Set(['GTM', 'NIC']);
/** Submit a second version that improves some answers (the report's "change" view). */
const IMPROVERS = new Set(['CRI', 'PAN']);

const principal = (sub: string): User => {
  const u = demoUser(sub);
  if (!u) throw new Error(`no demo user ${sub}`);
  return { kind: 'user', sub: u.sub, role: u.role, state: u.state, name: u.name };
};

/** A stable pseudo-random number in [0, 1) for a State and a question. */
const draw = (...parts: string[]): number =>
  createHash('sha256').update(parts.join('|')).digest().readUInt32BE(0) / 2 ** 32;

/** Synthetic answers: mostly "yes", with gaps concentrated on a few articles, as a plausible picture. */
export const demoAnswers = (
  iso3: string,
  round: number,
  instrument: Instrument = 'TIP',
): Record<string, unknown> => {
  const def = questionnaireForInstrument(instrument);
  const out: Record<string, unknown> = {};
  for (const { question, article } of questionsOf(def)) {
    const r = draw(iso3, question.id);
    // Protection, prevention, border and cooperation articles are where the demo's gaps are.
    const weak = ['TIP.6', 'TIP.7', 'TIP.8', 'TIP.9', 'TIP.11', 'UNTOC.24', 'UNTOC.25', 'UNTOC.27'].includes(
      article.id,
    );
    if (question.type === 'yes-no-partly') {
      let answer = r < (weak ? 0.4 : 0.75) ? 'yes' : r < (weak ? 0.7 : 0.9) ? 'partly' : 'no';
      if (round > 1 && answer === 'no' && draw('improve', iso3, question.id) < 0.7) answer = 'yes';
      out[question.id] = answer;
    } else if (question.type === 'text') {
      out[question.id] = `Synthetic demo answer for ${iso3} — not a real submission.`;
    } else if (question.type === 'legislation') {
      out[question.id] = [
        {
          title: `Demo law (${iso3}, ${instrument})`,
          article: `art. ${1 + Math.floor(r * 40)}`,
          url: `https://sherloc.unodc.org/cld/en/legislation/${iso3.toLowerCase()}/demo.html`,
        },
      ];
    } else if (question.type === 'statistics') {
      out[question.id] = [
        { value: Math.floor(r * 60), year: 2023 },
        { value: Math.floor(draw(iso3, question.id, '2024') * 60), year: 2024 },
      ];
    }
  }
  return out;
};

export const seedResponsesDemo = async (): Promise<void> => {
  if ((await listCycles()).some((c) => c.name === RESPONSES_DEMO_CYCLE_NAME)) return;
  const rcm = shippedSets().find((s) => s.id === 'rcm');
  if (!rcm) throw new Error('data/country-sets.json has no rcm set');
  const { cycleUseCases } = await import('#shared/use-cases/cycles.ts');
  const { nameContacts } = await import('#shared/use-cases/reviews/workflow.ts');
  const drafts = await import('#shared/use-cases/self-assessments/drafts.ts');
  const { submitSelfAssessment } = await import('#shared/use-cases/self-assessments/submissions.ts');
  const ctx = { now: new Date(), requestId: 'seed-responses' };
  // Each step at its own time, as when made through the API.
  const at = () => ({ now: new Date(), requestId: 'seed-responses' });
  const created = await cycleUseCases.createCycle(
    SEED_PRINCIPAL,
    {
      name: RESPONSES_DEMO_CYCLE_NAME,
      mechanism: 'untoc',
      year: new Date().getUTCFullYear(),
      instruments: ['TIP'],
      underReview: rcm.members,
      exclusions: [],
      policy: {},
      deadlines: {},
    },
    ctx,
  );
  const cycleId = created.cycleId;
  const proposed = await cycleUseCases.proposeDraw(SEED_PRINCIPAL, { cycleId }, ctx);
  await cycleUseCases.confirmDraw(SEED_PRINCIPAL, { cycleId, drawId: proposed.drawId }, ctx);
  for (const iso3 of rcm.members) {
    if (NOT_SUBMITTED.has(iso3)) continue;
    const reviewId = `${cycleId}.${iso3}`;
    await nameContacts(
      SEED_PRINCIPAL,
      { reviewId, state: iso3, focalPoint: `focal-point@${iso3}`, experts: [`expert@${iso3}`] },
      ctx,
    );
    const rounds = IMPROVERS.has(iso3) ? 2 : 1;
    for (let round = 1; round <= rounds; round++) {
      const ref = { reviewId, instrument: 'TIP' as const };
      const expert = principal(`expert@${iso3}`);
      const draft = await drafts.getSelfAssessmentDraft(expert, ref);
      await drafts.patchSelfAssessmentDraft(
        expert,
        { ...ref, expectedVersion: draft.version, answers: demoAnswers(iso3, round) },
        at(),
      );
      await submitSelfAssessment(principal(`focal-point@${iso3}`), ref, at());
    }
  }
};
