/**
 * `npm run reports:backfill -- [--cycle <cycleId>]`
 * Indexes every submitted self-assessment version (all cycles, or one) for response reports,
 * reading each frozen document from the bucket once. Idempotent. Uses the functions'
 * configuration from the environment (TABLE_NAME, BUCKET_NAME; DYNAMODB_ENDPOINT and
 * S3_ENDPOINT for a local stack); `npm start` runs it on every start for the local data.
 */
import { parseArgs } from 'node:util';
import { backfillAnswerIndex } from '#shared/use-cases/answer-index.ts';
import { loadDocument } from '#shared/use-cases/self-assessments/versions.ts';

const { values } = parseArgs({ options: { cycle: { type: 'string' } } });
const result = await backfillAnswerIndex(async (v) => (await loadDocument(v)).answers, {
  ...(values.cycle ? { cycleId: values.cycle } : {}),
  onProgress: (p) => process.stderr.write(`\rreviews ${p.reviews}, versions indexed ${p.versions}`),
});
process.stderr.write('\n');
console.log(JSON.stringify(result));
