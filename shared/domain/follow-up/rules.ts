/**
 * The rules of follow-up, pure: which items a new review gets from the State's previous review,
 * what a report or a verdict changes, and when a status is agreed. The use cases load, call
 * these and store the result with a conditional write.
 */
import type { Entry } from '../dialogue.ts';
import { REVIEW_STATES, type ReviewState } from '../workflow.ts';
import type { FollowUp, FollowUpEvent, FollowUpStage, Verdict } from './model.ts';
import type { FollowUpPolicy } from './policy.ts';

/** FNV-1a, 64 bits: a stable id from the chain's root, without I/O or crypto (also runs in the web UI). */
const fnv64 = (text: string): string => {
  let h = 0xcbf29ce484222325n;
  for (const byte of new TextEncoder().encode(text)) {
    h ^= BigInt(byte);
    h = (h * 0x100000001b3n) & 0xffffffffffffffffn;
  }
  return h.toString(16).padStart(16, '0');
};

/** One item per chain per review: the id is derived from the root observation. */
export const followUpIdOf = (root: { reviewId: string; observationId: string }): string =>
  `fu-${fnv64(`${root.reviewId}\u0000${root.observationId}`)}`;

export interface PreviousReview {
  reviewId: string;
  cycleId: string;
  state: ReviewState;
  /** Its list of observations. */
  entries: readonly Entry[];
  /** Its own follow-up items (stored ones; unreported ones carry forward as derived). */
  followUps: readonly FollowUp[];
}

/** Statuses are followed up only from a review whose list of observations is agreed (final). */
const listIsFinal = (state: ReviewState): boolean =>
  REVIEW_STATES.indexOf(state) >= REVIEW_STATES.indexOf('observations-agreed');

const blank = (
  reviewId: string,
  fields: Pick<FollowUp, 'root' | 'origin' | 'previousStatus' | 'observation'>,
) => ({
  reviewId,
  followUpId: followUpIdOf(fields.root),
  ...fields,
  report: null,
  verdicts: {},
  agreed: null,
  history: [],
  version: 0,
});

/**
 * The follow-up items of `reviewId` derived from the State's previous review: its agreed
 * observations of the followed kinds, and its follow-ups whose chain is still open (not agreed,
 * or agreed with a status that does not close it).
 */
export const deriveFollowUps = (
  reviewId: string,
  previous: PreviousReview | null,
  policy: FollowUpPolicy,
): FollowUp[] => {
  if (!previous || !listIsFinal(previous.state)) return [];
  const closing = new Set(policy.scale.filter((s) => s.closes).map((s) => s.id));
  const fromObservations = previous.entries
    .filter((e) => e.status === 'agreed' && policy.kinds.includes(e.kind))
    .map((e) =>
      blank(reviewId, {
        root: { reviewId: previous.reviewId, cycleId: previous.cycleId, observationId: e.id },
        origin: { reviewId: previous.reviewId, kind: 'observation', id: e.id },
        previousStatus: null,
        observation: {
          article: e.article,
          ...(e.articleTitle ? { articleTitle: e.articleTitle } : {}),
          kind: e.kind,
          text: e.text,
          ...(e.fourP ? { fourP: e.fourP } : {}),
          ...(e.cluster ? { cluster: e.cluster } : {}),
        },
      }),
    );
  const fromFollowUps = previous.followUps
    .filter((f) => !(f.agreed && closing.has(f.agreed.status)))
    .map((f) =>
      blank(reviewId, {
        root: f.root,
        origin: { reviewId: previous.reviewId, kind: 'follow-up', id: f.followUpId },
        previousStatus: f.agreed?.status ?? null,
        observation: f.observation,
      }),
    );
  return [...fromFollowUps, ...fromObservations];
};

/** The derived items with what is stored for them laid over (stored items win by id). */
export const mergeStored = (derived: readonly FollowUp[], stored: readonly FollowUp[]): FollowUp[] => {
  const byId = new Map(stored.map((f) => [f.followUpId, f]));
  const out = derived.map((d) => byId.get(d.followUpId) ?? d);
  const seen = new Set(derived.map((d) => d.followUpId));
  return [...out, ...stored.filter((s) => !seen.has(s.followUpId))];
};

export const stageOf = (f: FollowUp): FollowUpStage => {
  if (f.agreed) return 'agreed';
  if (!f.report) return 'awaiting-report';
  const n = f.report.n;
  return Object.values(f.verdicts).some((v) => v.reportN === n && v.verdict === 'dispute')
    ? 'disputed'
    : 'reported';
};

/** Null while reports and verdicts are taken in `state`, else the reason (naming the setting). */
export const followUpWindowRefusal = (state: ReviewState, policy: FollowUpPolicy): string | null =>
  REVIEW_STATES.indexOf(state) < REVIEW_STATES.indexOf(policy.closesAt)
    ? null
    : `follow-up statuses are reported and confirmed only before the review reaches ${policy.closesAt} (follow-up policy closesAt); the review is ${state}`;

export type Outcome =
  | { ok: true; next: FollowUp }
  | { ok: false; kind: 'invalid' | 'conflict'; field?: string; reason: string };

export interface ReportInput {
  status: string;
  explanation: string;
  evidence: { url: string; label?: string }[];
  attachmentIds: string[];
}

const event = (f: FollowUp, e: Omit<FollowUpEvent, 'version'>): FollowUpEvent => ({
  ...e,
  version: f.version + 1,
});

/** The State reports (or revises) the status of an item. */
export const applyReport = (
  f: FollowUp,
  input: ReportInput,
  by: string,
  at: string,
  policy: FollowUpPolicy,
): Outcome => {
  if (!policy.scale.some((s) => s.id === input.status)) {
    return {
      ok: false,
      kind: 'invalid',
      field: 'status',
      reason: `status must be one of ${policy.scale.map((s) => s.id).join(', ')}`,
    };
  }
  if (input.explanation.trim() === '') {
    return { ok: false, kind: 'invalid', field: 'explanation', reason: 'explanation: say what was done' };
  }
  if (f.agreed) return { ok: false, kind: 'conflict', reason: `the status is agreed (${f.agreed.status})` };
  const n = (f.report?.n ?? 0) + 1;
  return {
    ok: true,
    next: {
      ...f,
      report: { n, ...input, explanation: input.explanation.trim(), by, at },
      history: [
        ...f.history,
        event(f, { event: 'reported', by, at, status: input.status, text: input.explanation }),
      ],
      version: f.version + 1,
    },
  };
};

/**
 * A reviewing State confirms or disputes the current report. The status is agreed once the
 * States `required` (those reviewing the article's instrument) have confirmed it, per policy.
 */
export const applyVerdict = (
  f: FollowUp,
  reviewer: string,
  input: { verdict: Verdict; comment?: string },
  by: string,
  at: string,
  required: readonly string[],
  policy: FollowUpPolicy,
): Outcome => {
  if (!f.report) return { ok: false, kind: 'conflict', reason: 'the State has not reported a status yet' };
  if (f.agreed) return { ok: false, kind: 'conflict', reason: `the status is agreed (${f.agreed.status})` };
  const comment = input.comment?.trim() ?? '';
  if (input.verdict === 'dispute' && comment === '') {
    return {
      ok: false,
      kind: 'invalid',
      field: 'comment',
      reason: 'comment: say why the status is disputed',
    };
  }
  const report = f.report;
  const verdicts = {
    ...f.verdicts,
    [reviewer]: { verdict: input.verdict, ...(comment ? { comment } : {}), reportN: report.n, by, at },
  };
  const history = [
    ...f.history,
    event(f, {
      event: input.verdict === 'confirm' ? 'confirmed' : 'disputed',
      by,
      state: reviewer,
      at,
      status: report.status,
      ...(comment ? { text: comment } : {}),
    }),
  ];
  const confirmed = required.filter(
    (s) => verdicts[s]?.reportN === report.n && verdicts[s]?.verdict === 'confirm',
  );
  const disputed = required.some(
    (s) => verdicts[s]?.reportN === report.n && verdicts[s]?.verdict === 'dispute',
  );
  const agreed =
    !disputed &&
    required.length > 0 &&
    (policy.agreement === 'any-reviewer' ? confirmed.length > 0 : confirmed.length === required.length);
  return {
    ok: true,
    next: {
      ...f,
      verdicts,
      agreed: agreed ? { status: report.status, at, reportN: report.n } : null,
      history: agreed
        ? [...history, { version: f.version + 1, event: 'agreed', by, at, status: report.status }]
        : history,
      version: f.version + 1,
    },
  };
};
