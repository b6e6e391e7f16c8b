/**
 * The public findings database (no sign-in). Its only source is the public index of published
 * summary heads: a finding is an observation a published head names (`observationIds`), and a
 * follow-up status is shown only when a published head of the later review names that follow-up
 * (`followUpIds`). Drafts, agreed-but-unpublished summaries and open lists never match.
 */
import type { Principal } from '../../auth/principal.ts';
import { assertCan } from '../../domain/authz.ts';
import type { FollowUp } from '../../domain/follow-up/model.ts';
import { statusLabel } from '../../domain/follow-up/policy.ts';
import { kindLabel } from '../../domain/observation-labels.ts';
import {
  type Finding,
  type FindingsQuery,
  findingsCsv,
  searchFindings,
} from '../../domain/public/findings.ts';
import { questionnaireForInstrument, questionsOf } from '../../domain/questionnaire/index.ts';
import { parseArticleId } from '../../domain/summary/document.ts';
import type { SummaryHead } from '../../domain/summary/head.ts';
import type { Instrument } from '../../domain/types.ts';
import { listCycles } from '../../repos/cycles.ts';
import { listStoredFollowUps } from '../../repos/follow-ups.ts';
import { listEntries } from '../../repos/observations.ts';
import { listStates } from '../../repos/registry.ts';
import { listPublished } from '../../repos/summaries.ts';
import { policyOf } from '../follow-ups/load.ts';

/** SDG targets of an article: its own and its questions', from the instrument's questionnaire. */
const sdgIndex = new Map<Instrument, Map<string, string[]>>();
const sdgTargetsOf = (article: string): string[] => {
  const { instrument } = parseArticleId(article);
  let index = sdgIndex.get(instrument);
  if (!index) {
    index = new Map();
    for (const { article: a, question } of questionsOf(questionnaireForInstrument(instrument))) {
      const set = new Set([...(index.get(a.id) ?? []), ...a.sdgTargets, ...(question.sdgTargets ?? [])]);
      index.set(a.id, [...set].sort());
    }
    sdgIndex.set(instrument, index);
  }
  return index.get(article) ?? [];
};

/** Published heads grouped by review; the combined one first (the link readers get). */
const byReview = (heads: readonly SummaryHead[]): Map<string, SummaryHead[]> => {
  const out = new Map<string, SummaryHead[]>();
  for (const h of heads) out.set(h.reviewId, [...(out.get(h.reviewId) ?? []), h]);
  for (const list of out.values())
    list.sort((a, b) => (a.scope === 'combined' ? -1 : b.scope === 'combined' ? 1 : 0));
  return out;
};

const publishedFindings = async (): Promise<Finding[]> => {
  const [heads, cycles, states] = await Promise.all([listPublished(), listCycles(), listStates()]);
  const cycleOf = new Map(cycles.map((c) => [c.cycleId, c]));
  const stateOf = new Map(states.map((s) => [s.iso3, s]));
  const reviews = byReview(heads);

  // Published follow-ups: root observation → the latest agreed status a published head shows.
  const latest = new Map<string, { f: FollowUp; year: number; label: string }>();
  for (const [reviewId, list] of reviews) {
    const shown = new Set(list.flatMap((h) => h.followUpIds));
    if (shown.size === 0) continue;
    const cycle = cycleOf.get(list[0]?.cycleId ?? '');
    if (!cycle) continue;
    const policy = policyOf(cycle, cycle);
    for (const f of await listStoredFollowUps(reviewId)) {
      if (!f.agreed || !shown.has(f.followUpId)) continue;
      const key = `${f.root.reviewId}\u0000${f.root.observationId}`;
      const prev = latest.get(key);
      if (prev && prev.year >= cycle.year) continue;
      latest.set(key, { f, year: cycle.year, label: statusLabel(policy, f.agreed.status, 'en') });
    }
  }

  const out: Finding[] = [];
  for (const [reviewId, list] of reviews) {
    const first = list[0];
    const cycle = cycleOf.get(first?.cycleId ?? '');
    if (!first || !cycle) continue;
    const state = stateOf.get(first.reviewedState);
    const headOf = new Map<string, SummaryHead>();
    for (const h of list) for (const id of h.observationIds) if (!headOf.has(id)) headOf.set(id, h);
    for (const e of await listEntries(reviewId)) {
      const head = headOf.get(e.id);
      if (!head || e.status !== 'agreed') continue;
      const fu = latest.get(`${reviewId}\u0000${e.id}`);
      out.push({
        observationId: e.id,
        reviewId,
        cycleId: cycle.cycleId,
        year: cycle.year,
        state: first.reviewedState,
        stateName: first.stateName,
        group: state?.group ?? state?.drawGroup ?? null,
        article: e.article,
        instrument: parseArticleId(e.article).instrument,
        cluster: e.cluster ?? null,
        kind: e.kind,
        kindLabel: kindLabel(cycle.mechanism, e.kind),
        text: e.text,
        fourP: e.fourP ?? [],
        sdgTargets: sdgTargetsOf(e.article),
        followUp: fu?.f.agreed
          ? { status: fu.f.agreed.status, label: fu.label, reviewId: fu.f.reviewId }
          : null,
        summary: { scope: head.scope, path: `/public/summaries/${reviewId}/${head.scope}` },
      });
    }
  }
  return out;
};

export const publicFindings = async (actor: Principal, query: FindingsQuery) => {
  assertCan(actor, 'public.read');
  const result = searchFindings(await publishedFindings(), query);
  if (query.format === 'csv') return { format: 'csv' as const, csv: findingsCsv(result.all) };
  const { all: _all, ...page } = result;
  return { format: 'json' as const, page };
};
