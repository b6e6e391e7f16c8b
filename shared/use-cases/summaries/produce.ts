/**
 * Producing a summary document version: its input gathered from the registry, the review, its
 * agreed observations and follow-ups; every language and format rendered and stored in S3 before
 * the head that names them is committed (and removed again when that commit fails).
 */
import { createHash } from 'node:crypto';
import type { Principal } from '../../auth/principal.ts';
import { BUCKET_LAYOUT } from '../../data-model.ts';
import { DomainError } from '../../domain/errors.ts';
import type { Review } from '../../domain/review.ts';
import { buildSummary, type SummaryDocument } from '../../domain/summary/document.ts';
import {
  CONTENT_TYPES,
  SUMMARY_FORMATS,
  SUMMARY_RENDERERS,
  type SummaryFormat,
} from '../../domain/summary/formats.ts';
import type { SummaryFile, SummaryHead, SummaryScopeParam } from '../../domain/summary/head.ts';
import type { SummaryInputData, SummaryLifecycle } from '../../domain/summary/input.ts';
import { LANGUAGES, type Language } from '../../domain/types.ts';
import { agreedObservations } from '../../repos/observations.ts';
import { getState } from '../../repos/registry.ts';
import { deleteSummaryObject, putSummaryObject, reserveDocumentVersion } from '../../repos/summaries.ts';
import { agreedFollowUps } from '../follow-ups/agreed.ts';

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
export const produce = async (
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
export const commitOrRemove = async (head: SummaryHead, commit: () => Promise<unknown>): Promise<void> => {
  try {
    await commit();
  } catch (err) {
    await Promise.all(head.files.map((f) => deleteSummaryObject(f.key).catch(() => undefined)));
    throw err;
  }
};
