/**
 * Response reports and the country sets they are drawn for. Who sees which State's answers by
 * name is decided by the authorization module (`answers.read-named`); everyone else gets
 * aggregates with small-cell protection (shared/domain/response-report). docs/analytics.md.
 */
import type { Principal } from '../auth/principal.ts';
import { config } from '../config.ts';
import { assertCan, can } from '../domain/authz.ts';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../domain/errors.ts';
import { questionnaireForInstrument } from '../domain/questionnaire/index.ts';
import {
  assertNotNearDuplicate,
  type Consent,
  type CountrySet,
  type CountrySetInput,
  isRegionalGroupId,
  regionalGroupSets,
  shippedSets,
} from '../domain/response-report/country-sets.ts';
import { buildFollowUpSection, type FollowUpSection } from '../domain/response-report/follow-ups.ts';
import {
  buildResponseReport,
  type IndexedSubmission,
  latestPerState,
  type ResponseReport,
} from '../domain/response-report/index.ts';
import { parseArticleId } from '../domain/summary/document.ts';
import type { Instrument, Iso3, Language } from '../domain/types.ts';
import { stateByIso3 } from '../reference-data.ts';
import { readAnswerIndex } from '../repos/answer-index.ts';
import { findConsent, listConsents, listStoredSets, saveConsent, saveSet } from '../repos/country-sets.ts';
import { listCycles } from '../repos/cycles.ts';
import { listStates } from '../repos/registry.ts';
import type { ServedDocument, UseCaseContext } from './context.ts';
import { agreedForReport } from './follow-ups/agreed.ts';
import { renderReport } from './report-formats.ts';
import { assertVersion, staleIfConflict } from './versioning.ts';

/** What a response report is asked for (the query of GET /reports/responses). */
export interface ResponseReportQuery {
  instrument: Instrument;
  set?: string;
  states?: Iso3[];
  cycleId?: string;
  compareTo?: string;
  deadline?: string;
  format: 'json' | 'csv' | 'xlsx' | 'html' | 'pdf' | 'svg';
  /** The language of the HTML page, PDF and chart's own words (data stays as it is). */
  lang?: Language;
}

/** The suppression threshold: a policy setting (REPORT_SUPPRESSION_THRESHOLD, default 3). */
const suppressionThreshold = (): number => config().REPORT_SUPPRESSION_THRESHOLD;

/** Regional groups (members from the registry), then shipped sets as edited, then added ones. */
const loadCountrySets = async (): Promise<CountrySet[]> => {
  const [registry, stored] = await Promise.all([listStates(), listStoredSets()]);
  const named = new Map(shippedSets().map((s) => [s.id, s]));
  for (const s of stored) named.set(s.id, s);
  return [...regionalGroupSets(registry), ...named.values()];
};

const findSet = async (id: string): Promise<{ set: CountrySet; all: CountrySet[] }> => {
  const all = await loadCountrySets();
  const set = all.find((s) => s.id === id);
  if (!set) throw new NotFoundError(`no country set ${id}`, { field: 'setId' });
  return { set, all };
};

const assertMembersKnown = (members: readonly Iso3[], field: string): void => {
  const unknown = members.map((m, i) => [m, i] as const).filter(([m]) => !stateByIso3(m));
  if (unknown.length > 0) {
    throw new ValidationError(`${field}: not States parties: ${unknown.map(([m]) => m).join(', ')}`, {
      issues: unknown.map(([m, i]) => ({
        path: `${field}[${i}]`,
        code: 'unknown_state',
        message: `${m} is not a State party`,
      })),
    });
  }
};

const editable = (set: CountrySet): void => {
  if (set.origin === 'registry') {
    throw new ConflictError(
      `country set ${set.id} is a UN regional group: its members follow the registry (edit the States there)`,
    );
  }
};

/** Whether `principal` sees `iso3`'s answers by name in a report on `set` (the one rule is in authz). */
const namedFor = (principal: Principal, set: CountrySet | null, consents: readonly Consent[]) => {
  const sharing = new Set(consents.filter((c) => c.share).map((c) => c.iso3));
  const readerInSet =
    principal.kind === 'user' && principal.state !== null && !!set?.members.includes(principal.state);
  return (iso3: Iso3): boolean =>
    can(
      principal,
      'answers.read-named',
      { reviewedState: iso3, reviewerStates: [] },
      {
        sharedWithReader: readerInSet && sharing.has(iso3),
      },
    );
};

/** Indexed versions of one cycle, or of every cycle ("the latest submitted version of each State"). */
const indexedVersions = async (instrument: Instrument, cycleId?: string): Promise<IndexedSubmission[]> => {
  const cycles = cycleId ? [cycleId] : (await listCycles()).map((c) => c.cycleId);
  return (await Promise.all(cycles.map((c) => readAnswerIndex(c, instrument)))).flat();
};

export interface ReportEnvelope extends ResponseReport {
  followUps: FollowUpSection;
  set: { id: string | null; name: string; members: Iso3[] };
  cycleId: string | null;
  generatedAt: string;
  /** Versions submitted after this were not counted (the set's deadline, for aggregate readers). */
  asOf: string | null;
}

/** Builds the report the caller may see. Shared by the route, the CLI and the bench. */
export const responseReportFor = async (
  principal: Principal,
  query: Omit<ResponseReportQuery, 'format'>,
  now: Date,
): Promise<ReportEnvelope> => {
  assertCan(principal, 'report.read');
  if ((query.set === undefined) === (query.states === undefined)) {
    throw new ValidationError('query.set: give either set=<country set id> or states=<ISO3,ISO3,...>', {
      field: 'query.set',
    });
  }
  const def = questionnaireForInstrument(query.instrument);
  let set: CountrySet | null = null;
  let memberIds: Iso3[];
  if (query.set !== undefined) {
    set = (await findSet(query.set)).set;
    memberIds = set.members;
  } else {
    memberIds = [...new Set(query.states ?? [])];
    assertMembersKnown(memberIds, 'query.states');
  }
  const [consents, submissions] = await Promise.all([
    set ? listConsents(set.id) : Promise.resolve([]),
    indexedVersions(query.instrument, query.cycleId),
  ]);
  const named = namedFor(principal, set, consents);
  const visible = new Set(memberIds.filter(named));
  if (!set && visible.size < memberIds.length) {
    // Two ad-hoc lists one State apart would give that State's answers away by subtraction.
    throw new ForbiddenError(
      'query.states: a report on a list of States is for readers who may see each of them by name; report on a country set instead (GET /country-sets)',
      { field: 'query.states' },
    );
  }
  const hiddenAny = visible.size < memberIds.length;
  // Aggregates change whenever a State submits; frozen at the set's deadline, two reports taken
  // before and after one submission cannot be subtracted to read it.
  const asOf = hiddenAny && set?.deadline ? set.deadline : undefined;
  let compare: { label: string; submissions: IndexedSubmission[] } | undefined;
  if (query.compareTo === 'previous-version') {
    const latest = latestPerState(submissions, asOf);
    compare = {
      label: 'previous-version',
      submissions: submissions.filter((s) => latest.get(s.iso3) !== s),
    };
  } else if (query.compareTo !== undefined) {
    compare = {
      label: query.compareTo,
      submissions: await indexedVersions(query.instrument, query.compareTo),
    };
  }
  const counted = latestPerState(
    submissions.filter((s) => memberIds.includes(s.iso3)),
    asOf,
  );
  const agreed = await agreedForReport([...new Set([...counted.values()].map((s) => s.reviewId))]);
  const report = buildResponseReport({
    def,
    members: memberIds.map((iso3) => ({ iso3, name: stateByIso3(iso3)?.name ?? iso3 })),
    submissions,
    ...(compare ? { compare } : {}),
    ...(query.deadline || set?.deadline ? { deadline: query.deadline ?? set?.deadline } : {}),
    ...(asOf ? { asOf } : {}),
    now: now.toISOString(),
    visible: hiddenAny ? visible : 'all',
    threshold: suppressionThreshold(),
  });
  return {
    ...report,
    // The agreed statuses of earlier observations in the counted States' reviews (issue 19).
    followUps: buildFollowUpSection({
      followUps: agreed.followUps.filter((f) => parseArticleId(f.article).instrument === query.instrument),
      statuses: agreed.statuses,
      visible: hiddenAny ? visible : 'all',
      threshold: suppressionThreshold(),
      ...(asOf ? { asOf } : {}),
    }),
    set: { id: set?.id ?? null, name: set?.names.en ?? 'States listed', members: memberIds },
    cycleId: query.cycleId ?? null,
    generatedAt: now.toISOString(),
    asOf: asOf ?? null,
  };
};

const nextSet = (id: string, input: CountrySetInput, version: number, now: Date): CountrySet => ({
  id,
  kind: input.kind,
  names: input.names,
  members: input.members,
  source: input.source,
  ...(input.deadline ? { deadline: input.deadline } : {}),
  origin: 'secretariat',
  version,
  updatedAt: now.toISOString(),
});

const storedVersionOf = (s: CountrySet): number | null => (s.origin === 'secretariat' ? s.version : null);

type Actor = Principal;

export const listCountrySets = async (actor: Actor, { retired }: { retired?: 'true' | 'false' }) => {
  assertCan(actor, 'country-set.read');
  const sets = await loadCountrySets();
  return { sets: retired === 'true' ? sets : sets.filter((s) => !s.retiredAt) };
};

export const getCountrySet = async (actor: Actor, { setId }: { setId: string }) => {
  assertCan(actor, 'country-set.read');
  const { set } = await findSet(setId);
  return { ...set, consents: await listConsents(set.id) };
};

export const createCountrySet = async (
  actor: Actor,
  input: CountrySetInput & { id: string },
  { now }: UseCaseContext,
): Promise<CountrySet> => {
  assertCan(actor, 'country-set.manage');
  const all = await loadCountrySets();
  if (all.some((s) => s.id === input.id) || isRegionalGroupId(input.id)) {
    throw new ConflictError(`body.id: a country set ${input.id} exists already`, { field: 'body.id' });
  }
  assertMembersKnown(input.members, 'body.members');
  const { id, ...rest } = input;
  const next = nextSet(id, rest, 1, now);
  assertNotNearDuplicate(next, all, suppressionThreshold());
  await saveSet(next, null, {
    principal: actor,
    now,
    action: 'country-set.create',
    details: { members: next.members.length },
  });
  return next;
};

export const updateCountrySet = async (
  actor: Actor,
  input: { setId: string; expectedVersion: number; changes: CountrySetInput },
  { now }: UseCaseContext,
): Promise<CountrySet> => {
  assertCan(actor, 'country-set.manage');
  const { set, all } = await findSet(input.setId);
  editable(set);
  assertVersion(input.expectedVersion, set.version, `country set ${set.id}`);
  assertMembersKnown(input.changes.members, 'body.members');
  const next = {
    ...nextSet(set.id, input.changes, set.version + 1, now),
    ...(set.retiredAt ? { retiredAt: set.retiredAt } : {}),
  };
  assertNotNearDuplicate(next, all, suppressionThreshold());
  const added = next.members.filter((m) => !set.members.includes(m));
  const removed = set.members.filter((m) => !next.members.includes(m));
  await staleIfConflict(
    saveSet(next, storedVersionOf(set), {
      principal: actor,
      now,
      action: 'country-set.update',
      details: { added, removed },
    }),
  );
  return next;
};

export const retireCountrySet = async (
  actor: Actor,
  input: { setId: string; expectedVersion: number },
  { now }: UseCaseContext,
): Promise<CountrySet> => {
  assertCan(actor, 'country-set.manage');
  const { set } = await findSet(input.setId);
  editable(set);
  assertVersion(input.expectedVersion, set.version, `country set ${set.id}`);
  if (set.retiredAt) return set;
  const next: CountrySet = {
    ...set,
    origin: 'secretariat',
    version: set.version + 1,
    updatedAt: now.toISOString(),
    retiredAt: now.toISOString(),
  };
  await staleIfConflict(
    saveSet(next, storedVersionOf(set), { principal: actor, now, action: 'country-set.retire' }),
  );
  return next;
};

export const setCountrySetConsent = async (
  actor: Actor,
  input: { setId: string; iso3: Iso3; share: boolean },
  { now }: UseCaseContext,
): Promise<Consent> => {
  const { set } = await findSet(input.setId);
  assertCan(actor, 'consent.manage', { reviewedState: input.iso3, reviewerStates: [] });
  if (!set.members.includes(input.iso3)) {
    throw new ValidationError(`iso3: ${input.iso3} is not a member of country set ${set.id}`, {
      field: 'iso3',
    });
  }
  const current = await findConsent(set.id, input.iso3);
  if (current?.share === input.share) return current;
  const next: Consent = {
    setId: set.id,
    iso3: input.iso3,
    share: input.share,
    version: (current?.version ?? 0) + 1,
    updatedAt: now.toISOString(),
    updatedBy: actor.kind === 'user' ? actor.sub : 'system',
  };
  await saveConsent(next, {
    principal: actor,
    now,
    action: input.share ? 'consent.grant' : 'consent.withdraw',
    details: { set: set.id, iso3: input.iso3 },
  });
  return next;
};

/** The report as JSON, or as a document in the format asked for. */
export const getResponseReport = async (
  actor: Actor,
  query: ResponseReportQuery,
  { now }: UseCaseContext,
): Promise<{ report: Awaited<ReturnType<typeof responseReportFor>> } | { document: ServedDocument }> => {
  const { format, lang, ...rest } = query;
  const report = await responseReportFor(actor, rest, now);
  if (format === 'json') return { report };
  return { document: await renderReport(report, format, lang) };
};
