/**
 * Integrity of the draw under races (issue 13): who takes part in a review always follows the
 * confirmed draw. Real handlers on the embedded DynamoDB and S3; requests fired in parallel.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { TransactWriteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { dynamo } from '#shared/aws/clients.ts';
import { deriveRedrawSeed } from '#shared/domain/draw/prng.ts';
import { logger } from '#shared/logger.ts';
import { tableName } from '#shared/repos/dynamo.ts';
import { seedLocal } from '../../scripts/local/seed.ts';
import { type ApiResponse, apiClient, useLocalPlatform } from '../support/local-aws.ts';

const platform = await useLocalPlatform(seedLocal);
afterAll(() => platform.stop());
afterEach(() => {
  vi.restoreAllMocks();
});
const call = apiClient(platform);
const secretariat = (method: string, path: string, body?: unknown) =>
  call('secretariat-1', method, path, { body });

interface DrawRecord {
  drawId: string;
  assignments: { reviewed: string; instrument: string; reviewers: { iso3: string }[] }[];
}
interface ReviewRow {
  reviewId: string;
  reviewedState: string;
  drawId: string;
  seats: { reviewer: string; instruments: string[] }[];
}

const UNDER_REVIEW = [
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
  'ARG',
  'EGY',
  'CAN',
  'ITA',
];

/** A cycle of 16 States with its first draw confirmed. */
const confirmedCycle = async (policy: Record<string, unknown> = {}) => {
  const created = await secretariat('POST', '/cycles', {
    name: 'Integrity',
    mechanism: 'untoc',
    year: 2026,
    instruments: ['UNTOC', 'TIP', 'SOM', 'FIREARMS'],
    underReview: UNDER_REVIEW,
    policy,
  });
  expect(created.status, created.text).toBe(201);
  const cycleId: string = created.json.cycleId;
  const proposed = await secretariat('POST', `/cycles/${cycleId}/draws`);
  expect(proposed.status, proposed.text).toBe(201);
  const confirmed = await secretariat(
    'POST',
    `/cycles/${cycleId}/draws/${proposed.json.drawId}/confirmation`,
  );
  expect(confirmed.status, confirmed.text).toBe(200);
  return cycleId;
};

/** reviewer:instrument pairs, as a comparable string, for one reviewed State. */
const seatKey = (pairs: [string, string][]) =>
  pairs
    .map(([reviewer, instrument]) => `${reviewer}:${instrument}`)
    .sort()
    .join(' ');

type Api = (method: string, path: string, body?: unknown) => Promise<ApiResponse>;

/** The invariant: every review's seats are exactly the confirmed draw's assignment. */
const assertReviewsFollowTheConfirmedDraw = async (
  cycleId: string,
  label: string,
  api: Api = secretariat,
  underReview: string[] = UNDER_REVIEW,
) => {
  const cycle = (await api('GET', `/cycles/${cycleId}`)).json;
  const record = (await api('GET', `/cycles/${cycleId}/draws/${cycle.confirmedDrawId}`)).json as DrawRecord;
  const reviews = (await api('GET', `/cycles/${cycleId}/reviews`)).json.reviews as ReviewRow[];
  expect(reviews.map((r) => r.reviewedState).sort(), label).toEqual([...underReview].sort());
  for (const r of reviews) {
    const drawn = seatKey(
      record.assignments
        .filter((a) => a.reviewed === r.reviewedState)
        .flatMap((a) => a.reviewers.map((x) => [x.iso3, a.instrument] as [string, string])),
    );
    const seated = seatKey(
      r.seats.flatMap((s) => s.instruments.map((i) => [s.reviewer, i] as [string, string])),
    );
    expect(seated, `${label}: seats of ${r.reviewId}`).toBe(drawn);
  }
  return { cycle, record, reviews };
};

const reviewerOf = (record: DrawRecord, reviewed: string) =>
  record.assignments.find((a) => a.reviewed === reviewed && a.instrument === 'UNTOC')?.reviewers[0]?.iso3 ??
  '';

describe('redraw confirmation is all or nothing', () => {
  it('under parallel redraw requests and confirmations, a 409 changes nothing and every review keeps the confirmed seats', async () => {
    const cycleId = await confirmedCycle({ redrawBudget: 8 });
    let conflicts = 0;
    for (let round = 0; round < 4; round++) {
      const { record } = await assertReviewsFollowTheConfirmedDraw(cycleId, `before round ${round}`);
      const target = UNDER_REVIEW[round] ?? '';
      const requested = await secretariat('POST', `/cycles/${cycleId}/redraws`, {
        reviewed: target,
        reviewerToReplace: reviewerOf(record, target),
      });
      expect(requested.status, requested.text).toBe(201);
      // Two confirmations of that redraw race three requests for other States (each request
      // moves the cycle's version, which is what made a confirmation fail halfway).
      const noise = UNDER_REVIEW.slice(4 + 3 * round, 7 + 3 * round);
      const replies: ApiResponse[] = await Promise.all([
        secretariat('POST', `/cycles/${cycleId}/draws/${requested.json.drawId}/confirmation`),
        ...noise.map((reviewed) =>
          secretariat('POST', `/cycles/${cycleId}/redraws`, {
            reviewed,
            reviewerToReplace: reviewerOf(record, reviewed),
          }),
        ),
        secretariat('POST', `/cycles/${cycleId}/draws/${requested.json.drawId}/confirmation`),
      ]);
      for (const r of replies) expect([200, 201, 409], r.text).toContain(r.status);
      conflicts += replies.filter((r) => r.status === 409).length;
      await assertReviewsFollowTheConfirmedDraw(cycleId, `after round ${round}`);
    }
    // The races were real: some of the parallel calls lost.
    expect(conflicts).toBeGreaterThan(0);
  });

  it('writes the redraw confirmation into the review’s own audit log', async () => {
    const cycleId = await confirmedCycle();
    const first = (await secretariat('GET', `/cycles/${cycleId}`)).json.confirmedDrawId as string;
    const record = (await secretariat('GET', `/cycles/${cycleId}/draws/${first}`)).json as DrawRecord;
    const replaced = reviewerOf(record, 'CIV');
    const requested = await call('civ-focal', 'POST', `/cycles/${cycleId}/redraws`, {
      body: { reviewed: 'CIV', reviewerToReplace: replaced },
    });
    expect(requested.status, requested.text).toBe(201);
    const confirmed = await secretariat(
      'POST',
      `/cycles/${cycleId}/draws/${requested.json.drawId}/confirmation`,
    );
    expect(confirmed.status, confirmed.text).toBe(200);
    const audit = await secretariat('GET', `/reviews/${cycleId}.CIV/audit`);
    expect(audit.status, audit.text).toBe(200);
    const entry = (
      audit.json.entries as { action: string; actor: string; details?: Record<string, unknown> }[]
    ).find((e) => e.action === 'redraw.confirm');
    expect(entry, JSON.stringify(audit.json.entries)).toBeDefined();
    expect(entry?.actor).toBe('secretariat-1');
    expect(entry?.details).toMatchObject({
      drawId: requested.json.drawId,
      previousDrawId: first,
      replaced,
    });
  });
});

/**
 * What a reviewing or reviewed State sees of a review whose first-draw confirmation did not
 * complete: nothing. `api(sub)` calls as that demo user.
 */
const assertNothingVisible = async (
  api: (sub: string) => Api,
  cycleId: string,
  record: DrawRecord,
  reviewed: string,
) => {
  const reviewId = `${cycleId}.${reviewed}`;
  const reviewer = record.assignments.find((a) => a.reviewed === reviewed)?.reviewers[0]?.iso3 ?? '';
  expect((await api('secretariat-1')('GET', `/cycles/${cycleId}`)).json.confirmedDrawId).toBeUndefined();
  expect((await api('secretariat-1')('GET', `/cycles/${cycleId}/reviews`)).json.reviews).toEqual([]);
  for (const sub of [`focal-point@${reviewed}`, `focal-point@${reviewer}`, 'secretariat-1']) {
    const res = await api(sub)('GET', `/reviews/${reviewId}`);
    expect(res.status, `${sub}: ${res.text}`).toBe(404);
    const mine = await api(sub)('GET', `/me/reviews?cycleId=${cycleId}`);
    expect(mine.json.reviews, sub).toEqual([]);
  }
  const ack = await api(`focal-point@${reviewer}`)('POST', `/reviews/${reviewId}/acknowledgements`);
  expect(ack.status, ack.text).toBe(404);
  const contacts = await api(`focal-point@${reviewed}`)('PUT', `/reviews/${reviewId}/contacts`, {
    experts: [`expert@${reviewed}`],
  });
  expect(contacts.status, contacts.text).toBe(404);
};

const ALL_UNTOC = { mechanism: 'untoc', year: 2026, instruments: ['UNTOC'], underReview: 'all' };

describe('a crash during a first-draw confirmation', () => {
  it('leaves no review visible until the cycle points at the draw, and the retry completes it (injected fault)', async () => {
    const created = await secretariat('POST', '/cycles', { ...ALL_UNTOC, name: 'Injected crash' });
    expect(created.status, created.text).toBe(201);
    const cycleId: string = created.json.cycleId;
    const proposed = await secretariat('POST', `/cycles/${cycleId}/draws`);
    expect(proposed.status, proposed.text).toBe(201);
    const record = proposed.json as DrawRecord;
    const reviewed = [...new Set(record.assignments.map((a) => a.reviewed))];
    expect(reviewed.length).toBeGreaterThan(150);
    // Every review batch is written; the transaction that moves the cycle's pointer fails.
    const send = dynamo().send.bind(dynamo());
    vi.spyOn(logger, 'error').mockImplementation(() => undefined);
    vi.spyOn(dynamo(), 'send').mockImplementation((async (cmd: unknown) => {
      const items = cmd instanceof TransactWriteCommand ? (cmd.input.TransactItems ?? []) : [];
      if (items.some((i) => i.Put?.Item?.pk === `CYCLE#${cycleId}` && i.Put?.Item?.sk === 'META'))
        throw new Error('injected crash before the pointer moves');
      return send(cmd as never);
    }) as never);
    const crashed = await secretariat('POST', `/cycles/${cycleId}/draws/${record.drawId}/confirmation`);
    expect(crashed.status).toBe(500);
    vi.restoreAllMocks();
    const as = (sub: string) => (method: string, path: string, body?: unknown) =>
      call(sub, method, path, { body });
    await assertNothingVisible(as, cycleId, record, reviewed[0] ?? '');
    const retried = await secretariat('POST', `/cycles/${cycleId}/draws/${record.drawId}/confirmation`);
    expect(retried.status, retried.text).toBe(200);
    const { reviews } = await assertReviewsFollowTheConfirmedDraw(
      cycleId,
      'after the retry',
      secretariat,
      reviewed,
    );
    expect(reviews.every((r) => (r as ReviewRow & { version: number }).version === 1)).toBe(true);
  }, 300_000);

  it('survives a real crash (kill -9 of the local platform between review batches) and a restart on the same data', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'cop-review-crash-'));
    const children: ChildProcess[] = [];
    /** `npm start -- --no-ui` in its own process group, on `dataDir`; resolves with its URL. */
    const start = async (crashAt?: string) => {
      const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/start.ts', '--no-ui'], {
        cwd: resolve(import.meta.dirname, '../..'),
        env: {
          ...process.env,
          NODE_OPTIONS: '--openssl-legacy-provider',
          DATA_DIR: dataDir,
          PORT: '0',
          COP_CRASH_AT: crashAt ?? '',
        },
        detached: true,
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      children.push(child);
      let out = '';
      const exited = new Promise<number | null>((r) =>
        child.once('exit', (code, signal) => r(signal ? 137 : code)),
      );
      const url = await new Promise<string>((ok, fail) => {
        child.stdout?.on('data', (d: Buffer) => {
          out += d.toString();
          const m = /running at (http:\/\/127\.0\.0\.1:\d+)\/ui\//.exec(out);
          if (m?.[1]) ok(m[1]);
        });
        child.stderr?.on('data', (d: Buffer) => {
          out += d.toString();
        });
        void exited.then(() => fail(new Error(`the platform exited before it started:\n${out}`)));
      });
      const tokens = new Map<string, string>();
      const as =
        (sub: string): Api =>
        async (method, path, body) => {
          let token = tokens.get(sub);
          if (!token) {
            const signIn = await fetch(`${url}/dev/sign-in`, {
              method: 'POST',
              headers: { 'content-type': 'application/json' },
              body: JSON.stringify({ sub }),
            });
            token = ((await signIn.json()) as { token: string }).token;
            tokens.set(sub, token);
          }
          const res = await fetch(`${url}${path}`, {
            method,
            headers: {
              authorization: `Bearer ${token}`,
              ...(body === undefined ? {} : { 'content-type': 'application/json' }),
            },
            body: body === undefined ? undefined : JSON.stringify(body),
          });
          const text = await res.text();
          return {
            status: res.status,
            headers: res.headers,
            text,
            json: text ? JSON.parse(text) : undefined,
          };
        };
      return { as, exited, output: () => out, pid: child.pid ?? 0 };
    };
    const killGroup = (pid: number) => {
      try {
        process.kill(-pid, 'SIGKILL');
      } catch {
        // already gone
      }
    };
    try {
      const first = await start('draw.confirm.batch-1');
      const sec = first.as('secretariat-1');
      const created = await sec('POST', '/cycles', { ...ALL_UNTOC, name: 'Crash' });
      expect(created.status, created.text).toBe(201);
      const cycleId: string = created.json.cycleId;
      const proposed = await sec('POST', `/cycles/${cycleId}/draws`);
      expect(proposed.status, proposed.text).toBe(201);
      const record = proposed.json as DrawRecord;
      const reviewed = [...new Set(record.assignments.map((a) => a.reviewed))];
      expect(reviewed.length).toBeGreaterThan(150);
      // The process dies after the first batch of 50 reviews is written.
      await expect(sec('POST', `/cycles/${cycleId}/draws/${record.drawId}/confirmation`)).rejects.toThrow();
      expect(await first.exited).toBe(137);
      expect(first.output()).toContain('crash at draw.confirm.batch-1');
      killGroup(first.pid);

      const second = await start();
      await assertNothingVisible(second.as, cycleId, record, reviewed[0] ?? '');
      const retried = await second.as('secretariat-1')(
        'POST',
        `/cycles/${cycleId}/draws/${record.drawId}/confirmation`,
      );
      expect(retried.status, retried.text).toBe(200);
      const { reviews } = await assertReviewsFollowTheConfirmedDraw(
        cycleId,
        'after the restart and retry',
        second.as('secretariat-1'),
        reviewed,
      );
      expect(reviews.every((r) => (r as ReviewRow & { version: number }).version === 1)).toBe(true);
      const open = await second.as(`focal-point@${reviewed[0]}`)('GET', `/reviews/${cycleId}.${reviewed[0]}`);
      expect(open.status, open.text).toBe(200);
    } finally {
      for (const c of children) if (c.pid) killGroup(c.pid);
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 600_000);
});

describe('redraw requests', () => {
  it('count against the budget, one open request per reviewed State, the replacement fixed by the committed seed and the request position', async () => {
    const cycleId = await confirmedCycle();
    const first = (await secretariat('GET', `/cycles/${cycleId}`)).json.confirmedDrawId as string;
    const record = (await secretariat('GET', `/cycles/${cycleId}/draws/${first}`)).json as DrawRecord;
    const body = { reviewed: 'CIV', reviewerToReplace: reviewerOf(record, 'CIV') };
    const civ = (method: string, path: string, b?: unknown) => call('civ-focal', method, path, { body: b });
    const one = await civ('POST', `/cycles/${cycleId}/redraws`, body);
    expect(one.status, one.text).toBe(201);
    expect(one.json.redraw.position).toBe(1);
    // Asking again while it is open cannot change the outcome: 409, nothing stored.
    for (let k = 0; k < 3; k++) {
      const again = await civ('POST', `/cycles/${cycleId}/redraws`, body);
      expect(again.status, again.text).toBe(409);
      expect(again.json.error.message).toMatch(/open/);
    }
    const review = (await civ('GET', `/reviews/${cycleId}.CIV`)).json;
    expect(review.redrawRequests).toBe(1);
    expect(review.openRedraw).toMatchObject({ drawId: one.json.drawId, position: 1 });
    // Anyone re-derives the seed from the revealed secret, the State and the position.
    const secret = (await secretariat('GET', `/cycles/${cycleId}`)).json.secret as string;
    expect(one.json.seed).toBe(deriveRedrawSeed(secret, cycleId, 'CIV', 1));
    expect((await civ('GET', `/cycles/${cycleId}/draws/${one.json.drawId}/verification`)).json).toEqual({
      ok: true,
    });
    const confirmed = await secretariat('POST', `/cycles/${cycleId}/draws/${one.json.drawId}/confirmation`);
    expect(confirmed.status, confirmed.text).toBe(200);
    const two = await civ('POST', `/cycles/${cycleId}/redraws`, {
      reviewed: 'CIV',
      reviewerToReplace: reviewerOf(confirmed.json, 'CIV'),
    });
    expect(two.status, two.text).toBe(201);
    expect(two.json.redraw.position).toBe(2);
    expect(two.json.seed).toBe(deriveRedrawSeed(secret, cycleId, 'CIV', 2));
    // The budget (2) counts requests, each at its own position; the third is over it.
    expect(
      (await secretariat('POST', `/cycles/${cycleId}/draws/${two.json.drawId}/confirmation`)).status,
    ).toBe(200);
    const three = await civ('POST', `/cycles/${cycleId}/redraws`, body);
    expect(three.status, three.text).toBe(422);
    expect(three.json.error.message).toMatch(/budget/);
  });

  it('are refused once the desk review has started, naming the rule', async () => {
    const cycleId = await confirmedCycle();
    const first = (await secretariat('GET', `/cycles/${cycleId}`)).json.confirmedDrawId as string;
    const record = (await secretariat('GET', `/cycles/${cycleId}/draws/${first}`)).json as DrawRecord;
    const open = await secretariat('POST', `/cycles/${cycleId}/redraws`, {
      reviewed: 'GHA',
      reviewerToReplace: reviewerOf(record, 'GHA'),
    });
    expect(open.status, open.text).toBe(201);
    for (const reviewed of ['CIV', 'GHA']) {
      await dynamo().send(
        new UpdateCommand({
          TableName: tableName(),
          Key: { pk: `REVIEW#${cycleId}.${reviewed}`, sk: 'META' },
          UpdateExpression: 'SET #s = :s',
          ExpressionAttributeNames: { '#s': 'state' },
          ExpressionAttributeValues: { ':s': 'desk-review' },
        }),
      );
    }
    const before = (await secretariat('GET', `/reviews/${cycleId}.CIV`)).json;
    const refused = await call('civ-focal', 'POST', `/cycles/${cycleId}/redraws`, {
      body: { reviewed: 'CIV', reviewerToReplace: reviewerOf(record, 'CIV') },
    });
    expect(refused.status, refused.text).toBe(409);
    expect(refused.json.error.message).toMatch(/before the desk review/);
    // An open request can no longer be confirmed either.
    const late = await secretariat('POST', `/cycles/${cycleId}/draws/${open.json.drawId}/confirmation`);
    expect(late.status, late.text).toBe(409);
    expect(late.json.error.message).toMatch(/before the desk review/);
    expect((await secretariat('GET', `/reviews/${cycleId}.CIV`)).json).toEqual(before);
    expect((await secretariat('GET', `/cycles/${cycleId}`)).json.confirmedDrawId).toBe(first);
  });
});

describe('what is public by design', () => {
  it('shows cycles, draw records and assignments to every signed-in user by default, never a review’s content; DRAW_DISCLOSURE=secretariat keeps draws to the secretariat and observers', async () => {
    const cycleId = await confirmedCycle();
    const drawId = (await secretariat('GET', `/cycles/${cycleId}`)).json.confirmedDrawId as string;
    const reviewId = `${cycleId}.CIV`;
    const record = (await secretariat('GET', `/cycles/${cycleId}/draws/${drawId}`)).json as DrawRecord;
    const outsider =
      ['BRA', 'FRA', 'JPN', 'MEX'].find(
        (s) =>
          s !== 'CIV' &&
          !record.assignments.some((a) => a.reviewed === 'CIV' && a.reviewers.some((r) => r.iso3 === s)),
      ) ?? 'NZL';
    const as = (sub: string, path: string) => call(sub, 'GET', path);
    const drawPaths = [
      `/cycles/${cycleId}/draws/${drawId}`,
      `/cycles/${cycleId}/draws/${drawId}/verification`,
      `/cycles/${cycleId}/assignments`,
    ];
    for (const path of [`/cycles/${cycleId}`, ...drawPaths])
      expect((await as(`expert@${outsider}`, path)).status, path).toBe(200);
    expect((await as(`expert@${outsider}`, `/reviews/${reviewId}`)).status).toBe(404);
    const listed = (await as(`expert@${outsider}`, `/cycles/${cycleId}/reviews`)).json.reviews as {
      reviewedState: string;
      reviewerStates: string[];
    }[];
    for (const r of listed) expect([r.reviewedState, ...r.reviewerStates]).toContain(outsider);

    const { resetConfig } = await import('#shared/config.ts');
    process.env.DRAW_DISCLOSURE = 'secretariat';
    resetConfig();
    try {
      for (const path of drawPaths) {
        const res = await as(`expert@${outsider}`, path);
        expect(res.status, path).toBe(403);
        expect(res.json.error.message).toContain('draw.read');
        expect((await as('civ-focal', path)).status, path).toBe(403);
        expect((await as('observer-1', path)).status, path).toBe(200);
        expect((await as('secretariat-1', path)).status, path).toBe(200);
      }
      // The cycle and its seed commitment stay public: the commitment must be seen before the draw.
      expect((await as(`expert@${outsider}`, `/cycles/${cycleId}`)).status).toBe(200);
      expect((await as('civ-focal', `/reviews/${reviewId}`)).status).toBe(200);
    } finally {
      delete process.env.DRAW_DISCLOSURE;
      resetConfig();
    }
  });
});
