/**
 * Import a UN Treaty Collection participant table into the registry's data file.
 *
 *   npm run --silent registry:import -- --instrument <UNTOC|TIP|SOM|FIREARMS> --from <file.csv|file.html>
 *                                       [--as-of YYYY-MM-DD] [--apply] [--json]
 *
 * Prints the diff against data/states-parties.json (REGISTRY_DATA_FILE overrides the path) and
 * changes nothing unless --apply is given; --apply rewrites the file with the changes, each fact
 * stamped with the table as source, and appends the import (who, when, file digest, changes) to
 * `meta.history`. The running registry is updated through the API (POST /registry/untc-imports).
 * Exit codes: 0 done, 1 bad arguments or unreadable input, 2 the diff cannot be applied (nothing written).
 */
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { userInfo } from 'node:os';
import { basename } from 'node:path';
import { parseArgs } from 'node:util';
import { DomainError } from '#shared/domain/errors.ts';
import { applyDiff, diffRegistry, type RegistryDiff, registryAsOf } from '#shared/domain/registry/diff.ts';
import { serializeReferenceData } from '#shared/domain/registry/file.ts';
import { formatOf, importUntcTable, type UntcTable } from '#shared/domain/registry/untc.ts';
import {
  InstrumentSchema,
  IsoDateSchema,
  type ReferenceData,
  ReferenceDataSchema,
} from '#shared/domain/types.ts';

const fail = (message: string, code = 1): never => {
  process.stderr.write(`registry:import: ${message}\n`);
  process.exit(code);
};

const { values } = (() => {
  try {
    return parseArgs({
      options: {
        instrument: { type: 'string' },
        from: { type: 'string' },
        'as-of': { type: 'string' },
        apply: { type: 'boolean', default: false },
        json: { type: 'boolean', default: false },
      },
      strict: true,
    });
  } catch (e) {
    return fail((e as Error).message);
  }
})();

const instrument = InstrumentSchema.safeParse(values.instrument);
if (!instrument.success) fail('--instrument must be one of UNTOC, TIP, SOM, FIREARMS');
if (!values.from) fail('--from <file.csv|file.html> is required');
const from = values.from as string;
const format = formatOf(from) ?? fail(`--from ${from}: the file name must end in .csv, .html or .htm`);
if (values['as-of'] !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(values['as-of']))
  fail('--as-of must be a date YYYY-MM-DD');
if (values['as-of'] !== undefined && !IsoDateSchema.safeParse(values['as-of']).success)
  fail('--as-of is not a valid date');

const dataFile = process.env.REGISTRY_DATA_FILE ?? 'data/states-parties.json';

const readBytes = (path: string): Buffer => {
  try {
    return readFileSync(path);
  } catch (e) {
    return fail(`cannot read ${path}: ${(e as Error).message}`);
  }
};

const bytes = readBytes(from);
const readTable = (): UntcTable => {
  try {
    return importUntcTable({
      instrument: instrument.data as NonNullable<typeof instrument.data>,
      format,
      text: bytes.toString('utf8'),
      asOf: values['as-of'],
    });
  } catch (e) {
    return fail(`${from}: ${(e as Error).message}`);
  }
};
const table = readTable();

const parsed = ReferenceDataSchema.safeParse(JSON.parse(readBytes(dataFile).toString('utf8')));
if (!parsed.success) fail(`${dataFile}: ${parsed.error.issues[0]?.message ?? 'invalid'}`);
const data = parsed.data as ReferenceData;
const diff: RegistryDiff = diffRegistry(data, table);

const show = (f: RegistryDiff['changes'][number]['before']) =>
  f ? `${f.action ?? 'party'}${f.date ? ` ${f.date}` : ''} (${f.source ?? 'unverified'})` : 'not party';

if (values.json) {
  const { instrument: i, asOf, changes, unknown } = diff;
  process.stdout.write(`${JSON.stringify({ instrument: i, asOf, changes, unknown }, null, 2)}\n`);
} else {
  const lines = [
    `${diff.instrument}: ${table.source}, as of ${diff.asOf}: ${table.parties.length + table.organizations.length} parties in the table (${table.organizations.length} organization), ${diff.confirmed} confirmed, ${diff.changes.length} changes, ${diff.unknown.length} unknown`,
    ...diff.changes.map(
      (c) => `  ${c.change.padEnd(16)} ${c.iso3} ${c.name}: ${show(c.before)} -> ${show(c.after)}`,
    ),
    ...diff.unknown.map((n) => `  unknown          ${n}`),
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
}

if (values.apply) {
  const fileDigest = createHash('sha256').update(bytes).digest('hex');
  const importId = `untc-${diff.instrument}-${diff.asOf}-${fileDigest.slice(0, 8)}`;
  try {
    const applied = applyDiff(data, table, diff.changes, importId);
    const content = { states: applied.states, organizations: applied.organizations };
    const next: ReferenceData = {
      meta: {
        ...data.meta,
        asOf: registryAsOf(content) ?? data.meta.asOf,
        history: [
          ...data.meta.history,
          {
            importId,
            at: new Date().toISOString(),
            by: process.env.REGISTRY_IMPORT_BY ?? userInfo().username,
            instrument: diff.instrument,
            asOf: diff.asOf,
            source: table.source,
            file: basename(from),
            fileDigest,
            changes: diff.changes.map((c) => ({ iso3: c.iso3, change: c.change })),
            confirmed: diff.confirmed,
          },
        ],
      },
      ...content,
    };
    writeFileSync(dataFile, serializeReferenceData(ReferenceDataSchema.parse(next)));
    process.stderr.write(
      `registry:import: applied ${diff.changes.length} changes to ${dataFile} (${importId})\n`,
    );
  } catch (e) {
    if (e instanceof DomainError) fail(`not applied: ${e.message}`, 2);
    throw e;
  }
}
