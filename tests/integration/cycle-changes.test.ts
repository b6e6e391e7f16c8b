/**
 * Changing a cycle before its draw is confirmed (issue 16, item 17): discard a proposed draw
 * (kept with its record, who, when and why, in the draw history and its verification), edit a
 * cycle (draw inputs only with no draw proposed), withdraw it (kept, listed for the secretariat);
 * after confirmation none of it (409, nothing changed). Real handlers on the embedded emulators.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { auditScope, listAudit } from '#shared/repos/audit.ts';
import { seedLocal } from '../../scripts/local/seed.ts';
import { apiClient, useLocalPlatform } from '../support/local-aws.ts';

const platform = await useLocalPlatform(seedLocal);
afterAll(() => platform.stop());
const call = apiClient(platform);

const cycleBody = {
  name: 'Changes before the draw',
  mechanism: 'untoc',
  year: 2026,
  instruments: ['UNTOC', 'TIP', 'SOM', 'FIREARMS'],
  underReview: ['CIV', 'GHA', 'TUR', 'BRA', 'FRA', 'JPN', 'POL', 'KEN', 'MEX', 'IND'],
};

const sec = (method: string, path: string, body?: unknown, headers?: Record<string, string>) =>
  call('secretariat-1', method, path, { body, headers });
const ifMatch = (version: number) => ({ 'if-match': `"${version}"` });

const newCycle = async (name = cycleBody.name) => {
  const res = await sec('POST', '/cycles', { ...cycleBody, name });
  expect(res.status, res.text).toBe(201);
  return res.json as { cycleId: string; version: number };
};
const cycleOf = async (cycleId: string) => (await sec('GET', `/cycles/${cycleId}`)).json;
/** The cycle's audit stream (no route reads it: the repository does, on this file's table). */
const auditOf = async (cycleId: string) => (await listAudit(auditScope.cycle(cycleId))).entries;

describe('a proposed draw discarded before confirmation', () => {
  it('is kept with its record, who, when and why, verifiable, and cannot be confirmed', async () => {
    const { cycleId } = await newCycle();
    const proposed = (await sec('POST', `/cycles/${cycleId}/draws`)).json;
    expect((await cycleOf(cycleId)).actions).toEqual(['edit', 'discard-draw', 'withdraw']);

    const noReason = await sec('POST', `/cycles/${cycleId}/draws/${proposed.drawId}/discard`, {
      reason: ' ',
    });
    expect(noReason.status).toBe(400);
    expect(noReason.text).toContain('reason');

    const res = await sec('POST', `/cycles/${cycleId}/draws/${proposed.drawId}/discard`, {
      reason: 'Kenya was listed by mistake',
    });
    expect(res.status, res.text).toBe(200);
    expect(res.json.proposedDrawId).toBeUndefined();
    expect(res.json.discardedDraws).toEqual([
      {
        drawId: proposed.drawId,
        recordDigest: proposed.recordDigest,
        reason: 'Kenya was listed by mistake',
        by: 'secretariat-1',
        at: expect.any(String),
      },
    ]);

    // The record is still there, whole (seed, inputs, result), and still verifies.
    const record = await call('civ-focal', 'GET', `/cycles/${cycleId}/draws/${proposed.drawId}`);
    expect(record.json).toMatchObject({ seed: proposed.seed, assignments: proposed.assignments });
    const verification = await call(
      'civ-focal',
      'GET',
      `/cycles/${cycleId}/draws/${proposed.drawId}/verification`,
    );
    expect(verification.json).toMatchObject({
      ok: true,
      discarded: { reason: 'Kenya was listed by mistake' },
    });

    const history = await call('civ-focal', 'GET', `/cycles/${cycleId}/draws`);
    expect(history.status).toBe(200);
    expect(history.json.draws).toEqual([
      {
        drawId: proposed.drawId,
        recordDigest: proposed.recordDigest,
        status: 'discarded',
        discarded: { reason: 'Kenya was listed by mistake', by: 'secretariat-1', at: expect.any(String) },
      },
    ]);

    const confirm = await sec('POST', `/cycles/${cycleId}/draws/${proposed.drawId}/confirmation`);
    expect(confirm.status).toBe(409);
    expect(confirm.json.error.message).toContain('discarded');
    expect((await sec('GET', `/cycles/${cycleId}/reviews`)).json.reviews).toEqual([]);

    const again = await sec('POST', `/cycles/${cycleId}/draws/${proposed.drawId}/discard`, {
      reason: 'twice',
    });
    expect(again.status).toBe(409);
    expect(again.json.error.message).toContain('already discarded');

    const audit = await auditOf(cycleId);
    expect(audit.find((e) => e.action === 'draw.discard')?.details).toEqual({
      drawId: proposed.drawId,
      recordDigest: proposed.recordDigest,
      reason: 'Kenya was listed by mistake',
    });
  });
});

describe('a discarded draw drawn again on the same inputs', () => {
  it('is the same draw (the committed seed), proposed anew and confirmable; verified without the discard notice', async () => {
    const { cycleId } = await newCycle('Drawn again');
    const first = (await sec('POST', `/cycles/${cycleId}/draws`)).json;
    await sec('POST', `/cycles/${cycleId}/draws/${first.drawId}/discard`, {
      reason: 'checked the list again',
    });
    const again = await sec('POST', `/cycles/${cycleId}/draws`);
    expect(again.status, again.text).toBe(201);
    expect(again.json.drawId).toBe(first.drawId);
    const confirmed = await sec('POST', `/cycles/${cycleId}/draws/${first.drawId}/confirmation`);
    expect(confirmed.status, confirmed.text).toBe(200);
    const verification = await sec('GET', `/cycles/${cycleId}/draws/${first.drawId}/verification`);
    expect(verification.json).toEqual({ ok: true });
    const history = (await sec('GET', `/cycles/${cycleId}/draws`)).json.draws;
    expect(history).toEqual([
      expect.objectContaining({
        status: 'confirmed',
        discarded: expect.objectContaining({ reason: 'checked the list again' }),
      }),
    ]);
  });
});

describe('editing a cycle before its draw is confirmed', () => {
  it('changes the fields named on the version read, refuses draw inputs while a draw is proposed', async () => {
    const { cycleId, version } = await newCycle();
    const stale = await sec('PATCH', `/cycles/${cycleId}`, { name: 'x' }, ifMatch(version + 5));
    expect(stale.status).toBe(412);
    const unknown = await sec(
      'PATCH',
      `/cycles/${cycleId}`,
      { underReview: ['CIV', 'XXX'] },
      ifMatch(version),
    );
    expect(unknown.status).toBe(400);
    expect(unknown.json.error.details.issues).toEqual([
      { path: 'underReview', message: 'not in the registry: XXX' },
    ]);

    const edited = await sec(
      'PATCH',
      `/cycles/${cycleId}`,
      {
        name: 'UNTOC 2026, corrected',
        underReview: ['CIV', 'GHA', 'TUR', 'BRA', 'FRA', 'JPN', 'POL', 'MEX', 'IND'],
      },
      ifMatch(version),
    );
    expect(edited.status, edited.text).toBe(200);
    expect(edited.headers.get('etag')).toBe(`"${version + 1}"`);
    expect(edited.json).toMatchObject({ name: 'UNTOC 2026, corrected', version: version + 1 });
    expect(edited.json.underReview).not.toContain('KEN');

    await sec('POST', `/cycles/${cycleId}/draws`);
    const proposedAt = (await cycleOf(cycleId)).version;
    const inputs = await sec('PATCH', `/cycles/${cycleId}`, { instruments: ['UNTOC'] }, ifMatch(proposedAt));
    expect(inputs.status).toBe(409);
    expect(inputs.json.error.message).toBe('a draw is proposed: discard it first to change the instruments');
    expect((await cycleOf(cycleId)).instruments).toEqual(cycleBody.instruments);
    // Its name is not a draw input.
    const renamed = await sec('PATCH', `/cycles/${cycleId}`, { name: 'UNTOC 2026' }, ifMatch(proposedAt));
    expect(renamed.status, renamed.text).toBe(200);
    expect((await auditOf(cycleId)).filter((e) => e.action === 'cycle.update').map((e) => e.details)).toEqual(
      [{ fields: ['name', 'underReview'] }, { fields: ['name'] }],
    );
  });
});

describe('withdrawing (deleting) a cycle before its draw is confirmed', () => {
  it('marks it withdrawn with its proposed draw discarded; kept for the secretariat, gone from the others’ list', async () => {
    const { cycleId } = await newCycle('To be withdrawn');
    const proposed = (await sec('POST', `/cycles/${cycleId}/draws`)).json;
    const res = await sec('POST', `/cycles/${cycleId}/withdrawal`, { reason: 'Created twice' });
    expect(res.status, res.text).toBe(200);
    expect(res.json.withdrawn).toEqual({
      reason: 'Created twice',
      by: 'secretariat-1',
      at: expect.any(String),
    });
    expect(res.json.discardedDraws).toEqual([
      expect.objectContaining({ drawId: proposed.drawId, reason: 'Created twice' }),
    ]);

    const listed = (sub: string) =>
      call(sub, 'GET', '/cycles').then((r) => (r.json.cycles as { cycleId: string }[]).map((c) => c.cycleId));
    expect(await listed('secretariat-1')).toContain(cycleId);
    expect(await listed('civ-focal')).not.toContain(cycleId);
    expect((await cycleOf(cycleId)).actions).toEqual([]);

    for (const [method, path, body] of [
      ['POST', `/cycles/${cycleId}/draws`, undefined],
      ['POST', `/cycles/${cycleId}/withdrawal`, { reason: 'again' }],
      ['POST', `/cycles/${cycleId}/draws/${proposed.drawId}/confirmation`, undefined],
    ] as const) {
      const refused = await sec(method, path, body);
      expect(refused.status, path).toBe(409);
      expect(refused.json.error.message, path).toContain('was withdrawn');
    }
    const actions = (await auditOf(cycleId)).map((e) => e.action);
    expect(actions).toEqual(expect.arrayContaining(['draw.discard', 'cycle.withdraw']));
  });
});

describe('after the draw is confirmed', () => {
  it('refuses edits, discarding and withdrawal with 409 and changes nothing', async () => {
    const { cycleId } = await newCycle('Confirmed');
    const proposed = (await sec('POST', `/cycles/${cycleId}/draws`)).json;
    expect((await sec('POST', `/cycles/${cycleId}/draws/${proposed.drawId}/confirmation`)).status).toBe(200);
    const before = await cycleOf(cycleId);
    expect(before.actions).toEqual([]);
    for (const [method, path, body, headers] of [
      ['PATCH', `/cycles/${cycleId}`, { name: 'renamed' }, ifMatch(before.version)],
      ['POST', `/cycles/${cycleId}/draws/${proposed.drawId}/discard`, { reason: 'late' }, {}],
      ['POST', `/cycles/${cycleId}/withdrawal`, { reason: 'late' }, {}],
    ] as const) {
      const refused = await sec(method, path, body, headers);
      expect(refused.status, path).toBe(409);
      expect(refused.json.error.message, path).toContain('is confirmed');
    }
    const after = await cycleOf(cycleId);
    expect(after).toEqual(before);
  });
});

describe('who may change a cycle (role × route)', () => {
  it('lets only the secretariat edit, discard and withdraw; anyone signed in reads the draw history', async () => {
    const { cycleId, version } = await newCycle('Authorization');
    const proposed = (await sec('POST', `/cycles/${cycleId}/draws`)).json;
    const routes = [
      ['PATCH', `/cycles/${cycleId}`, { name: 'x' }, ifMatch(version + 1)],
      ['POST', `/cycles/${cycleId}/draws/${proposed.drawId}/discard`, { reason: 'x' }, {}],
      ['POST', `/cycles/${cycleId}/withdrawal`, { reason: 'x' }, {}],
    ] as const;
    for (const sub of ['observer-1', 'civ-focal', 'tur-expert', null]) {
      for (const [method, path, body, headers] of routes) {
        const res = await call(sub, method, path, { body, headers });
        expect(res.status, `${sub} ${method} ${path}`).toBe(sub ? 403 : 401);
      }
      const history = await call(sub, 'GET', `/cycles/${cycleId}/draws`);
      expect(history.status, `${sub} history`).toBe(sub ? 200 : 401);
    }
    expect((await cycleOf(cycleId)).proposedDrawId).toBe(proposed.drawId);
    expect((await auditOf(cycleId)).map((e) => e.action)).not.toContain('draw.discard');
  });
});
