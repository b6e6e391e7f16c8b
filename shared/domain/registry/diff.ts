/**
 * The difference between the registry and a UNTC participant table, and applying it. Pure: the
 * CLI applies it to data/states-parties.json, the API to the stored registry (one audited write
 * per State).
 */
import * as z from 'zod';
import { digestOf } from '../draw/canonical.ts';
import { UnprocessableError } from '../errors.ts';
import {
  ActionKindSchema,
  INSTRUMENTS,
  type Instrument,
  type Iso3,
  IsoDateSchema,
  type Organization,
  type Participation,
  type RegistryState,
} from '../types.ts';
import { candidateState, type UntcParty, type UntcTable } from './untc.ts';

const REGISTRY_CHANGES = ['becomes-party', 'no-longer-party', 'action-changed'] as const;
const RegistryChangeKindSchema = z.enum(REGISTRY_CHANGES);

/** A participation fact as a diff shows it (before or after). */
const FactViewSchema = z.object({
  action: ActionKindSchema.optional(),
  date: IsoDateSchema.optional(),
  source: z.string().nullable(),
  asOf: IsoDateSchema.nullable(),
});
type FactView = z.infer<typeof FactViewSchema>;

export const RegistryChangeSchema = z.object({
  iso3: z.string(),
  name: z.string(),
  change: RegistryChangeKindSchema,
  before: FactViewSchema.nullable(),
  after: FactViewSchema.nullable(),
});
export type RegistryChange = z.infer<typeof RegistryChangeSchema>;

export const RegistryDiffSchema = z.object({
  instrument: z.enum(INSTRUMENTS),
  asOf: IsoDateSchema,
  changes: z.array(RegistryChangeSchema),
  unknown: z.array(z.string()),
  /** Parties whose action and date the table confirms (their source becomes the table's on apply). */
  confirmed: z.number().int(),
});
export type RegistryDiff = z.infer<typeof RegistryDiffSchema>;

/** What the diff and its application work on: the registry's States and organizations. */
export interface RegistryContent {
  states: RegistryState[];
  organizations: Organization[];
}

const view = (p: Participation): FactView => ({
  action: p.action,
  date: p.date,
  source: p.source,
  asOf: p.asOf,
});

const factOf = (table: UntcTable, party: UntcParty, importId?: string): Participation => ({
  action: party.action,
  date: party.date,
  source: table.source,
  asOf: table.asOf,
  ...(importId ? { importId } : {}),
});

/** A fact newer than the table (its source speaks for a later date) is not the table's to contradict. */
const newerThan = (p: Participation, asOf: string) => p.asOf !== null && p.asOf > asOf;

type Entry = { iso3: Iso3; name: string; participation: RegistryState['participation'] };

/** The changes `table` makes to `registry`: becomes party, no longer party, action or date changed. */
export const diffRegistry = (registry: RegistryContent, table: UntcTable): RegistryDiff => {
  const { instrument } = table;
  const entries = new Map<Iso3, Entry>();
  for (const s of registry.states) entries.set(s.iso3, s);
  for (const o of registry.organizations) entries.set(o.id, { iso3: o.id, ...o });
  const changes: RegistryChange[] = [];
  let confirmed = 0;
  const inTable = new Set<Iso3>();
  for (const party of [...table.parties, ...table.organizations]) {
    inTable.add(party.iso3);
    const entry = entries.get(party.iso3);
    const current = entry?.participation[instrument];
    const after = view(factOf(table, party));
    const name = entry?.name ?? party.name;
    if (!current) {
      changes.push({ iso3: party.iso3, name, change: 'becomes-party', before: null, after });
    } else if (current.action === party.action && current.date === party.date) {
      confirmed++;
    } else if (!newerThan(current, table.asOf)) {
      changes.push({ iso3: party.iso3, name, change: 'action-changed', before: view(current), after });
    }
  }
  for (const entry of entries.values()) {
    const current = entry.participation[instrument];
    if (!current || inTable.has(entry.iso3) || newerThan(current, table.asOf)) continue;
    changes.push({
      iso3: entry.iso3,
      name: entry.name,
      change: 'no-longer-party',
      before: view(current),
      after: null,
    });
  }
  changes.sort((a, b) => a.change.localeCompare(b.change) || a.name.localeCompare(b.name, 'en'));
  return { instrument, asOf: table.asOf, changes, unknown: table.unknown, confirmed };
};

/** Sets or removes one instrument on an entry, keeping `instruments` in the canonical order. */
const withParticipation = <T extends { instruments: Instrument[]; participation: Entry['participation'] }>(
  entry: T,
  instrument: Instrument,
  fact: Participation | null,
): T => {
  const participation = { ...entry.participation };
  if (fact) participation[instrument] = fact;
  else delete participation[instrument];
  return { ...entry, participation, instruments: INSTRUMENTS.filter((i) => participation[i] !== undefined) };
};

/** A State not yet registered that becomes party: registered from the name table's group and legal system. */
const newState = (iso3: Iso3, name: string): RegistryState => {
  const candidate = candidateState(iso3);
  if (!candidate || !('group' in candidate) || !('legalSystem' in candidate)) {
    throw new UnprocessableError(
      `${name} (${iso3}) becomes party but is not in the registry and data/untc-names.json gives no regional group for it; register it first`,
    );
  }
  return {
    iso3,
    name: candidate.names[0] ?? name,
    group: candidate.group as RegistryState['group'],
    legalSystem: candidate.legalSystem as RegistryState['legalSystem'],
    instruments: [],
    participation: {},
    groupSource: {
      source: 'UN DGACM, Regional groups of Member States (via data/untc-names.json)',
      asOf: null,
    },
  };
};

/**
 * The entries `changes` (a subset of diffRegistry's) alter, with facts stamped by the table and the
 * import; parties the table confirms get the table as their source when it is at least as recent.
 */
export const applyDiff = (
  registry: RegistryContent,
  table: UntcTable,
  changes: readonly RegistryChange[],
  importId?: string,
): { states: RegistryState[]; organizations: Organization[]; touched: Iso3[] } => {
  const { instrument } = table;
  const parties = new Map([...table.parties, ...table.organizations].map((p) => [p.iso3, p]));
  const states = new Map(registry.states.map((s) => [s.iso3, s]));
  const orgs = new Map(registry.organizations.map((o) => [o.id, o]));
  const touched = new Set<Iso3>();
  const set = (iso3: Iso3, name: string, fact: Participation | null) => {
    touched.add(iso3);
    const org = orgs.get(iso3);
    if (org || table.organizations.some((o) => o.iso3 === iso3)) {
      const base = org ?? { id: iso3, name, instruments: [], participation: {} };
      orgs.set(iso3, withParticipation(base, instrument, fact));
    } else {
      states.set(iso3, withParticipation(states.get(iso3) ?? newState(iso3, name), instrument, fact));
    }
  };
  for (const c of changes) {
    const party = parties.get(c.iso3);
    set(c.iso3, c.name, c.change === 'no-longer-party' || !party ? null : factOf(table, party, importId));
  }
  for (const [iso3, party] of parties) {
    const current = (states.get(iso3) ?? orgs.get(iso3))?.participation[instrument];
    if (
      current &&
      !touched.has(iso3) &&
      current.action === party.action &&
      current.date === party.date &&
      !newerThan(current, table.asOf) &&
      (current.source !== table.source || current.asOf !== table.asOf)
    ) {
      set(iso3, party.name, { ...factOf(table, party, importId), note: current.note });
    }
  }
  const byName = (a: { name: string }, b: { name: string }) => a.name.localeCompare(b.name, 'en');
  return {
    states: [...states.values()].sort(byName),
    organizations: [...orgs.values()].sort(byName),
    touched: [...touched],
  };
};

/** Digest of the registry's content (every fact and its source), for draw records and history. */
export const registryDigest = (registry: RegistryContent): string =>
  digestOf({
    states: [...registry.states].sort((a, b) => a.iso3.localeCompare(b.iso3)),
    organizations: [...registry.organizations].sort((a, b) => a.id.localeCompare(b.id)),
  });

/** The newest as-of date among the registry's sourced facts. */
export const registryAsOf = (registry: RegistryContent): string | null => {
  const dates = [...registry.states, ...registry.organizations].flatMap((e) => [
    ...Object.values(e.participation).map((p) => p?.asOf ?? null),
    ...('groupSource' in e ? [e.groupSource.asOf] : []),
  ]);
  return (
    dates
      .filter((d): d is string => d !== null)
      .sort()
      .at(-1) ?? null
  );
};

export const RegistryFingerprintSchema = z.object({
  /** The newest as-of date among the facts' sources. */
  asOf: z.string().nullable(),
  /** SHA-256 of the canonical JSON of every State and organization with its facts and sources. */
  digest: z.string(),
});

export const UnverifiedFactSchema = z.object({
  iso3: z.string(),
  name: z.string(),
  fact: z.string(),
  note: z.string().optional(),
});
export type UnverifiedFact = z.infer<typeof UnverifiedFactSchema>;

/** The registry's as-of date and digest, as a draw record carries them. */
export const registryFingerprint = (registry: RegistryContent) => ({
  asOf: registryAsOf(registry),
  digest: registryDigest(registry),
});

/** Facts with no source, per State: what a draw over them rests on without evidence. */
export const unverifiedFacts = (
  states: readonly RegistryState[],
  instruments: readonly Instrument[] = INSTRUMENTS,
): UnverifiedFact[] =>
  states.flatMap((s) => [
    ...instruments
      .filter((i) => s.participation[i] && s.participation[i]?.source === null)
      .map((i) => ({ iso3: s.iso3, name: s.name, fact: `party to ${i}`, note: s.participation[i]?.note })),
    ...(s.groupSource.source === null
      ? [
          {
            iso3: s.iso3,
            name: s.name,
            fact: s.group ? `regional group ${s.group}` : `draws with ${s.drawGroup ?? 'no group'}`,
            note: s.groupSource.note,
          },
        ]
      : []),
  ]);
