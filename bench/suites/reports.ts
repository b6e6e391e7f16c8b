/**
 * The response report for 190 States parties (the full Convention questionnaire each, 61
 * questions; the Convention has the most parties) on the local stack: GET /reports/responses as the secretariat
 * (every answer named, the largest report), through the gateway and the real handler, against
 * DynamoDB Local. Baseline, in the same run: the bare queries that fetch the same answer-index
 * items (8 shard queries in parallel, through the same SDK client, nothing parsed). The ratio
 * report ÷ queries is the figure to watch; the absolute time depends on the machine.
 */
import { questionnaireForInstrument } from '#shared/domain/questionnaire/index.ts';
import { loadReferenceData } from '#shared/reference-data.ts';
import { ANSWER_INDEX_SHARDS, queryAnswerShard, writeAnswerIndex } from '#shared/repos/answer-index.ts';
import { startPlatform } from '../../scripts/local/platform.ts';
import { seedLocal } from '../../scripts/local/seed.ts';
import { demoAnswers } from '../../scripts/local/seed-responses.ts';
import { percentile, round } from '../lib/stats.ts';
import type { BenchResult, BenchSuite } from '../types.ts';

const STATES = 190;
const RUNS = 15;
const WARMUP = 3;
const CYCLE = 'BENCH-REPORTS';
const TARGET_MS = 300;

const timeOf = async (fn: () => Promise<unknown>): Promise<number> => {
  const t0 = performance.now();
  await fn();
  return performance.now() - t0;
};

/**
 * Runs the measured functions in turn, round after round, so that each sees the same load (the
 * machine is shared); median and p90 of each.
 */
const interleaved = async (
  fns: readonly (() => Promise<unknown>)[],
): Promise<{ median: number; p90: number }[]> => {
  for (let i = 0; i < WARMUP; i++) for (const fn of fns) await fn();
  const samples: number[][] = fns.map(() => []);
  for (let i = 0; i < RUNS; i++) for (const [k, fn] of fns.entries()) samples[k]?.push(await timeOf(fn));
  return samples.map((xs) => ({ median: percentile(xs, 50), p90: percentile(xs, 90) }));
};

export const suite: BenchSuite = {
  name: 'reports',
  async run(): Promise<BenchResult[]> {
    const platform = await startPlatform({ seed: seedLocal });
    try {
      const def = questionnaireForInstrument('UNTOC');
      const states = loadReferenceData()
        .states.filter((s) => s.instruments.includes('UNTOC'))
        .slice(0, STATES);
      // Index items as a submission writes them (the submission path itself is measured elsewhere).
      for (let i = 0; i < states.length; i += 10) {
        await Promise.all(
          states.slice(i, i + 10).map((s) =>
            writeAnswerIndex(
              {
                iso3: s.iso3,
                cycleId: CYCLE,
                reviewId: `${CYCLE}.${s.iso3}`,
                version: 1,
                submittedAt: '2026-06-01T00:00:00.000Z',
                questionnaireId: def.id,
                questionnaireVersion: def.version,
                due: '2026-07-01T00:00:00.000Z',
                answers: demoAnswers(s.iso3, 1, 'UNTOC'),
              },
              'UNTOC',
            ),
          ),
        );
      }
      const token = await platform.tokenFor('secretariat-1');
      const url = `${platform.url}/reports/responses?instrument=UNTOC&cycleId=${CYCLE}&states=${states.map((s) => s.iso3).join(',')}`;
      let bytes = 0;
      let submitted = 0;
      let items = 0;
      const { responseReportFor } = await import('#shared/use-cases/reports.ts');
      const secretariat = {
        kind: 'user',
        sub: 'bench',
        role: 'secretariat',
        state: null,
        name: 'Bench',
      } as const;
      const overHttp = async () => {
        const res = await fetch(url, { headers: { authorization: `Bearer ${token}` } });
        const text = await res.text();
        if (res.status !== 200) throw new Error(`report: ${res.status} ${text.slice(0, 300)}`);
        bytes = text.length;
        submitted = (JSON.parse(text) as { submitted: number }).submitted;
      };
      // The same report in-process (use case: queries + build, no HTTP or JSON): where the time goes.
      const inProcessRun = () =>
        responseReportFor(
          secretariat,
          { instrument: 'UNTOC', cycleId: CYCLE, states: states.map((s) => s.iso3) },
          new Date(),
        );
      const bareQueries = async () => {
        const shards = await Promise.all(
          Array.from({ length: ANSWER_INDEX_SHARDS }, (_, i) => queryAnswerShard(CYCLE, 'UNTOC', i)),
        );
        items = shards.reduce((n, sh) => n + sh.length, 0);
      };
      const [report, inProcess, queries] = await interleaved([overHttp, inProcessRun, bareQueries]);
      if (!report || !inProcess || !queries) throw new Error('no samples');
      if (submitted !== states.length)
        throw new Error(`report counted ${submitted} of ${states.length} States`);
      const note = `${states.length} States x ${def.clusters.flatMap((c) => c.articles).flatMap((a) => a.questions).length} questions (UNTOC), ${items} index items in ${ANSWER_INDEX_SHARDS} shard queries; secretariat view (all named), ${Math.round(bytes / 1024)} KB JSON; median of ${RUNS} rounds (report, in-process, queries in turn) after ${WARMUP} warm-up, p90 report ${round(report.p90, 1)} ms, p90 queries ${round(queries.p90, 1)} ms`;
      return [
        {
          name: 'reports.responses.190-states',
          value: round(report.median, 1),
          unit: 'ms',
          target: TARGET_MS,
          better: 'lower',
          baseline: round(queries.median, 1),
          note,
        },
        {
          name: 'reports.responses.190-states.in-process',
          value: round(inProcess.median, 1),
          unit: 'ms',
          target: null,
          better: 'lower',
          baseline: round(queries.median, 1),
          note: 'the use case called in-process (the same queries, then the build; no HTTP, no JSON), same run',
        },
        {
          name: 'reports.responses.190-states.ratio',
          value: round(report.median / queries.median, 2),
          unit: 'x',
          target: null,
          better: 'lower',
          note: 'report over HTTP ÷ the bare DynamoDB queries of the same index items, same run',
        },
      ];
    } finally {
      await platform.stop();
    }
  },
};
