/**
 * Cost of one review cycle for 190 States, from a reduced-scale simulation extrapolated linearly.
 *
 * SAMPLE States go through the API of the local platform (in this process, over HTTP) the way a
 * cycle uses it: draft saves of the self-assessment, ~20 comments by the reviewing experts and a
 * response to each, comment list reads, ~20 observations proposed and agreed, the confirmations,
 * and the combined summary drafted (six languages, PDF where supported), agreed and published.
 * Every DynamoDB call is made with ReturnConsumedCapacity=TOTAL (DynamoDB Local reports it) and
 * summed with S3 requests/bytes by bench/lib/storage-meter.ts; each HTTP request counts as one
 * HTTP API request and one Lambda invocation billed for its measured duration at 512 MB (an upper
 * bound: it includes the local gateway, and the machine is loaded). Priced with bench/prices.json.
 * Not simulated (small next to the above): the self-assessment submission, attachments (pre-signed
 * uploads), the draw, notifications e-mail, CloudWatch logs/X-Ray, fixed monthly costs.
 */
import { readFileSync } from 'node:fs';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import type { Instrument } from '#shared/domain/types.ts';
import { type Emulators, startEmulators } from '../../scripts/local/emulators.ts';
import { startPlatform } from '../../scripts/local/platform.ts';
import { seedLocal } from '../../scripts/local/seed.ts';
import { seedReview } from '../../tests/support/reviews.ts';
import { round } from '../lib/stats.ts';
import { meterClients, resetStorageTotals, storageTotals } from '../lib/storage-meter.ts';
import type { BenchResult, BenchSuite } from '../types.ts';

const STATES = 190;
const SAMPLE = 3;
const DRAFT_SAVES = 30;
const COMMENTS = 20;
const OBSERVATIONS = 20;
const SAMPLE_STATES = ['KEN', 'MEX', 'POL', 'IND', 'SEN'].slice(0, SAMPLE);

interface Prices {
  asOf: string;
  lambdaArmPerGbSecond: number;
  lambdaPerMillionRequests: number;
  lambdaMemoryGb: number;
  dynamoOnDemandPerMillionWrites: number;
  dynamoOnDemandPerMillionReads: number;
  s3PutPerThousand: number;
  s3GetPerThousand: number;
  s3StandardPerGbMonth: number;
  httpApiPerMillionRequests: number;
}

const prices = JSON.parse(readFileSync(new URL('../prices.json', import.meta.url), 'utf8')) as Prices;

const seedSubmitted = async (reviewId: string, instrument: Instrument): Promise<void> => {
  const { dynamo } = await import('#shared/aws/clients.ts');
  const { tableName } = await import('#shared/repos/dynamo.ts');
  const { SA_KEYS } = await import('#shared/repos/keys.ts');
  const { questionnaireForInstrument } = await import('#shared/domain/questionnaire/index.ts');
  await dynamo().send(
    new PutCommand({
      TableName: tableName(),
      Item: {
        ...SA_KEYS.version(reviewId, instrument, 1),
        reviewId,
        instrument,
        n: 1,
        status: 'submitted',
        contentDigest: 'd'.repeat(64),
        questionnaireId: questionnaireForInstrument(instrument).id,
        questionnaireVersion: 1,
        draftVersion: 1,
        submittedAt: '2026-02-01T09:00:00.000Z',
        submittedBy: 'seed',
        submittedByName: 'Seed',
        reservedAt: '2026-02-01T09:00:00.000Z',
        attachmentIds: [],
      },
    }),
  );
};

export const suite: BenchSuite = {
  name: 'cost',
  async run(): Promise<BenchResult[]> {
    const emulators: Emulators = await startEmulators();
    const platform = await startPlatform({
      emulators,
      tableName: 'bench-cost',
      bucketName: 'bench-cost',
      seed: seedLocal,
    });
    try {
      const { dynamo, s3Client } = await import('#shared/aws/clients.ts');
      meterClients(dynamo(), s3Client());
      const tokens = new Map<string, string>();
      let requests = 0;
      let lambdaMs = 0;
      const failures = new Map<string, number>();
      const call = async (
        sub: string,
        method: string,
        path: string,
        body?: unknown,
        headers: Record<string, string> = {},
      ): Promise<{ status: number; json: Record<string, unknown>; etag: string | null }> => {
        let token = tokens.get(sub);
        if (!token) {
          token = await platform.tokenFor(sub);
          tokens.set(sub, token);
        }
        const t = performance.now();
        const res = await fetch(`${platform.url}${path}`, {
          method,
          headers: {
            authorization: `Bearer ${token}`,
            ...(body === undefined ? {} : { 'content-type': 'application/json' }),
            ...headers,
          },
          body: body === undefined ? undefined : JSON.stringify(body),
        });
        const text = await res.text();
        lambdaMs += performance.now() - t;
        requests++;
        if (res.status >= 400) {
          const key = `${method} ${path.replace(/\/[A-Z0-9]{3}\b|[0-9a-f-]{20,}/g, '/{id}')} ${res.status}`;
          failures.set(key, (failures.get(key) ?? 0) + 1);
        }
        const json =
          res.headers.get('content-type')?.startsWith('application/json') && text ? JSON.parse(text) : {};
        return { status: res.status, json: json as Record<string, unknown>, etag: res.headers.get('etag') };
      };

      // Seeding is not part of the cycle's cost.
      for (const iso3 of SAMPLE_STATES) {
        await seedReview({ cycleId: 'S2026', reviewedState: iso3 });
        await seedReview({ cycleId: 'V2026', reviewedState: iso3, state: 'dialogue' });
        await seedSubmitted(`V2026.${iso3}`, 'TIP');
        await seedSubmitted(`V2026.${iso3}`, 'UNTOC');
      }
      resetStorageTotals();

      for (const iso3 of SAMPLE_STATES) {
        const expert = `expert@${iso3}`;
        const focal = `focal-point@${iso3}`;
        // Self-assessment: the State's experts save their answers many times over weeks.
        let version = 0;
        for (let i = 0; i < DRAFT_SAVES; i++) {
          const saved = await call(
            expert,
            'PATCH',
            `/reviews/S2026.${iso3}/self-assessments/TIP/draft`,
            { answers: { 'TIP.3.q1': 'yes', 'TIP.3.q2': [{ title: `Law ${i} on trafficking in persons` }] } },
            { 'if-match': `"${version}"` },
          );
          version = Number(saved.json.version ?? version);
        }
        // Dialogue: comments by the two reviewing States' experts, a response to each, list reads.
        const R = `/reviews/V2026.${iso3}`;
        for (let i = 0; i < COMMENTS; i++) {
          const comment = await call(i % 2 ? 'gha-expert' : 'tur-expert', 'POST', `${R}/comments`, {
            anchor: { instrument: 'TIP', article: 'TIP.5', questionId: 'TIP.5.q1', submissionVersion: 1 },
            type: 'clarification-request',
            visibility: 'all',
            text: `Question ${i}: please cite the provision that criminalizes attempt and give case numbers.`,
          });
          await call(expert, 'POST', `${R}/comments/${String(comment.json.commentId)}/responses`, {
            text: `Answer ${i}: article 4 of Law No. 2016-1111; 12 cases in 2024.`,
          });
          await call(expert, 'GET', `${R}/comments?limit=50`);
        }
        // Observations: proposed by the reviewers, agreed by the State, then confirmed by all.
        for (let i = 0; i < OBSERVATIONS; i++) {
          const created = await call('tur-expert', 'POST', `${R}/observations`, {
            article: 'TIP.5',
            kind: i % 2 ? 'challenge' : 'good-practice',
            text: `Observation ${i}: trafficking for forced criminality is not expressly criminalised.`,
          });
          await call(
            focal,
            'POST',
            `${R}/observations/${String(created.json.id)}/responses`,
            { action: 'agree' },
            created.etag ? { 'if-match': created.etag } : {},
          );
        }
        for (const sub of [focal, 'gha-focal', 'tur-focal']) {
          await call(sub, 'POST', `${R}/observations/confirmations`, {});
        }
        // Summary: drafted (six languages), agreed (re-rendered), published.
        const draft = await call('secretariat-1', 'POST', `${R}/summaries/combined`);
        const agreed = await call(focal, 'POST', `${R}/summaries/combined/agreement`, {
          documentVersion: draft.json.documentVersion,
        });
        await call('secretariat-1', 'POST', `${R}/summaries/combined/publication`, {
          documentVersion: agreed.json.documentVersion,
        });
      }

      const s = storageTotals();
      const scale = STATES / SAMPLE_STATES.length;
      const perCycle = {
        requests: requests * scale,
        lambdaGbSeconds: (lambdaMs / 1000) * prices.lambdaMemoryGb * scale,
        rru: s.readUnits * scale,
        wru: s.writeUnits * scale,
        s3Put: s.s3Put * scale,
        s3Get: s.s3Get * scale,
        s3StoredGb: (s.s3PutBytes * scale) / 1024 ** 3,
      };
      const dollars = {
        lambda:
          perCycle.lambdaGbSeconds * prices.lambdaArmPerGbSecond +
          (perCycle.requests / 1e6) * prices.lambdaPerMillionRequests,
        api: (perCycle.requests / 1e6) * prices.httpApiPerMillionRequests,
        dynamo:
          (perCycle.wru / 1e6) * prices.dynamoOnDemandPerMillionWrites +
          (perCycle.rru / 1e6) * prices.dynamoOnDemandPerMillionReads,
        // Storage for one year: documents are kept (noncurrent versions expire after 365 d).
        s3:
          (perCycle.s3Put / 1000) * prices.s3PutPerThousand +
          (perCycle.s3Get / 1000) * prices.s3GetPerThousand +
          perCycle.s3StoredGb * prices.s3StandardPerGbMonth * 12,
      };
      const total = dollars.lambda + dollars.api + dollars.dynamo + dollars.s3;
      const failed = [...failures].map(([k, n]) => `${k} x${n}`).join('; ') || 'none';
      const note = `${SAMPLE_STATES.length} States simulated over HTTP, x${round(scale, 1)} to ${STATES}; per cycle: ${Math.round(perCycle.requests)} requests, ${round(perCycle.lambdaGbSeconds, 1)} GB-s (upper bound, loaded machine), ${Math.round(perCycle.rru)} RRU, ${Math.round(perCycle.wru)} WRU, ${Math.round(perCycle.s3Put)} S3 PUT, ${Math.round(perCycle.s3Get)} S3 GET, ${round(perCycle.s3StoredGb * 1024, 1)} MB stored; prices as of ${prices.asOf}; failed requests: ${failed}`;
      const part = (name: string, value: number): BenchResult => ({
        name: `cost.cycle.${name}`,
        value: round(value, 4),
        unit: 'USD',
        target: null,
        better: 'lower',
      });
      return [
        { name: 'cost.cycle.total', value: round(total, 4), unit: 'USD', target: 1, better: 'lower', note },
        part('lambda', dollars.lambda),
        part('http-api', dollars.api),
        part('dynamodb', dollars.dynamo),
        part('s3-one-year', dollars.s3),
      ];
    } finally {
      await platform.stop();
      await emulators.stop();
    }
  },
};
