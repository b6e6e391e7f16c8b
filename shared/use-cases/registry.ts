import { createHash } from 'node:crypto';
import { assertCan } from '../domain/authz.ts';
import { ConflictError } from '../domain/errors.ts';
import {
  applyDiff,
  diffRegistry,
  registryDigest,
  registryFingerprint,
  unverifiedFacts,
} from '../domain/registry/diff.ts';
import { importUntcTable, type UntcTable, untcSource } from '../domain/registry/untc.ts';
import type { Operations } from '../http/lambda.ts';
import { loadReferenceData } from '../reference-data.ts';
import { auditScope, listAudit } from '../repos/audit.ts';
import {
  getState,
  getUntcImport,
  type ImportedEntry,
  importOrganizations,
  importStates,
  listStates,
  loadRegistryContent,
  markUntcImportApplied,
  putUntcImport,
  type RegisteredOrganization,
  type RegisteredState,
  saveImportedEntries,
  saveState,
  type UntcImportRecord,
} from '../repos/registry.ts';
import { assertVersion, staleIfConflict } from './versioning.ts';

const loadRegistry = loadRegistryContent;

const tableOf = (record: UntcImportRecord): UntcTable => ({
  instrument: record.instrument,
  asOf: record.asOf,
  source: record.source,
  ...record.table,
});

export const registryOperations: Operations<'registry'> = {
  listStates: async ({ principal, query }) => {
    assertCan(principal, 'registry.read');
    const states = (await listStates()).filter(
      (s) =>
        (!query.group || (s.group ?? s.drawGroup) === query.group) &&
        (!query.instrument || s.instruments.includes(query.instrument)),
    );
    return { body: { states } };
  },
  getState: async ({ principal, params }) => {
    assertCan(principal, 'registry.read');
    return { body: await getState(params.iso3) };
  },
  updateState: async ({ principal, params, body, expectedVersion, now }) => {
    assertCan(principal, 'registry.write');
    const expected = expectedVersion;
    const current = await getState(params.iso3);
    assertVersion(expected, current.version, `state ${params.iso3}`);
    const next = { ...current, ...body, version: current.version + 1, updatedAt: now.toISOString() };
    await staleIfConflict(
      saveState(next, { principal, now, action: 'state.update', details: { fields: Object.keys(body) } }),
    );
    return { body: next, headers: { etag: `"${next.version}"` } };
  },
  importReferenceData: async ({ principal, now }) => {
    assertCan(principal, 'registry.write');
    const data = loadReferenceData();
    const audit = { principal, now, action: 'registry.import' };
    const result = await importStates(data.states, audit);
    await importOrganizations(data.organizations, audit);
    return { body: result };
  },

  getRegistryStatus: async ({ principal }) => {
    assertCan(principal, 'registry.read');
    const { content, organizations } = await loadRegistry();
    return {
      body: {
        ...registryFingerprint(content),
        states: content.states.length,
        organizations,
        unverified: unverifiedFacts(content.states),
      },
    };
  },

  previewUntcImport: async ({ principal, body, now }) => {
    assertCan(principal, 'registry.import');
    let table: UntcTable;
    try {
      table = importUntcTable({
        instrument: body.instrument,
        format: body.format,
        text: body.content,
        asOf: body.asOf,
      });
    } catch (err) {
      // Name the field: the table itself is what cannot be read.
      if (err instanceof Error) err.message = `body.content: ${err.message}`;
      throw err;
    }
    const { content } = await loadRegistry();
    const diff = diffRegistry(content, table);
    const fileDigest = createHash('sha256').update(body.content).digest('hex');
    const record: UntcImportRecord = {
      importId: `untc-${table.instrument}-${table.asOf}-${fileDigest.slice(0, 8)}-${now.getTime().toString(36)}`,
      status: 'previewed',
      instrument: table.instrument,
      asOf: table.asOf,
      source: untcSource(table.instrument),
      fileName: body.fileName ?? `upload.${body.format}`,
      fileDigest,
      basisDigest: registryDigest(content),
      diff,
      table: {
        parties: table.parties,
        organizations: table.organizations,
        signatories: table.signatories,
        unknown: table.unknown,
      },
      createdAt: now.toISOString(),
      createdBy: principal.kind === 'user' ? principal.sub : 'system',
    };
    await putUntcImport(record);
    return { status: 201, body: record };
  },

  getUntcImport: async ({ principal, params }) => {
    assertCan(principal, 'registry.import');
    return { body: await getUntcImport(params.importId) };
  },

  applyUntcImport: async ({ principal, params, now }) => {
    assertCan(principal, 'registry.import');
    const record = await getUntcImport(params.importId);
    if (record.status === 'applied')
      throw new ConflictError(`import ${record.importId} was already applied`, {
        appliedAt: record.appliedAt,
      });
    const { states, organizations, content } = await loadRegistry();
    const current = registryDigest(content);
    if (current !== record.basisDigest) {
      throw new ConflictError('the registry changed since this import was previewed; preview it again', {
        basisDigest: record.basisDigest,
        currentDigest: current,
      });
    }
    const table = tableOf(record);
    const applied = applyDiff(content, table, record.diff.changes, record.importId);
    const changeOf = new Map(record.diff.changes.map((c) => [c.iso3, c]));
    const stored = new Map<string, RegisteredState | RegisteredOrganization>([
      ...states.map((s) => [s.iso3, s] as const),
      ...organizations.map((o) => [o.id, o] as const),
    ]);
    const touched = new Set(applied.touched);
    const entries: ImportedEntry[] = [
      ...applied.states
        .filter((s) => touched.has(s.iso3))
        .map((s) => ({ kind: 'state' as const, next: s, id: s.iso3 })),
      ...applied.organizations
        .filter((o) => touched.has(o.id))
        .map((o) => ({ kind: 'organization' as const, next: o, id: o.id })),
    ].map(({ kind, next, id }) => {
      const change = changeOf.get(id);
      return {
        kind,
        next,
        version: stored.get(id)?.version ?? null,
        details: {
          importId: record.importId,
          instrument: record.instrument,
          source: record.source,
          change: change?.change ?? 'confirmed',
          before: change ? change.before : (stored.get(id)?.participation[record.instrument] ?? null),
          after: change ? change.after : (next.participation[record.instrument] ?? null),
        },
      };
    });
    const audit = { principal, now, action: 'registry.import.apply' };
    await saveImportedEntries(entries, audit);
    await markUntcImportApplied(record, {
      ...audit,
      action: 'registry.import.applied',
      details: {
        changes: record.diff.changes.length,
        written: entries.length,
        fileDigest: record.fileDigest,
        unknown: record.diff.unknown,
      },
    });
    const after = await loadRegistry();
    return {
      body: {
        importId: record.importId,
        changes: record.diff.changes,
        confirmed: record.diff.confirmed,
        written: entries.length,
        registry: registryFingerprint(after.content),
      },
    };
  },

  listRegistryHistory: async ({ principal, query }) => {
    assertCan(principal, 'audit.read');
    return { body: await listAudit(auditScope.registry(), { ...query, newestFirst: true }) };
  },
};
