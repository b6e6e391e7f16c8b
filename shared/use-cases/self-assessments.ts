/**
 * Self-assessments: drafts (autosave with optimistic concurrency), attachments (pre-signed
 * uploads, verified on confirm), submissions (immutable versions in S3) and their exports.
 * Every access goes through the authorization module; docs/self-assessments.md has the details.
 */
import { randomUUID } from 'node:crypto';
import type { Principal } from '../auth/principal.ts';
import { BUCKET_LAYOUT } from '../data-model.ts';
import { ATTACHMENT_TYPES, detectAttachmentType, isAttachmentType } from '../domain/attachments.ts';
import { assertCan, type ReviewAction } from '../domain/authz.ts';
import type { Cycle } from '../domain/cycle.ts';
import {
  ConflictError,
  NotFoundError,
  PayloadTooLargeError,
  UnauthorizedError,
  UnsupportedMediaTypeError,
  ValidationError,
} from '../domain/errors.ts';
import {
  type Answers,
  AnswersSchema,
  articleIndex,
  completeness as completenessOf,
  diffAnswers,
  exportSubmission,
  type FieldIssue,
  formatPath,
  formModel,
  isQuestionId,
  parseImport,
  type QuestionnaireDefinition,
  questionnaireForInstrument,
  questionsOf,
  renderSubmissionHtml,
  renderSubmissionMarkdown,
  SubmissionExportSchema,
  type SubmissionMeta,
  validateAnswers,
} from '../domain/questionnaire/index.ts';
import { nextVersion, type Review } from '../domain/review.ts';
import type { AttachmentRecord, DraftRecord, VersionRecord } from '../domain/self-assessment/records.ts';
import type { Instrument } from '../domain/types.ts';
import {
  checkTransition,
  DEADLINE_PRESETS,
  type DeadlinePolicy,
  feedbackDeadline,
  latenessOf,
  markMet,
  selfAssessmentOpen,
} from '../domain/workflow.ts';
import { contentDisposition, documentHeaders } from '../http/documents.ts';
import type { Operations } from '../http/lambda.ts';
import {
  type Attachment,
  type Draft,
  MAX_ATTACHMENT_BYTES,
  type SubmissionSummary,
} from '../http/routes/self-assessments.ts';
import { stateByIso3 } from '../reference-data.ts';
import { answerIndexParts } from '../repos/answer-index.ts';
import type { Key } from '../repos/dynamo.ts';
import type { IdempotencyItem } from '../repos/idempotency.ts';
import { questionnaireKeys, SA_KEYS } from '../repos/keys.ts';
import { assertDigest, verifiedBytes } from '../repos/objects.ts';
import { latestOf } from '../repos/questionnaires.ts';
import { getReview, saveReview } from '../repos/reviews.ts';
import {
  abandonVersion,
  attachmentSubmitUpdate,
  conflictWith,
  createAttachment,
  deleteObject,
  digestObject,
  draftOf,
  findAttachment,
  findVersion,
  headObject,
  listAttachments,
  listKeys,
  listVersions,
  MAX_DRAFT_ANSWER_BYTES,
  markAttachmentReady,
  presignDownload,
  presignUpload,
  putObject,
  readObject,
  readObjectWithType,
  reserveVersion,
  saveDraft,
  sha256Hex,
  versionSubmitUpdate,
} from '../repos/self-assessments.ts';
import { indexedSubmissionOf } from './answer-index.ts';
import { newestQuestionnaire, questionnaireVersion } from './questionnaires/catalog.ts';
import { instrumentScope, loadReviewAndCycleFor } from './review-access.ts';

/**
 * Short: an upload URL cannot be revoked, so this bounds how long anyone holding it can write to
 * the upload key. Confirmed bytes are never read from there again (they are moved on confirm).
 * S3 checks the expiry when a PUT starts, so a slow 20 MiB upload begun in time still completes.
 */
const UPLOAD_URL_SECONDS = 5 * 60;
const DOWNLOAD_URL_SECONDS = 5 * 60;
/** A pending submission older than this whose draft has changed since is abandoned (its request died). */
const STALE_PENDING_MS = 2 * 60_000;
/** TransactWriteItems takes 100 items; the version record, the review + audit and the answer-index version item use four. */
const MAX_ATTACHMENTS_PER_SUBMISSION = 90;

// ---------- access ----------

/**
 * The review, if the caller may do `action` on its `instrument` self-assessment: 404 when the
 * caller has no part in the review or the State is not reviewed for the instrument, 403 when
 * the role may not act (or the caller's State does not review this instrument).
 */
const loadWithCycleFor = async (
  principal: Principal,
  params: { reviewId: string; instrument: Instrument },
  action: ReviewAction,
  alsoRead?: Key[],
): Promise<Awaited<ReturnType<typeof loadReviewAndCycleFor>>> => {
  const found = await loadReviewAndCycleFor(principal, params.reviewId, action, undefined, alsoRead);
  if (!found.review.instruments.includes(params.instrument)) {
    throw new NotFoundError(`review ${params.reviewId} has no ${params.instrument} self-assessment`);
  }
  assertCan(principal, action, instrumentScope(found.review, params.instrument));
  return found;
};

const loadFor = async (
  principal: Principal,
  params: { reviewId: string; instrument: Instrument },
  action: ReviewAction,
): Promise<Review> => (await loadWithCycleFor(principal, params, action)).review;

/** `loadFor` a change of the draft or its attachments: 409 naming the rule once the self-assessment is closed. */
const loadForChange = async (
  principal: Principal,
  params: { reviewId: string; instrument: Instrument },
): Promise<Review> => {
  const review = await loadFor(principal, params, 'draft.write');
  assertSelfAssessmentOpen(review);
  return review;
};

const assertSelfAssessmentOpen = (review: Review): void => {
  const open = selfAssessmentOpen(review.state);
  if (!open.ok) {
    throw new ConflictError(open.reason, { rule: 'self-assessment-open', current: { state: review.state } });
  }
};

interface WithDraft {
  review: Review;
  cycle: Cycle;
  draft: DraftRecord | null;
  /** The questionnaire the draft was written against, or for no draft yet the newest one. */
  def: QuestionnaireDefinition;
}

/**
 * `loadWithCycleFor` with the draft and the head of the instrument's questionnaire (which
 * version a new draft takes) read in the same batch: one round trip for all. The draft is used
 * only once the caller may do `action`.
 */
const loadWithDraftFor = async (
  principal: Principal,
  params: { reviewId: string; instrument: Instrument },
  action: ReviewAction,
): Promise<WithDraft> => {
  const { reviewId, instrument } = params;
  const { review, cycle, also } = await loadWithCycleFor(principal, params, action, [
    SA_KEYS.draft(reviewId, instrument),
    questionnaireKeys.head(questionnaireForInstrument(instrument).id),
  ]);
  const draft = draftOf(also[0]);
  const def = await (draft
    ? questionnaireVersion(draft.questionnaireId, draft.questionnaireVersion)
    : newestQuestionnaire(instrument, latestOf(also[1])));
  return { review, cycle, draft, def };
};

/**
 * The draft an edit starts from (read with the review: `loadWithDraftFor`), once the
 * self-assessment is open, and the 412 when it is not at `expected`, answered from that read.
 */
const draftToEdit = async (
  req: { principal: Principal; params: { reviewId: string; instrument: Instrument } },
  expected: number,
): Promise<WithDraft> => {
  const found = await loadWithDraftFor(req.principal, req.params, 'draft.write');
  assertSelfAssessmentOpen(found.review);
  if ((found.draft?.version ?? 0) !== expected)
    throw conflictWith(found.draft, req.params.instrument, expected);
  return found;
};

const userOf = (p: Principal): Extract<Principal, { kind: 'user' }> => {
  if (p.kind !== 'user') throw new UnauthorizedError('sign-in required');
  return p;
};

/** The deadline policy of the review's cycle (the mechanism's preset for a cycle without one). */
const deadlinePolicyOf = (review: Review, cycle: Cycle): DeadlinePolicy =>
  cycle.deadlines ?? DEADLINE_PRESETS[review.mechanism];

const etag = (version: number): string => `"${version}"`;

// ---------- answers ----------

/** Keys sorted at every level, so equal answers always serialize to the same bytes. */
const canonical = (value: unknown): unknown => {
  if (Array.isArray(value)) return value.map(canonical);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .map((k) => [k, canonical((value as Record<string, unknown>)[k])]),
    );
  }
  return value;
};

/** Answers in questionnaire order, nested keys sorted: the stored and submitted form. */
const orderAnswers = (def: QuestionnaireDefinition, answers: Readonly<Record<string, unknown>>): Answers => {
  const index = articleIndex(def);
  const ids = Object.keys(answers).sort(
    (a, b) =>
      (index.get(a)?.order ?? Number.MAX_SAFE_INTEGER) - (index.get(b)?.order ?? Number.MAX_SAFE_INTEGER),
  );
  // Values were validated against the questionnaire before they were stored.
  return AnswersSchema.parse(Object.fromEntries(ids.map((id) => [id, canonical(answers[id])])));
};

const draftView = (
  reviewId: string,
  instrument: Instrument,
  def: QuestionnaireDefinition,
  draft: DraftRecord | null,
): Draft => ({
  reviewId,
  instrument,
  questionnaireId: def.id,
  questionnaireVersion: def.version,
  version: draft?.version ?? 0,
  answers: draft?.answers ?? {},
  updatedAt: draft?.updatedAt ?? null,
  updatedBy: draft?.updatedBy ?? null,
  completeness: completenessOf(def, draft?.answers ?? {}),
});

const assertDraftSize = (answers: Answers): void => {
  const bytes = Buffer.byteLength(JSON.stringify(answers), 'utf8');
  if (bytes > MAX_DRAFT_ANSWER_BYTES) {
    throw new PayloadTooLargeError(
      `answers: the draft would take ${bytes} bytes, more than the limit of ${MAX_DRAFT_ANSWER_BYTES}; move long texts into attachments`,
      { field: 'answers', limit: MAX_DRAFT_ANSWER_BYTES, size: bytes },
    );
  }
};

/** Writes the draft at `expected + 1`; a version mismatch (stale or lost race) is a 412 with the current draft. */
const writeDraft = async (
  principal: Extract<Principal, { kind: 'user' }>,
  reviewId: string,
  instrument: Instrument,
  def: QuestionnaireDefinition,
  expected: number,
  answers: Answers,
  now: Date,
): Promise<DraftRecord> => {
  assertDraftSize(answers);
  return saveDraft({
    reviewId,
    instrument,
    questionnaireId: def.id,
    questionnaireVersion: def.version,
    answers,
    version: expected + 1,
    updatedAt: now.toISOString(),
    updatedBy: principal.sub,
    updatedByName: principal.name,
  });
};

/** Attachment ids the answers reference, with the field path of each (deduplicated by id). */
const referencedAttachments = (
  def: QuestionnaireDefinition,
  answers: Answers,
): { id: string; path: string }[] => {
  const out = new Map<string, string>();
  for (const { question } of questionsOf(def)) {
    if (question.type !== 'attachments') continue;
    const value = Object.hasOwn(answers, question.id) ? answers[question.id] : undefined;
    if (!Array.isArray(value)) continue;
    value.forEach((id, i) => {
      if (typeof id === 'string' && !out.has(id)) out.set(id, formatPath('answers', [question.id, i]));
    });
  }
  return [...out].map(([id, path]) => ({ id, path }));
};

// ---------- attachments ----------

const attachmentView = (a: AttachmentRecord): Attachment => ({
  attachmentId: a.attachmentId,
  name: a.name,
  contentType: a.contentType,
  size: a.size ?? a.declaredSize,
  sha256: a.sha256 ?? null,
  status: a.status,
  createdAt: a.createdAt,
  createdBy: a.createdBy,
  confirmedAt: a.confirmedAt ?? null,
  submittedIn: a.submittedIn,
  respondedIn: a.respondedIn,
});

/**
 * After a confirmation: the upload is gone (moved), and so is any confirmed copy the record does
 * not name (left by a crashed or losing attempt with other bytes).
 */
const removeUnreferencedCopies = async (a: AttachmentRecord): Promise<void> => {
  await deleteObject(a.uploadKey);
  if (!a.objectKey) return;
  const prefix = a.objectKey.slice(0, a.objectKey.lastIndexOf('/') + 1);
  for (const key of await listKeys(prefix)) if (key !== a.objectKey) await deleteObject(key);
};

/** The confirmed bytes still have the recorded SHA-256 (streamed; refused, never served, if not). */
const assertStoredAttachment = async (a: AttachmentRecord): Promise<void> => {
  if (!a.objectKey || !a.sha256) throw new Error(`attachment ${a.attachmentId} is ready without its object`);
  const stored = await digestObject(a.objectKey, 0);
  assertDigest(stored.sha256, a.sha256, `attachment ${a.attachmentId} (${a.name})`);
};

// ---------- submissions ----------

const summaryOf = (v: VersionRecord): SubmissionSummary => {
  if (v.status !== 'submitted' || !v.objectKey || !v.sha256 || v.size === undefined) {
    throw new Error(`version ${v.n} is not submitted`);
  }
  return {
    version: v.n,
    sha256: v.sha256,
    size: v.size,
    objectKey: v.objectKey,
    questionnaireId: v.questionnaireId,
    questionnaireVersion: v.questionnaireVersion,
    submittedAt: v.submittedAt,
    submittedBy: v.submittedBy,
    submittedByName: v.submittedByName,
    attachmentIds: v.attachmentIds,
    late: v.late ?? null,
  };
};

const contentDigestOf = (def: QuestionnaireDefinition, answers: Answers): string =>
  sha256Hex(
    JSON.stringify(canonical({ questionnaireId: def.id, questionnaireVersion: def.version, answers })),
  );

/**
 * The frozen document: the JSON export format (importable as it is), built only from the
 * reservation and the answers, so a retry rebuilds exactly the same bytes.
 */
const documentBytes = (
  review: Review,
  def: QuestionnaireDefinition,
  answers: Answers,
  v: VersionRecord,
): Uint8Array => {
  const meta: SubmissionMeta = {
    stateName: stateByIso3(review.reviewedState)?.name ?? review.reviewedState,
    version: v.n,
    submittedAt: v.submittedAt,
    submittedBy: v.submittedByName,
  };
  return Buffer.from(`${JSON.stringify(exportSubmission(def, answers, meta), null, 2)}\n`, 'utf8');
};

/** The key reserved for a version's document. */
const versionKey = (review: Review, v: Pick<VersionRecord, 'instrument' | 'n'>): string =>
  BUCKET_LAYOUT.selfAssessmentVersion(review.cycleId, review.reviewedState, v.instrument, v.n);

/**
 * Finishes a pending reservation: writes the document at its reserved key (never over different
 * bytes), then one transaction flips the record to submitted, freezes the attachments, moves the
 * review and appends the audit entry. Safe to run again after a crash at any point.
 */
const publish = async (
  principal: Principal,
  first: Review,
  def: QuestionnaireDefinition,
  answers: Answers,
  v: VersionRecord,
  now: Date,
  /**
   * True when this request has just reserved `v`: no earlier attempt of it can have written the
   * document, so it is put without looking first. (A concurrent retry of the same reservation
   * writes the same bytes: they are a function of the reservation, whose number is never reused.)
   */
  reservedNow: boolean,
  /** The idempotency record to write in the commit transaction, given the submitted version. */
  keyItem?: (submitted: VersionRecord) => IdempotencyItem,
): Promise<VersionRecord> => {
  const objectKey = versionKey(first, v);
  const bytes = documentBytes(first, def, answers, v);
  const sha256 = sha256Hex(bytes);
  const storeDocument = async (): Promise<void> => {
    if (!reservedNow && (await headObject(objectKey))) {
      // An earlier attempt of this same reservation wrote it; it must hold the same bytes.
      if (sha256Hex(await readObject(objectKey)) !== sha256) {
        throw new Error(`${objectKey} exists with different content; refusing to overwrite`);
      }
    } else {
      await putObject(objectKey, bytes, 'application/json');
    }
  };
  const published = { objectKey, sha256, size: bytes.byteLength };
  const submitted: VersionRecord = { ...v, status: 'submitted', ...published };
  // The answer index: its items before the commit point (unseen without their version item),
  // the version item in the same transaction as the submission (a version has more answers
  // than a transaction takes items), so a failure anywhere leaves no indexed partial version.
  // Being unseen until then, they are written while the document goes to S3.
  const index = answerIndexParts(await indexedSubmissionOf(first, v, answers), v.instrument);
  await Promise.all([storeDocument(), index.writeAnswers()]);

  let review = first;
  for (let attempt = 0; attempt < 4; attempt++) {
    if (attempt > 0) review = await getReview(first.reviewId);
    const to = checkTransition(review.state, 'submit-self-assessment');
    if (!to.ok) throw new ConflictError(to.reason, { current: { state: review.state } });
    const at = v.submittedAt;
    const hasFeedback = review.deadlines.some((d) => d.kind === 'feedback');
    const deadlines = markMet(review.deadlines, 'self-assessment', at);
    try {
      await saveReview(
        nextVersion(review, now, {
          state: to.to,
          deadlines: hasFeedback
            ? deadlines
            : [...deadlines, feedbackDeadline(at, DEADLINE_PRESETS[review.mechanism])],
        }),
        {
          principal,
          now,
          action: 'self-assessment.submit',
          details: { instrument: v.instrument, version: v.n, sha256, objectKey, late: v.late ?? null },
        },
        [
          versionSubmitUpdate(v, published),
          ...v.attachmentIds.map((id) => attachmentSubmitUpdate(v.reviewId, v.instrument, id, v.n)),
          index.versionPut,
          ...(keyItem ? [keyItem(submitted)] : []),
        ],
      );
      return submitted;
    } catch (err) {
      if (!(err instanceof ConflictError)) throw err;
      const current = await findVersion(v.reviewId, v.instrument, v.n);
      // Another attempt of the same submission finished it first: the same result.
      if (current?.status === 'submitted' && current.contentDigest === v.contentDigest) return current;
      if (current?.status !== 'pending') {
        // Abandoned while this request was slow: the document it wrote is referenced by nothing.
        await deleteObject(objectKey);
        throw new ConflictError(`version ${v.n} was abandoned meanwhile; submit again`, {
          current: { version: v.n, status: current?.status ?? null },
        });
      }
      // Else the review changed meanwhile (or an attachment is no longer confirmed): reload and retry.
    }
  }
  throw new ConflictError('the review keeps changing; retry the submission with the same Idempotency-Key');
};

const submittedVersion = async (
  reviewId: string,
  instrument: Instrument,
  n: number,
): Promise<VersionRecord> => {
  const v = await findVersion(reviewId, instrument, n);
  if (v?.status !== 'submitted')
    throw new NotFoundError(`no submitted ${instrument} version ${n}`, { version: n });
  return v;
};

/** The stored document of a version, checked against the SHA-256 recorded when it was frozen. */
export const loadDocument = async (
  v: VersionRecord,
): Promise<{ bytes: Uint8Array; answers: Answers; meta: SubmissionMeta; def: QuestionnaireDefinition }> => {
  const summary = summaryOf(v);
  const bytes = verifiedBytes(
    await readObject(summary.objectKey),
    summary.sha256,
    `submitted ${v.instrument} version ${v.n}`,
  );
  const doc = SubmissionExportSchema.parse(JSON.parse(Buffer.from(bytes).toString('utf8')));
  const def = await questionnaireVersion(v.questionnaireId, v.questionnaireVersion);
  return {
    bytes,
    answers: AnswersSchema.parse(doc.answers),
    meta: {
      stateName: doc.meta?.stateName ?? '',
      version: v.n,
      submittedAt: v.submittedAt,
      submittedBy: v.submittedByName,
    },
    def,
  };
};

// ---------- operations ----------

export const selfAssessmentsOperations: Operations<'self-assessments'> = {
  getSelfAssessmentQuestionnaire: async (req) => {
    const { def } = await loadWithDraftFor(req.principal, req.params, 'review.read');
    return { body: formModel(def) };
  },

  getSelfAssessmentDraft: async (req) => {
    const { reviewId, instrument } = req.params;
    const { draft, def } = await loadWithDraftFor(req.principal, req.params, 'draft.read');
    return {
      body: draftView(reviewId, instrument, def, draft),
      headers: { etag: etag(draft?.version ?? 0) },
    };
  },

  patchSelfAssessmentDraft: async (req) => {
    const { reviewId, instrument } = req.params;
    const expected = req.expectedVersion;
    const { draft: current, def } = await draftToEdit(req, expected);
    const principal = userOf(req.principal);

    // `null` clears an answer; everything else is validated like any answer.
    const entries = Object.entries(req.body.answers);
    const clears = entries.filter(([, v]) => v === null).map(([id]) => id);
    const sets = Object.fromEntries(entries.filter(([, v]) => v !== null));
    const issues: FieldIssue[] = clears
      .filter((id) => !isQuestionId(def, id))
      .map((id) => ({
        path: formatPath('answers', [id]),
        code: 'unknown_question',
        message: `unknown question id for ${def.id}`,
      }));
    const checked = validateAnswers(def, sets, 'draft');
    if (!checked.ok) issues.push(...checked.issues);
    if (issues.length > 0 || !checked.ok) {
      throw new ValidationError(
        `answers to ${def.id} are not valid: ${issues.map((i) => i.path).join(', ')}`,
        {
          issues,
        },
      );
    }
    if (entries.length === 0 && current) {
      return {
        body: draftView(reviewId, instrument, def, current),
        headers: { etag: etag(current.version) },
      };
    }
    const merged: Record<string, unknown> = { ...current?.answers, ...checked.value };
    for (const id of clears) delete merged[id];
    const saved = await writeDraft(
      principal,
      reviewId,
      instrument,
      def,
      expected,
      orderAnswers(def, merged),
      req.now,
    );
    return { body: draftView(reviewId, instrument, def, saved), headers: { etag: etag(saved.version) } };
  },

  importSelfAssessmentDraft: async (req) => {
    const { reviewId, instrument } = req.params;
    const expected = req.expectedVersion;
    const { draft: current, def } = await draftToEdit(req, expected);
    const principal = userOf(req.principal);
    const parsed = parseImport(def, req.body);
    if (!parsed.ok) {
      throw new ValidationError(
        `the import file is not valid for ${def.id} v${def.version}: ${parsed.issues.map((i) => i.path).join(', ')}`,
        { issues: parsed.issues },
      );
    }
    const saved = await writeDraft(
      principal,
      reviewId,
      instrument,
      def,
      expected,
      orderAnswers(def, parsed.value),
      req.now,
    );
    return { body: draftView(reviewId, instrument, def, saved), headers: { etag: etag(saved.version) } };
  },

  requestSelfAssessmentAttachmentUpload: async (req) => {
    const { reviewId, instrument } = req.params;
    const review = await loadForChange(req.principal, req.params);
    const principal = userOf(req.principal);
    const contentType = req.body.contentType.trim().toLowerCase();
    if (!isAttachmentType(contentType)) {
      throw new UnsupportedMediaTypeError(
        `body.contentType: ${req.body.contentType} is not accepted; allowed: ${Object.keys(ATTACHMENT_TYPES).join(', ')}`,
        { field: 'body.contentType', allowed: Object.keys(ATTACHMENT_TYPES) },
      );
    }
    if (req.body.size > MAX_ATTACHMENT_BYTES) {
      throw new PayloadTooLargeError(
        `body.size: ${req.body.size} bytes is more than the limit of ${MAX_ATTACHMENT_BYTES} bytes (20 MiB)`,
        { field: 'body.size', limit: MAX_ATTACHMENT_BYTES },
      );
    }
    // The key holds only our own id: the user's file name never reaches S3.
    const attachmentId = randomUUID();
    const record: AttachmentRecord = {
      reviewId,
      instrument,
      attachmentId,
      name: req.body.name,
      contentType,
      declaredSize: req.body.size,
      ...(req.body.sha256 ? { declaredSha256: req.body.sha256 } : {}),
      uploadKey: BUCKET_LAYOUT.attachmentUpload(review.cycleId, review.reviewedState, attachmentId),
      status: 'pending',
      createdAt: req.now.toISOString(),
      createdBy: principal.sub,
      submittedIn: [],
      respondedIn: [],
    };
    await createAttachment(record);
    const upload = await presignUpload(record.uploadKey, {
      contentType,
      size: req.body.size,
      sha256Base64: req.body.sha256 ? Buffer.from(req.body.sha256, 'hex').toString('base64') : undefined,
      expiresInSeconds: UPLOAD_URL_SECONDS,
    });
    return {
      status: 201,
      body: {
        attachment: attachmentView(record),
        upload: {
          method: 'PUT',
          url: upload.url,
          headers: upload.headers,
          expiresAt: new Date(req.now.getTime() + UPLOAD_URL_SECONDS * 1000).toISOString(),
        },
      },
    };
  },

  confirmSelfAssessmentAttachment: async (req) => {
    const { reviewId, instrument, attachmentId } = req.params;
    const review = await loadForChange(req.principal, req.params);
    const a = await findAttachment(reviewId, instrument, attachmentId);
    if (!a) throw new NotFoundError(`no attachment ${attachmentId}`);
    if (a.status === 'ready') {
      // Whatever reached the upload key since (an old URL used again) is never read: drop it.
      await deleteObject(a.uploadKey);
      return { body: attachmentView(a) };
    }
    const head = await headObject(a.uploadKey);
    if (!head) {
      throw new ConflictError(
        'file: nothing was uploaded for this attachment yet; PUT it to the upload URL first',
        {
          field: 'file',
        },
      );
    }
    // A rejected upload is removed (it was never visible), so the client can PUT again.
    const reject = async (err: Error): Promise<never> => {
      await deleteObject(a.uploadKey);
      throw err;
    };
    if (head.size > MAX_ATTACHMENT_BYTES) {
      await reject(
        new PayloadTooLargeError(
          `file: ${head.size} bytes is more than the limit of ${MAX_ATTACHMENT_BYTES}`,
          {
            field: 'file',
            limit: MAX_ATTACHMENT_BYTES,
          },
        ),
      );
    }
    // The bytes are read once and everything below is decided on this copy (at most 20 MiB), so
    // a PUT racing the confirmation can change nothing that is recorded.
    const { bytes, contentType } = await readObjectWithType(a.uploadKey);
    if (bytes.byteLength > MAX_ATTACHMENT_BYTES || bytes.byteLength !== a.declaredSize) {
      await reject(
        new ValidationError(
          `file: ${bytes.byteLength} bytes were uploaded, ${a.declaredSize} were declared`,
          {
            field: 'file',
            declared: a.declaredSize,
            actual: bytes.byteLength,
          },
        ),
      );
    }
    const storedType = (contentType ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
    // The bytes decide: the name's extension was checked against the declared type on request.
    const detected = detectAttachmentType(bytes.subarray(0, 512), bytes.byteLength <= 512);
    if (storedType !== a.contentType || detected !== a.contentType) {
      await reject(
        new UnsupportedMediaTypeError(
          `file: the uploaded content is not ${a.contentType} (uploaded as ${storedType || 'no type'}, the bytes show ${detected ?? 'no accepted type'})`,
          { field: 'file', declared: a.contentType, uploadedAs: storedType, detected },
        ),
      );
    }
    const sha256 = sha256Hex(bytes);
    if (a.declaredSha256 && a.declaredSha256 !== sha256) {
      await reject(
        new ValidationError('file: its SHA-256 differs from the declared sha256', {
          field: 'file',
          declared: a.declaredSha256,
          actual: sha256,
        }),
      );
    }
    // Moved to a key named by its digest that no upload URL reaches: the same key always holds
    // the same bytes, so a retry or a parallel confirmation of the same file rewrites nothing.
    const objectKey = BUCKET_LAYOUT.attachment(review.cycleId, review.reviewedState, attachmentId, sha256);
    await putObject(objectKey, bytes, a.contentType);
    let ready: AttachmentRecord;
    try {
      ready = await markAttachmentReady(a, { size: bytes.byteLength, sha256, objectKey, at: req.now });
    } catch (err) {
      // Another confirmation won with other bytes: ours is referenced by nothing.
      const winner = await findAttachment(reviewId, instrument, attachmentId);
      if (winner?.objectKey !== objectKey) await deleteObject(objectKey);
      throw err;
    }
    await removeUnreferencedCopies(ready);
    return { body: attachmentView(ready) };
  },

  listSelfAssessmentAttachments: async (req) => {
    await loadFor(req.principal, req.params, 'draft.read');
    const all = await listAttachments(req.params.reviewId, req.params.instrument);
    return { body: { attachments: all.map(attachmentView) } };
  },

  getSelfAssessmentAttachment: async (req) => {
    const { reviewId, instrument, attachmentId } = req.params;
    const review = await loadFor(req.principal, req.params, 'submission.read');
    const a = await findAttachment(reviewId, instrument, attachmentId);
    if (!a) throw new NotFoundError(`no attachment ${attachmentId}`);
    // Until a submission or a response includes it, an attachment is part of the draft.
    if (a.submittedIn.length === 0 && a.respondedIn.length === 0)
      assertCan(req.principal, 'draft.read', instrumentScope(review, instrument));
    if (a.status === 'ready') await assertStoredAttachment(a);
    const download =
      a.status === 'ready' && a.objectKey
        ? {
            url: await presignDownload(a.objectKey, {
              fileName: a.name,
              contentType: a.contentType,
              expiresInSeconds: DOWNLOAD_URL_SECONDS,
            }),
            expiresAt: new Date(req.now.getTime() + DOWNLOAD_URL_SECONDS * 1000).toISOString(),
          }
        : null;
    return { body: { ...attachmentView(a), download } };
  },

  submitSelfAssessment: async (req) => {
    const { reviewId, instrument } = req.params;
    // The versions are queried beside the batch read (a Query cannot join it); they too are used
    // only once the caller may submit.
    const [allowedToSubmit, versionsRead] = await Promise.allSettled([
      loadWithDraftFor(req.principal, req.params, 'submission.create'),
      listVersions(reviewId, instrument),
    ]);
    if (allowedToSubmit.status === 'rejected') throw allowedToSubmit.reason;
    if (versionsRead.status === 'rejected') throw versionsRead.reason;
    const { review, cycle, draft, def } = allowedToSubmit.value;
    const principal = userOf(req.principal);
    const allowed = checkTransition(review.state, 'submit-self-assessment');
    if (!allowed.ok) throw new ConflictError(allowed.reason, { current: { state: review.state } });

    const expected = req.expectedVersion;
    if (expected !== undefined && (draft?.version ?? 0) !== expected) {
      throw conflictWith(draft, instrument, expected);
    }
    const checked = validateAnswers(def, draft?.answers ?? {}, 'submit');
    const issues: FieldIssue[] = checked.ok ? [] : [...checked.issues];
    const answers = orderAnswers(def, checked.ok ? checked.value : {});
    const refs = checked.ok ? referencedAttachments(def, answers) : [];
    for (const ref of refs) {
      const a = await findAttachment(reviewId, instrument, ref.id);
      if (!a) issues.push({ path: ref.path, code: 'unknown_attachment', message: `no attachment ${ref.id}` });
      else if (a.status !== 'ready') {
        issues.push({
          path: ref.path,
          code: 'attachment_not_confirmed',
          message: `attachment ${ref.id} is not confirmed yet`,
        });
      }
    }
    if (refs.length > MAX_ATTACHMENTS_PER_SUBMISSION) {
      issues.push({
        path: 'answers',
        code: 'too_many_attachments',
        message: `at most ${MAX_ATTACHMENTS_PER_SUBMISSION} attachments per submission`,
      });
    }
    if (issues.length > 0) {
      const missing = issues.filter((i) => i.code === 'required').map((i) => i.path);
      throw new ValidationError(
        `the ${instrument} self-assessment cannot be submitted: ${issues.map((i) => i.path).join(', ')}`,
        { missing, issues },
      );
    }

    const contentDigest = contentDigestOf(def, answers);
    const late = latenessOf(review.deadlines, 'self-assessment', req.now.toISOString());
    if (late && deadlinePolicyOf(review, cycle).lateSubmissions === 'refuse') {
      throw new ConflictError(
        `the self-assessment was due on ${late.due.slice(0, 10)}; this cycle's policy refuses late submissions (ask the secretariat to extend the deadline)`,
        { rule: 'late-submissions', late },
      );
    }
    for (let attempt = 0; attempt < 5; attempt++) {
      const versions = attempt === 0 ? versionsRead.value : await listVersions(reviewId, instrument);
      const latest = versions.filter((v) => v.status === 'submitted').at(-1);
      // Unchanged since the latest version (or a retry after it was published): no duplicate.
      if (latest?.contentDigest === contentDigest) {
        return { status: 200, body: summaryOf(latest) };
      }

      // A retry finds its own reservation by the content digest and finishes it.
      let mine = versions.find((v) => v.status === 'pending' && v.contentDigest === contentDigest);
      const reserved = !mine;
      if (!mine) {
        const staleBefore = new Date(req.now.getTime() - STALE_PENDING_MS);
        for (const other of versions.filter((v) => v.status === 'pending')) {
          if (Date.parse(other.reservedAt) >= staleBefore.getTime()) {
            throw new ConflictError(
              'another submission of this self-assessment is in progress; retry shortly',
              {
                current: { pendingVersion: other.n },
              },
            );
          }
          // Its document, if the dead request wrote one, is referenced by nothing: remove it.
          if (await abandonVersion(other, staleBefore)) await deleteObject(versionKey(review, other));
        }
        const reservation: VersionRecord = {
          reviewId,
          instrument,
          n: (versions.at(-1)?.n ?? 0) + 1,
          status: 'pending',
          contentDigest,
          questionnaireId: def.id,
          questionnaireVersion: def.version,
          draftVersion: draft?.version ?? 1,
          submittedAt: req.now.toISOString(),
          submittedBy: principal.sub,
          submittedByName: principal.name,
          reservedAt: req.now.toISOString(),
          attachmentIds: refs.map((r) => r.id),
          late,
        };
        if (!(await reserveVersion(reservation))) continue; // someone took the number: look again
        mine = reservation;
      }
      const replyFor = (v: VersionRecord) => ({
        status: 201,
        body: summaryOf(v),
        headers: { location: `/reviews/${reviewId}/self-assessments/${instrument}/submissions/${v.n}` },
      });
      // The Idempotency-Key is taken in the submission's own transaction (route: idempotent
      // 'in-transaction'), with the answer it will give.
      const keyItem = req.idempotency;
      const published = await publish(
        principal,
        review,
        def,
        answers,
        mine,
        req.now,
        reserved,
        keyItem ? (v) => keyItem.item(replyFor(v)) : undefined,
      );
      return replyFor(published);
    }
    throw new ConflictError('concurrent submissions kept taking the next version number; retry');
  },

  listSelfAssessmentSubmissions: async (req) => {
    await loadFor(req.principal, req.params, 'submission.read');
    const versions = await listVersions(req.params.reviewId, req.params.instrument);
    return { body: { submissions: versions.filter((v) => v.status === 'submitted').map(summaryOf) } };
  },

  getSelfAssessmentSubmission: async (req) => {
    const { reviewId, instrument, version } = req.params;
    await loadFor(req.principal, req.params, 'submission.read');
    const v = await submittedVersion(reviewId, instrument, version);
    const doc = await loadDocument(v);
    return { body: { ...summaryOf(v), answers: doc.answers }, headers: { etag: `"${v.sha256}"` } };
  },

  exportSelfAssessmentSubmission: async (req) => {
    const { reviewId, instrument, version } = req.params;
    await loadFor(req.principal, req.params, 'submission.read');
    const v = await submittedVersion(reviewId, instrument, version);
    const doc = await loadDocument(v);
    const base = `${reviewId}-${instrument}-v${version}`.replace(/[^A-Za-z0-9._-]/g, '_');
    const format = req.query.format;
    const reply = (body: string, headers: Record<string, string>) => ({ body, headers });
    if (format === 'json') {
      // The frozen bytes themselves: their SHA-256 is the recorded one, and the file imports as is.
      return reply(Buffer.from(doc.bytes).toString('utf8'), {
        ...documentHeaders('application/json; charset=utf-8'),
        'content-disposition': contentDisposition(`${base}.json`),
        'x-content-sha256': summaryOf(v).sha256,
      });
    }
    if (format === 'html') {
      return reply(renderSubmissionHtml(doc.def, doc.answers, doc.meta), {
        ...documentHeaders('text/html; charset=utf-8'),
        'content-disposition': contentDisposition(`${base}.html`),
      });
    }
    return reply(renderSubmissionMarkdown(doc.def, doc.answers, doc.meta), {
      ...documentHeaders('text/markdown; charset=utf-8'),
      'content-disposition': contentDisposition(`${base}.md`),
    });
  },

  diffSelfAssessmentSubmissions: async (req) => {
    const { reviewId, instrument, version } = req.params;
    await loadFor(req.principal, req.params, 'submission.read');
    const from = req.query.from ?? version - 1;
    if (from < 1) {
      throw new ValidationError('query.from: version 1 has no previous version; name one with ?from=', {
        field: 'query.from',
      });
    }
    const [before, after] = await Promise.all([
      submittedVersion(reviewId, instrument, from).then(loadDocument),
      submittedVersion(reviewId, instrument, version).then(loadDocument),
    ]);
    return { body: { from, to: version, changes: diffAnswers(before.answers, after.answers, after.def) } };
  },
};
