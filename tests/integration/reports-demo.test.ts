/**
 * The seeded demo: RCM States' synthetic self-assessments (npm start) give a report with
 * completion, gaps and change on first start, and seeding again changes nothing.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { listCycles } from '#shared/repos/cycles.ts';
import { seedLocal } from '../../scripts/local/seed.ts';
import { RESPONSES_DEMO_CYCLE_NAME, seedResponsesDemo } from '../../scripts/local/seed-responses.ts';
import { apiClient, useLocalPlatform } from '../support/local-aws.ts';

const platform = await useLocalPlatform(async () => {
  await seedLocal();
  await seedResponsesDemo();
});
afterAll(() => platform.stop());
const call = apiClient(platform);

describe('the response-report demo data', () => {
  it('has nine of the eleven RCM States submitted, labelled as synthetic, with change to show', async () => {
    const cycle = (await listCycles()).find((c) => c.name === RESPONSES_DEMO_CYCLE_NAME);
    expect(cycle?.name).toContain('synthetic demo data');
    const res = await call(
      'secretariat-1',
      'GET',
      '/reports/responses?instrument=TIP&set=rcm&compareTo=previous-version',
    );
    expect(res.status, res.text).toBe(200);
    expect(res.json).toMatchObject({ submitted: 9, members: 11, named: 'all' });
    const missing = res.json.states
      .filter((s: { submitted: boolean }) => !s.submitted)
      .map((s: { iso3: string }) => s.iso3);
    expect(missing.sort()).toEqual(['GTM', 'NIC']);
    const moves = res.json.questions.flatMap((q: { change?: { moves: unknown[] } }) => q.change?.moves ?? []);
    expect(moves.length).toBeGreaterThan(0);
    expect(res.json.gaps.questions[0].gapShare).toBeGreaterThan(0);
    const text = res.json.questions.find((q: { type: string }) => q.type === 'text');
    expect(text.texts.items[0].text).toContain('Synthetic demo answer');
  });

  it('is seeded once', async () => {
    await seedResponsesDemo();
    expect((await listCycles()).filter((c) => c.name === RESPONSES_DEMO_CYCLE_NAME)).toHaveLength(1);
  });
});
