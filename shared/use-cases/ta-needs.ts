/**
 * The technical-assistance list the secretariat manages: the agreed TA needs of every final list
 * of observations, with what the secretariat recorded about each (status, help, provider, notes).
 */
import type { Principal } from '../auth/principal.ts';
import { assertCan } from '../domain/authz.ts';
import { NotFoundError, PreconditionFailedError, ValidationError } from '../domain/errors.ts';
import { parseArticleId } from '../domain/summary/document.ts';
import { countByStatus, filterTaNeeds, type TaNeed, taNeedsCsv } from '../domain/ta-needs.ts';
import { REVIEW_STATES } from '../domain/workflow.ts';
import { listCycles } from '../repos/cycles.ts';
import { listEntries } from '../repos/observations.ts';
import { listStates } from '../repos/registry.ts';
import { listTracking, saveTracking, type Tracking, trackingKey } from '../repos/ta-needs.ts';
import type { UseCaseContext } from './context.ts';
import { liveCycleReviews } from './review-access.ts';

const FINAL = REVIEW_STATES.indexOf('observations-agreed');

/** Every agreed TA need of a final list, with its tracking laid over. */
const allTaNeeds = async (): Promise<TaNeed[]> => {
  const [cycles, states, tracking] = await Promise.all([listCycles(), listStates(), listTracking()]);
  const names = new Map(states.map((s) => [s.iso3, s.name]));
  const out: TaNeed[] = [];
  for (const c of cycles) {
    for (const r of await liveCycleReviews(c.cycleId)) {
      if (REVIEW_STATES.indexOf(r.state) < FINAL) continue;
      for (const e of await listEntries(r.reviewId)) {
        if (e.status !== 'agreed' || e.kind !== 'ta-need') continue;
        const t = tracking.get(trackingKey(r.reviewId, e.id));
        out.push({
          reviewId: r.reviewId,
          observationId: e.id,
          cycleId: r.cycleId,
          state: r.reviewedState,
          stateName: names.get(r.reviewedState) ?? r.reviewedState,
          article: e.article,
          instrument: parseArticleId(e.article).instrument,
          text: e.text,
          status: t?.status ?? 'open',
          help: t?.help ?? null,
          provider: t?.provider ?? null,
          notes: t?.notes ?? [],
          version: t?.version ?? 0,
          updatedAt: t?.updatedAt ?? null,
        });
      }
    }
  }
  return out;
};

export const listTaNeeds = async (actor: Principal, filter: Parameters<typeof filterTaNeeds>[1]) => {
  assertCan(actor, 'ta-needs.manage');
  const needs = filterTaNeeds(await allTaNeeds(), filter);
  if (filter.format === 'csv') return { format: 'csv' as const, csv: taNeedsCsv(needs) };
  return { format: 'json' as const, needs, byStatus: countByStatus(needs) };
};

export const updateTaNeed = async (
  actor: Principal,
  input: {
    reviewId: string;
    observationId: string;
    expectedVersion?: number;
    status?: Tracking['status'];
    help?: string | null;
    provider?: string | null;
    note?: string;
  },
  ctx: UseCaseContext,
): Promise<TaNeed> => {
  assertCan(actor, 'ta-needs.manage');
  const need = (await allTaNeeds()).find(
    (n) => n.reviewId === input.reviewId && n.observationId === input.observationId,
  );
  if (!need)
    throw new NotFoundError(
      `no agreed technical-assistance need ${input.observationId} in ${input.reviewId}`,
    );
  if (input.expectedVersion !== undefined && input.expectedVersion !== need.version) {
    throw new PreconditionFailedError(`this need is at version ${need.version}; reload`, {
      current: { version: need.version },
    });
  }
  if (input.status === 'matched' && !(input.provider ?? need.provider)) {
    throw new ValidationError('provider: name the provider the need is matched with', { field: 'provider' });
  }
  const by = actor.kind === 'user' ? actor.sub : 'system';
  const at = ctx.now.toISOString();
  const next: Tracking = {
    reviewId: need.reviewId,
    observationId: need.observationId,
    status: input.status ?? need.status,
    help: input.help === undefined ? need.help : input.help,
    provider: input.provider === undefined ? need.provider : input.provider,
    notes: input.note ? [...need.notes, { at, by, text: input.note }] : need.notes,
    version: need.version + 1,
    updatedAt: at,
  };
  await saveTracking(next, { principal: actor, now: ctx.now, action: 'ta-need.update' });
  return { ...need, ...next };
};
