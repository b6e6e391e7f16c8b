/**
 * Country review summaries (generate → agree → publish), the gap report and the batch
 * regeneration of a cycle. The documents come from the pure builder and renderers in
 * shared/domain/summary; this file gathers the input and stores the results.
 */
import { createHash } from 'node:crypto';
import type { Principal } from '../auth/principal.ts';
import { BUCKET_LAYOUT } from '../data-model.ts';
import { assertCan } from '../domain/authz.ts';
import { articleInfo } from '../domain/dialogue.ts';
import { ConflictError, DomainError } from '../domain/errors.ts';
import type { GapChart } from '../domain/gap-report/export.ts';
import { gapReportCsv, gapReportJson, gapReportSvg } from '../domain/gap-report/export.ts';
import {
  buildGapReport,
  type GapReportFilter,
  type GapReviewInput,
} from '../domain/gap-report/gap-report.ts';
import { nextVersion, type Review } from '../domain/review.ts';
import { buildSummary, type SummaryDocument } from '../domain/summary/document.ts';
import {
  CONTENT_TYPES,
  SUMMARY_FORMATS,
  SUMMARY_RENDERERS,
  type SummaryFormat,
} from '../domain/summary/formats.ts';
import type { SummaryFile, SummaryHead, SummaryScopeParam } from '../domain/summary/head.ts';
import type { SummaryInputData, SummaryLifecycle } from '../domain/summary/input.ts';
import { LANGUAGES, type Language } from '../domain/types.ts';
import { checkTransition, summaryGeneratable } from '../domain/workflow.ts';
import { auditPut, auditScope } from '../repos/audit.ts';
import { listCycles } from '../repos/cycles.ts';
import { writeAll } from '../repos/dynamo.ts';
import { verifiedBytes } from '../repos/objects.ts';
import { agreedObservations } from '../repos/observations.ts';
import { getState, listStates } from '../repos/registry.ts';
import { saveReview } from '../repos/reviews.ts';
import {
  deleteSummaryObject,
  findSummary,
  getSummary,
  listReviewSummaries,
  publishedPut,
  putSummaryObject,
  readSummaryObject,
  reserveDocumentVersion,
  summaryHeadPut,
} from '../repos/summaries.ts';
import { listTracking, trackingKey } from '../repos/ta-needs.ts';
import type { ServedDocument, UseCaseContext } from './context.ts';
import { agreedFollowUps } from './follow-ups/agreed.ts';
import { reviewQuestionnaires } from './questionnaires/catalog.ts';
import { liveCycleReviews, loadReviewFor } from './review-access.ts';

const sha256 = (b: string | Uint8Array) => createHash('sha256').update(b).digest('hex');

/** The summary input of a review, from the registry, the review and its agreed observations. */
const summaryInputOf = async (review: Review, lifecycle: SummaryLifecycle): Promise<SummaryInputData> => {
  const state = await getState(review.reviewedState);
  const reviewers = await Promise.all(
    review.seats.map(async (s) => ({ seat: s, state: await getState(s.reviewer) })),
  );
  return {
    state: {
      iso3: state.iso3,
      name: state.name,
      group: state.group ?? state.drawGroup ?? null,
      legalSystem: state.legalSystem,
    },
    cycleId: review.cycleId,
    reviewPeriod: { from: review.createdAt.slice(0, 10), to: review.updatedAt.slice(0, 10) },
    instruments: review.instruments,
    reviewingStates: reviewers.map((r) => ({
      iso3: r.state.iso3,
      name: r.state.name,
      instruments: r.seat.instruments,
    })),
    observations: await agreedObservations(review.reviewId),
    followUps: await agreedFollowUps(review),
    lifecycle,
  };
};

/** Renders every language and format; what cannot be produced is listed with its reason. */
const renderAll = async (doc: SummaryDocument, keyOf: (lang: Language, ext: SummaryFormat) => string) => {
  const files: { file: SummaryFile; body: string | Uint8Array }[] = [];
  const unavailable: { lang: Language; format: SummaryFormat; reason: string }[] = [];
  for (const lang of LANGUAGES) {
    for (const format of SUMMARY_FORMATS) {
      try {
        const body = await SUMMARY_RENDERERS[format](doc, lang);
        const bytes = typeof body === 'string' ? Buffer.byteLength(body) : body.byteLength;
        files.push({ file: { lang, format, key: keyOf(lang, format), sha256: sha256(body), bytes }, body });
      } catch (err) {
        if (!(err instanceof DomainError)) throw err;
        unavailable.push({ lang, format, reason: err.message });
      }
    }
  }
  return { files, unavailable };
};

/** Builds, renders and stores a new document version of a summary (S3 first, then the head). */
const produce = async (
  review: Review,
  scope: SummaryScopeParam,
  lifecycle: SummaryLifecycle,
  principal: Principal,
  now: Date,
  previous: SummaryHead | null,
): Promise<SummaryHead> => {
  const input = await summaryInputOf(review, lifecycle);
  const doc = buildSummary(input, { scope });
  const n = await reserveDocumentVersion(review.reviewId, scope);
  const { files, unavailable } = await renderAll(doc, (lang, ext) =>
    BUCKET_LAYOUT.summary(review.cycleId, review.reviewedState, scope, n, lang, ext),
  );
  for (const f of files) await putSummaryObject(f.file.key, f.body, CONTENT_TYPES[f.file.format]);
  const by = principal.kind === 'user' ? principal.sub : 'system';
  return {
    ...(previous ?? {}),
    reviewId: review.reviewId,
    cycleId: review.cycleId,
    reviewedState: review.reviewedState,
    stateName: input.state.name,
    scope,
    lifecycle,
    documentVersion: n,
    version: (previous?.version ?? 0) + 1,
    files: files.map((f) => f.file),
    unavailable,
    observationIds: input.observations.map((o) => o.id),
    followUpIds: doc.followUps.map((f) => f.id),
    generatedAt: now.toISOString(),
    generatedBy: by,
    ...(lifecycle === 'agreed' ? { agreedAt: now.toISOString(), agreedBy: by } : {}),
    ...(lifecycle === 'published' ? { publishedAt: now.toISOString(), publishedBy: by } : {}),
  };
};

/**
 * Commits a produced head; if the commit fails (a lost race, a fault), the files rendered for it
 * are referenced by nothing and are removed before the error goes on.
 */
const commitOrRemove = async (head: SummaryHead, commit: () => Promise<unknown>): Promise<void> => {
  try {
    await commit();
  } catch (err) {
    await Promise.all(head.files.map((f) => deleteSummaryObject(f.key).catch(() => undefined)));
    throw err;
  }
};

/** Generates (or regenerates) the draft summary of a review. */
const generateDraft = async (review: Review, scope: SummaryScopeParam, principal: Principal, now: Date) => {
  if (!summaryGeneratable(review.state)) {
    throw new ConflictError(
      `a summary is drafted from the agreed list of observations; the review is ${review.state}`,
      {
        current: { state: review.state, version: review.version },
      },
    );
  }
  const previous = await findSummary(review.reviewId, scope);
  if (previous && previous.lifecycle !== 'draft') {
    throw new ConflictError(`the ${scope} summary is already ${previous.lifecycle}`, {
      current: { lifecycle: previous.lifecycle, version: previous.version },
    });
  }
  const head = await produce(review, scope, 'draft', principal, now, previous);
  await commitOrRemove(head, () =>
    writeAll(
      [
        summaryHeadPut(head),
        auditPut(auditScope.review(review.reviewId), {
          principal,
          now,
          action: 'summary.generate',
          object: `summary/${review.reviewId}/${scope}`,
          version: head.version,
          details: { documentVersion: head.documentVersion },
        }),
      ],
      'the summary changed meanwhile; reload and retry',
    ),
  );
  return head;
};

/** Moves a summary to `agreed` or `published`, re-rendered with that status, with the review's step. */
const advance = async (
  review: Review,
  scope: SummaryScopeParam,
  documentVersion: number,
  to: 'agreed' | 'published',
  principal: Principal,
  now: Date,
) => {
  const current = await getSummary(review.reviewId, scope);
  const expectedFrom = to === 'agreed' ? 'draft' : 'agreed';
  if (current.lifecycle !== expectedFrom || current.documentVersion !== documentVersion) {
    throw new ConflictError(
      `the ${scope} summary is ${current.lifecycle} at document version ${current.documentVersion}`,
      {
        current: {
          lifecycle: current.lifecycle,
          documentVersion: current.documentVersion,
          version: current.version,
        },
      },
    );
  }
  const head = await produce(review, scope, to, principal, now, current);
  if (head.observationIds.join() !== current.observationIds.join()) {
    await commitOrRemove(head, async () => {
      throw new ConflictError('the agreed observations changed since this version; regenerate the draft', {
        current: { documentVersion: current.documentVersion },
      });
    });
  }
  const extra = [summaryHeadPut(head), ...(to === 'published' ? [publishedPut(head)] : [])];
  const transition = to === 'agreed' ? 'agree-summary' : 'publish';
  const action = to === 'agreed' ? 'summary.agree' : 'summary.publish';
  // The combined summary carries the review to its next step; per-instrument ones do not.
  if (scope === 'combined') {
    const check = checkTransition(review.state, transition);
    await commitOrRemove(head, async () => {
      if (!check.ok) {
        throw new ConflictError(check.reason, { current: { state: review.state, version: review.version } });
      }
      await saveReview(nextVersion(review, now, { state: check.to }), { principal, now, action }, extra);
    });
  } else {
    await commitOrRemove(head, () =>
      writeAll(
        [
          ...extra,
          auditPut(auditScope.review(review.reviewId), {
            principal,
            now,
            action,
            object: `summary/${review.reviewId}/${scope}`,
            version: head.version,
          }),
        ],
        'the summary changed meanwhile; reload and retry',
      ),
    );
  }
  return head;
};

const fileOf = (head: SummaryHead, lang: Language, format: SummaryFormat) => {
  const file = head.files.find((f) => f.lang === lang && f.format === format);
  if (file) return file;
  const why = head.unavailable.find((u) => u.lang === lang && u.format === format)?.reason;
  throw new ConflictError(why ?? `no ${format} in ${lang} for this summary`, { lang, format });
};

/** One stored file of a summary, its bytes checked against the SHA-256 recorded when written. */
export const summaryFile = async (
  head: SummaryHead,
  lang: Language,
  format: SummaryFormat,
): Promise<ServedDocument> => {
  const file = fileOf(head, lang, format);
  const bytes = verifiedBytes(
    await readSummaryObject(file.key),
    file.sha256,
    `the ${lang} ${format} file of this summary`,
  );
  return {
    body: format === 'pdf' ? bytes : Buffer.from(bytes).toString('utf8'),
    contentType: CONTENT_TYPES[format],
    sha256: file.sha256,
    fileName: `${head.reviewedState}-${head.scope}-v${head.documentVersion}-${lang}.${format}`,
  };
};

/** Gap report input: every review of the selected cycles with its agreed observations. */
const gapInputs = async (cycleId: string | undefined): Promise<GapReviewInput[]> => {
  const tracking = await listTracking();
  const cycles = cycleId ? [cycleId] : (await listCycles()).map((c) => c.cycleId);
  const states = new Map((await listStates()).map((s) => [s.iso3, s]));
  const out: GapReviewInput[] = [];
  for (const c of cycles) {
    for (const r of await liveCycleReviews(c)) {
      const s = states.get(r.reviewedState);
      const [stored, defs] = await Promise.all([agreedObservations(r.reviewId), reviewQuestionnaires(r)]);
      // Cluster and four Ps as the questionnaire version the review uses places the article.
      const observations = stored.map((o) => {
        const info = articleInfo(o.article, defs);
        return info ? { ...o, cluster: info.cluster, fourP: [...info.fourP] } : o;
      });
      out.push({
        cycleId: r.cycleId,
        state: {
          iso3: r.reviewedState,
          name: s?.name ?? r.reviewedState,
          group: s?.group ?? s?.drawGroup ?? null,
        },
        observations,
        taNeeds: observations
          .filter((o) => o.kind === 'ta-need')
          .map((o) => ({
            article: o.article,
            ...(o.cluster ? { cluster: o.cluster } : {}),
            status: tracking.get(trackingKey(r.reviewId, o.id))?.status ?? 'open',
          })),
        followUps: (await agreedFollowUps(r)).map((f) => ({
          article: f.article,
          kind: f.kind,
          status: f.status,
          ...(f.cluster ? { cluster: f.cluster } : {}),
        })),
      });
    }
  }
  return out;
};

interface BatchProgress {
  total: number;
  done: number;
  skipped: number;
  failed: { reviewId: string; reason: string }[];
}

/** Regenerates the draft summaries of every review of a cycle that is ready, reporting progress. */
const regenerateCycle = async (
  cycleId: string,
  principal: Principal,
  now: Date,
  onProgress: (p: BatchProgress) => void = () => undefined,
): Promise<BatchProgress> => {
  const reviews = await liveCycleReviews(cycleId);
  const p: BatchProgress = { total: reviews.length, done: 0, skipped: 0, failed: [] };
  for (const r of reviews) {
    const head = await findSummary(r.reviewId, 'combined');
    if (!summaryGeneratable(r.state) || (head && head.lifecycle !== 'draft')) p.skipped++;
    else {
      try {
        await generateDraft(r, 'combined', principal, now);
        p.done++;
      } catch (err) {
        p.failed.push({ reviewId: r.reviewId, reason: err instanceof Error ? err.message : String(err) });
      }
    }
    onProgress(p);
  }
  return p;
};

type Actor = Principal;
type SummaryRef = { reviewId: string; scope: SummaryScopeParam };

export const generateSummary = async (actor: Actor, ref: SummaryRef, { now }: UseCaseContext) => {
  const review = await loadReviewFor(actor, ref.reviewId, 'summary.generate');
  return generateDraft(review, ref.scope, actor, now);
};

export const listSummaries = async (actor: Actor, { reviewId }: { reviewId: string }) => {
  await loadReviewFor(actor, reviewId, 'summary.read-draft');
  return { summaries: await listReviewSummaries(reviewId) };
};

export const getSummaryDocument = async (
  actor: Actor,
  input: SummaryRef & { lang: Language; format: SummaryFormat },
): Promise<ServedDocument> => {
  await loadReviewFor(actor, input.reviewId, 'summary.read-draft');
  return summaryFile(await getSummary(input.reviewId, input.scope), input.lang, input.format);
};

export const agreeSummary = async (
  actor: Actor,
  input: SummaryRef & { documentVersion: number },
  { now }: UseCaseContext,
) => {
  const review = await loadReviewFor(actor, input.reviewId, 'summary.agree');
  return advance(review, input.scope, input.documentVersion, 'agreed', actor, now);
};

export const publishSummary = async (
  actor: Actor,
  input: SummaryRef & { documentVersion: number },
  { now }: UseCaseContext,
) => {
  const review = await loadReviewFor(actor, input.reviewId, 'summary.publish');
  return advance(review, input.scope, input.documentVersion, 'published', actor, now);
};

/** The gap report as text: JSON, CSV or an SVG chart. */
export const getGapReport = async (
  actor: Actor,
  input: GapReportFilter & { format: 'json' | 'csv' | 'svg'; chart: GapChart; nameCountries?: boolean },
): Promise<ServedDocument> => {
  assertCan(actor, 'gap-report.read');
  const { format, chart, nameCountries, ...filter } = input;
  const report = buildGapReport(await gapInputs(filter.cycleId), filter, { nameCountries });
  if (format === 'csv') return { body: gapReportCsv(report), contentType: 'text/csv; charset=utf-8' };
  if (format === 'svg')
    return { body: gapReportSvg(report, chart), contentType: 'image/svg+xml; charset=utf-8' };
  return { body: gapReportJson(report), contentType: 'application/json; charset=utf-8' };
};

export const regenerateSummaries = async (
  actor: Actor,
  { cycleId }: { cycleId: string },
  { now }: UseCaseContext,
) => {
  assertCan(actor, 'summary.batch');
  return regenerateCycle(cycleId, actor, now);
};
