/**
 * The registry of States parties: reading it, editing a State (versioned), importing the shipped
 * reference data, and the UNTC table imports (preview, then apply as previewed).
 */
import { createHash } from 'node:crypto';
import type { Principal } from '../auth/principal.ts';
import { assertCan } from '../domain/authz.ts';
import { ConflictError } from '../domain/errors.ts';
import {
  applyDiff,
  diffRegistry,
  registryDigest,
  registryFingerprint,
  unverifiedFacts,
} from '../domain/registry/diff.ts';
import type {
  RegisteredOrganization,
  RegisteredState,
  UntcImportRecord,
} from '../domain/registry/records.ts';
import { importUntcTable, type UntcTable, untcSource } from '../domain/registry/untc.ts';
import type { Instrument, RegionalGroup } from '../domain/types.ts';
import { loadReferenceData } from '../reference-data.ts';
import { auditScope, listAudit } from '../repos/audit.ts';
import {
  listStates as allStates,
  getState as findState,
  getUntcImport as findUntcImport,
  type ImportedEntry,
  importOrganizations,
  importStates,
  loadRegistryContent,
  markUntcImportApplied,
  putUntcImport,
  saveImportedEntries,
  saveState,
} from '../repos/registry.ts';
import type { UseCaseContext } from './context.ts';
import { assertVersion, staleIfConflict } from './versioning.ts';

const loadRegistry = loadRegistryContent;

const tableOf = (record: UntcImportRecord): UntcTable => ({
  instrument: record.instrument,
  asOf: record.asOf,
  source: record.source,
  ...record.table,
});

type Actor = Principal;

export const listStates = async (
  actor: Actor,
  filter: { group?: RegionalGroup; instrument?: Instrument },
): Promise<{ states: RegisteredState[] }> => {
  assertCan(actor, 'registry.read');
  const states = (await allStates()).filter(
    (s) =>
      (!filter.group || (s.group ?? s.drawGroup) === filter.group) &&
      (!filter.instrument || s.instruments.includes(filter.instrument)),
  );
  return { states };
};

export const getState = async (actor: Actor, { iso3 }: { iso3: string }): Promise<RegisteredState> => {
  assertCan(actor, 'registry.read');
  return findState(iso3);
};

/** Participation changes only through a UNTC import; the other fields are editable here. */
export type StateChanges = Partial<
  Omit<RegisteredState, 'iso3' | 'instruments' | 'participation' | 'version'>
>;

export const updateState = async (
  actor: Actor,
  input: { iso3: string; expectedVersion: number; changes: StateChanges },
  { now }: UseCaseContext,
): Promise<RegisteredState> => {
  assertCan(actor, 'registry.write');
  const current = await findState(input.iso3);
  assertVersion(input.expectedVersion, current.version, `state ${input.iso3}`);
  const next = { ...current, ...input.changes, version: current.version + 1, updatedAt: now.toISOString() };
  await staleIfConflict(
    saveState(next, {
      principal: actor,
      now,
      action: 'state.update',
      details: { fields: Object.keys(input.changes) },
    }),
  );
  return next;
};

export const importReferenceData = async (actor: Actor, _: unknown, { now }: UseCaseContext) => {
  assertCan(actor, 'registry.write');
  const data = loadReferenceData();
  const audit = { principal: actor, now, action: 'registry.import' };
  const result = await importStates(data.states, audit);
  await importOrganizations(data.organizations, audit);
  return result;
};

export const getRegistryStatus = async (actor: Actor) => {
  assertCan(actor, 'registry.read');
  const { content, organizations } = await loadRegistry();
  return {
    ...registryFingerprint(content),
    states: content.states.length,
    organizations,
    unverified: unverifiedFacts(content.states),
  };
};

export const previewUntcImport = async (
  actor: Actor,
  input: {
    instrument: Instrument;
    format: 'csv' | 'html';
    content: string;
    fileName?: string;
    asOf?: string;
  },
  { now }: UseCaseContext,
): Promise<UntcImportRecord> => {
  assertCan(actor, 'registry.import');
  let table: UntcTable;
  try {
    table = importUntcTable({
      instrument: input.instrument,
      format: input.format,
      text: input.content,
      asOf: input.asOf,
    });
  } catch (err) {
    // Name the field: the table itself is what cannot be read.
    if (err instanceof Error) err.message = `body.content: ${err.message}`;
    throw err;
  }
  const { content } = await loadRegistry();
  const diff = diffRegistry(content, table);
  const fileDigest = createHash('sha256').update(input.content).digest('hex');
  const record: UntcImportRecord = {
    importId: `untc-${table.instrument}-${table.asOf}-${fileDigest.slice(0, 8)}-${now.getTime().toString(36)}`,
    status: 'previewed',
    instrument: table.instrument,
    asOf: table.asOf,
    source: untcSource(table.instrument),
    fileName: input.fileName ?? `upload.${input.format}`,
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
    createdBy: actor.kind === 'user' ? actor.sub : 'system',
  };
  await putUntcImport(record);
  return record;
};

export const getUntcImport = async (actor: Actor, { importId }: { importId: string }) => {
  assertCan(actor, 'registry.import');
  return findUntcImport(importId);
};

export const applyUntcImport = async (
  actor: Actor,
  { importId }: { importId: string },
  { now }: UseCaseContext,
) => {
  assertCan(actor, 'registry.import');
  const record = await findUntcImport(importId);
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
  const audit = { principal: actor, now, action: 'registry.import.apply' };
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
    importId: record.importId,
    changes: record.diff.changes,
    confirmed: record.diff.confirmed,
    written: entries.length,
    registry: registryFingerprint(after.content),
  };
};

export const listRegistryHistory = async (actor: Actor, page: { cursor?: string; limit?: number }) => {
  assertCan(actor, 'audit.read');
  return listAudit(auditScope.registry(), { ...page, newestFirst: true });
};
