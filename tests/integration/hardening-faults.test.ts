import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { dynamo, s3Client } from '#shared/aws/clients.ts';
import { questionnaireForInstrument, questionsOf } from '#shared/domain/questionnaire/index.ts';
import { logger } from '#shared/logger.ts';
import { loadReferenceData } from '#shared/reference-data.ts';
import { loadAllComments } from '#shared/repos/comments.ts';
import { seedLocal } from '../../scripts/local/seed.ts';
import { callAs, useLocalPlatform } from '../support/local-aws.ts';
import { seedReview, seedSubmittedVersion } from '../support/reviews.ts';

const DIALOGUE_REVIEW = 'C2026.CIV';

const platform = await useLocalPlatform(async () => {
  await seedLocal();
  await seedReview({ state: 'dialogue' });
  await seedSubmittedVersion(DIALOGUE_REVIEW, 'TIP');
});
afterAll(() => platform.stop());
afterEach(() => {
  vi.restoreAllMocks();
});
/** The injected failures are logged as unhandled errors by design; keep the output readable. */
const quietLogs = () => vi.spyOn(logger, 'error').mockImplementation(() => undefined);

const client = callAs(platform);
const call = async (
  sub: string,
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
) => {
  const res = await client(sub, method, path, body, headers);
  return { ...res, replay: res.headers.get('idempotent-replay') === 'true' };
};
type Reply = Awaited<ReturnType<typeof call>>;

type Send = (...args: unknown[]) => Promise<unknown>;

/**
 * Wraps `send` of both client singletons: counts calls, and makes call number `failAt` (1-based)
 * fail as an unavailable service would. Returns the count so far.
 */
const instrument = (failAt: number | null) => {
  let calls = 0;
  const failed: string[] = [];
  for (const client of [dynamo(), s3Client()] as unknown as { send: Send }[]) {
    const real = client.send.bind(client);
    vi.spyOn(client, 'send').mockImplementation((command: unknown, ...rest: unknown[]) => {
      calls++;
      if (calls === failAt) {
        failed.push((command as object).constructor.name);
        return Promise.reject(
          Object.assign(new Error('injected: service unavailable'), { $fault: 'server' }),
        );
      }
      return real(command, ...rest);
    });
  }
  return { calls: () => calls, failed };
};

interface Scenario<Ctx> {
  /** A fresh precondition for attempt k (the operation has not run on it). */
  prepare: (k: number) => Promise<Ctx>;
  run: (ctx: Ctx, idempotencyKey: string) => Promise<Reply>;
  /** What the API shows of the state the operation changes. */
  visible: (ctx: Ctx) => Promise<unknown>;
  /** After success: the operation took effect exactly once. */
  once: (ctx: Ctx, reply: Reply) => Promise<void>;
}

/** Counts the calls of a clean run, then fails each one in turn; returns N. */
const injectEveryStep = async <Ctx>(name: string, s: Scenario<Ctx>): Promise<number> => {
  const clean = await s.prepare(0);
  const counter = instrument(null);
  const ok = await s.run(clean, `${name}-count-0000`);
  const n = counter.calls();
  vi.restoreAllMocks();
  expect(ok.status, JSON.stringify(ok.json)).toBeLessThan(300);
  await s.once(clean, ok);
  expect(n).toBeGreaterThan(0);

  for (let k = 1; k <= n; k++) {
    const ctx = await s.prepare(k);
    const before = await s.visible(ctx);
    const key = `${name}-fault-${k}-key`;
    quietLogs();
    const fault = instrument(k);
    const first = await s.run(ctx, key);
    vi.restoreAllMocks();
    const where = `${name}: call ${k}/${n} (${fault.failed.join(',') || 'not reached'}) → ${first.status}`;
    if (first.status >= 300) {
      expect(first.status, where).toBeGreaterThanOrEqual(500);
      expect(await s.visible(ctx), `${where}: partial state visible`).toEqual(before);
    }
    const retry = await s.run(ctx, key);
    if (first.status < 300 && retry.status === 409) {
      // The operation completed but recording its result failed (the last call): the key stays
      // reserved, so a retry is told the first request is in progress and does not run it twice.
      expect(retry.json.error.code, where).toBe('IDEMPOTENCY_IN_PROGRESS');
      await s.once(ctx, first);
      continue;
    }
    expect(retry.status, `${where}; retry: ${JSON.stringify(retry.json)}`).toBeLessThan(300);
    await s.once(ctx, retry);
    // A second retry replays the stored result and changes nothing.
    const again = await s.run(ctx, key);
    expect(again.status, where).toBe(retry.status);
    await s.once(ctx, again);
  }
  return n;
};

/** Answers to every required question (`no` avoids the conditional citations). */
const completeAnswers = (): Record<string, unknown> => {
  const out: Record<string, unknown> = {};
  for (const { question } of questionsOf(questionnaireForInstrument('TIP'))) {
    if (!question.required) continue;
    if (question.type === 'yes-no-partly') out[question.id] = 'no';
    else if (question.type === 'text') out[question.id] = 'Answered.';
    else if (question.type === 'legislation') out[question.id] = [{ title: 'Penal Code' }];
    else if (question.type === 'statistics') out[question.id] = [{ value: 1, year: 2024 }];
  }
  return out;
};

/**
 * Reviewed States for fresh reviews, one per attempt (each scenario takes its own slice): every
 * State party except the fixture's reviewers and default reviewed State, so a scenario with more
 * storage calls (one attempt per call) does not run out.
 */
const SEED_STATES = new Set(['CIV', 'GHA', 'TUR']);
const STATES = loadReferenceData()
  .states.map((s) => s.iso3)
  .filter((iso3) => !SEED_STATES.has(iso3));
let nextState = 0;
const freshReview = async (state: string) => {
  const reviewedState = STATES[nextState++];
  if (!reviewedState) throw new Error('out of fresh States');
  const review = await seedReview({ reviewedState, state: state as never });
  return { reviewId: review.reviewId, iso3: reviewedState };
};

describe('storage faults at every step, then a retry with the same Idempotency-Key', () => {
  it('self-assessment submit: no partial version is visible, and the retry yields exactly one version', async () => {
    const answers = completeAnswers();
    const n = await injectEveryStep('submit', {
      prepare: async () => {
        const r = await freshReview('contacts-named');
        const base = `/reviews/${r.reviewId}/self-assessments/TIP`;
        const saved = await call(
          `expert@${r.iso3}`,
          'PATCH',
          `${base}/draft`,
          { answers },
          { 'if-match': '0' },
        );
        expect(saved.status, JSON.stringify(saved.json)).toBe(200);
        return { ...r, base };
      },
      run: (c, key) =>
        call(`focal-point@${c.iso3}`, 'POST', `${c.base}/submissions`, undefined, { 'idempotency-key': key }),
      visible: async (c) => ({
        submissions: (await call('secretariat-1', 'GET', `${c.base}/submissions`)).json,
        v1: (await call('secretariat-1', 'GET', `${c.base}/submissions/1`)).status,
        review: (await call('secretariat-1', 'GET', `/reviews/${c.reviewId}`)).json?.state,
      }),
      once: async (c, reply) => {
        expect(reply.json.version).toBe(1);
        const list = await call('secretariat-1', 'GET', `${c.base}/submissions`);
        expect(list.json.submissions.map((s: { version: number }) => s.version)).toEqual([1]);
        expect((await call('secretariat-1', 'GET', `${c.base}/submissions/1`)).status).toBe(200);
        expect((await call('secretariat-1', 'GET', `/reviews/${c.reviewId}`)).json.state).toBe(
          'self-assessment-submitted',
        );
      },
    });
    expect(n).toBeGreaterThan(2);
  }, 120_000);

  it('comment create: no partial comment is visible, and the retry yields exactly one comment with a consistent history', async () => {
    const texts = new Map<number, string>();
    let attempt = 0;
    const n = await injectEveryStep('comment', {
      prepare: async (k) => {
        texts.set(k, `Fault attempt ${k}: please clarify.`);
        attempt = k;
        return { k };
      },
      run: (c, key) =>
        call(
          'tur-expert',
          'POST',
          `/reviews/${DIALOGUE_REVIEW}/comments`,
          {
            anchor: { instrument: 'TIP', article: 'TIP.5', questionId: 'TIP.5.q1', submissionVersion: 1 },
            type: 'clarification-request',
            visibility: 'all',
            text: texts.get(c.k),
          },
          { 'idempotency-key': key },
        ),
      visible: async () => {
        const all = await loadAllComments(DIALOGUE_REVIEW);
        const summary = await call('secretariat-1', 'GET', `/reviews/${DIALOGUE_REVIEW}/dialogue`);
        return { comments: all.comments.length, versions: all.versions.length, counts: summary.json.counts };
      },
      once: async (c) => {
        const all = await loadAllComments(DIALOGUE_REVIEW);
        const mine = all.comments.filter((x) => x.text === texts.get(c.k));
        expect(mine, `attempt ${attempt}`).toHaveLength(1);
        const history = all.versions.filter((v) => v.commentId === mine[0]?.commentId);
        expect(history.map((v) => v.version)).toEqual([1]);
        const summary = await call('secretariat-1', 'GET', `/reviews/${DIALOGUE_REVIEW}/dialogue`);
        expect(summary.json.counts.total).toBe(all.comments.length);
      },
    });
    expect(n).toBeGreaterThan(2);
  }, 120_000);

  it('draw confirm: no review is visible until the cycle points at the draw, and the retry confirms it exactly once', async () => {
    let cycleNo = 0;
    const n = await injectEveryStep('confirm', {
      prepare: async () => {
        cycleNo++;
        const created = await call('secretariat-1', 'POST', '/cycles', {
          name: `Fault cycle ${cycleNo}`,
          mechanism: 'untoc',
          year: 2026,
          instruments: ['UNTOC', 'TIP'],
          underReview: ['FRA', 'JPN', 'KEN'],
        });
        expect(created.status, JSON.stringify(created.json)).toBe(201);
        const cycleId: string = created.json.cycleId;
        const proposed = await call('secretariat-1', 'POST', `/cycles/${cycleId}/draws`);
        expect(proposed.status, JSON.stringify(proposed.json)).toBe(201);
        return { cycleId, drawId: proposed.json.drawId as string };
      },
      run: (c, key) =>
        call('secretariat-1', 'POST', `/cycles/${c.cycleId}/draws/${c.drawId}/confirmation`, undefined, {
          'idempotency-key': key,
        }),
      visible: async (c) => ({
        reviews: (await call('secretariat-1', 'GET', `/cycles/${c.cycleId}/reviews`)).json.reviews.length,
        confirmed: (await call('secretariat-1', 'GET', `/cycles/${c.cycleId}`)).json.confirmedDrawId ?? null,
      }),
      once: async (c, reply) => {
        expect(reply.json.status).toBe('confirmed');
        const reviews = (await call('secretariat-1', 'GET', `/cycles/${c.cycleId}/reviews`)).json.reviews;
        expect(reviews.map((r: { reviewedState: string }) => r.reviewedState).sort()).toEqual([
          'FRA',
          'JPN',
          'KEN',
        ]);
        expect(reviews.every((r: { version: number }) => r.version === 1)).toBe(true);
        expect((await call('secretariat-1', 'GET', `/cycles/${c.cycleId}`)).json.confirmedDrawId).toBe(
          c.drawId,
        );
      },
    });
    expect(n).toBeGreaterThan(2);
  }, 300_000);

  it('summary publish: nothing is public until the publication commits, and the retry publishes it exactly once', async () => {
    const n = await injectEveryStep('publish', {
      prepare: async () => {
        const r = await freshReview('observations-agreed');
        const base = `/reviews/${r.reviewId}/summaries/combined`;
        const draft = await call('secretariat-1', 'POST', base);
        expect(draft.status, JSON.stringify(draft.json)).toBe(201);
        const agreed = await call(`focal-point@${r.iso3}`, 'POST', `${base}/agreement`, {
          documentVersion: draft.json.documentVersion,
        });
        expect(agreed.status, JSON.stringify(agreed.json)).toBe(200);
        return { ...r, base, documentVersion: agreed.json.documentVersion as number };
      },
      run: (c, key) =>
        call(
          'secretariat-1',
          'POST',
          `${c.base}/publication`,
          { documentVersion: c.documentVersion },
          {
            'idempotency-key': key,
          },
        ),
      visible: async (c) => ({
        public: (await call('secretariat-1', 'GET', `/public/summaries?state=${c.iso3}`)).json.summaries
          .length,
        review: (await call('secretariat-1', 'GET', `/reviews/${c.reviewId}`)).json.state,
        lifecycle: (await call('secretariat-1', 'GET', `/reviews/${c.reviewId}/summaries`)).json.summaries[0]
          ?.lifecycle,
      }),
      once: async (c, reply) => {
        expect(reply.json.lifecycle).toBe('published');
        const listed = (await call('secretariat-1', 'GET', `/public/summaries?state=${c.iso3}`)).json
          .summaries;
        expect(listed).toHaveLength(1);
        expect((await call('secretariat-1', 'GET', `/reviews/${c.reviewId}`)).json.state).toBe('published');
      },
    });
    expect(n).toBeGreaterThan(2);
  }, 600_000);
});
