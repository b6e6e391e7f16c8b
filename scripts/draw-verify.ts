/**
 * Verify a draw record offline: recompute the draw from the record alone.
 *
 *   npm run --silent draw:verify -- <record.json> [--previous <record.json>]
 *
 * Exit 0 when the record reproduces exactly; 1 with the first difference on stderr otherwise.
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { verifyDraw } from '#shared/domain/draw/draw.ts';
import { DrawRecordSchema } from '#shared/domain/draw/model.ts';

const { values, positionals } = parseArgs({
  options: { previous: { type: 'string' } },
  allowPositionals: true,
  strict: true,
});

function read(path: string): unknown {
  try {
    return JSON.parse(readFileSync(path, 'utf8'));
  } catch (e) {
    process.stderr.write(`draw:verify: cannot read ${path}: ${(e as Error).message}\n`);
    return process.exit(2);
  }
}

const file = positionals[0];
if (!file) {
  process.stderr.write('usage: npm run --silent draw:verify -- <record.json> [--previous <record.json>]\n');
  process.exit(2);
}
const record = read(file);
let previous: ReturnType<typeof DrawRecordSchema.parse> | undefined;
if (values.previous) {
  const parsed = DrawRecordSchema.safeParse(read(values.previous));
  if (!parsed.success) {
    process.stderr.write(`draw:verify: ${values.previous} is not a draw record\n`);
    process.exit(2);
  }
  previous = parsed.data;
}
const result = verifyDraw(record, previous);
if (result.ok) {
  const r = record as { drawId?: string; inputDigest?: string };
  process.stdout.write(`OK: draw ${r.drawId} reproduces exactly (inputs sha256 ${r.inputDigest})\n`);
  process.exit(0);
}
process.stderr.write(`FAILED: ${result.firstDifference}\n`);
process.exit(1);
