/**
 * Attachments of a draft: a pre-signed upload, its confirmation (the bytes checked against what
 * was declared and moved where no upload URL reaches), the list, and one attachment with a
 * short-lived download URL once the caller may read it.
 */
import { randomUUID } from 'node:crypto';
import type { User } from '../../auth/principal.ts';
import { BUCKET_LAYOUT } from '../../data-model.ts';
import {
  ATTACHMENT_TYPES,
  detectAttachmentType,
  isAttachmentType,
  MAX_ATTACHMENT_BYTES,
} from '../../domain/attachments.ts';
import { assertCan } from '../../domain/authz.ts';
import {
  ConflictError,
  NotFoundError,
  PayloadTooLargeError,
  UnsupportedMediaTypeError,
  ValidationError,
} from '../../domain/errors.ts';
import type { AttachmentRecord } from '../../domain/self-assessment/records.ts';
import type { Attachment } from '../../domain/self-assessment/views.ts';
import { assertDigest } from '../../repos/objects.ts';
import {
  createAttachment,
  deleteObject,
  digestObject,
  findAttachment,
  headObject,
  listAttachments,
  listKeys,
  markAttachmentReady,
  presignDownload,
  presignUpload,
  putObject,
  readObjectWithType,
  sha256Hex,
} from '../../repos/self-assessments.ts';
import type { UseCaseContext } from '../context.ts';
import { instrumentScope } from '../review-access.ts';
import { loadFor, loadForChange, type SelfAssessmentRef } from './access.ts';

/**
 * Short: an upload URL cannot be revoked, so this bounds how long anyone holding it can write to
 * the upload key. Confirmed bytes are never read from there again (they are moved on confirm).
 * S3 checks the expiry when a PUT starts, so a slow 20 MiB upload begun in time still completes.
 */
const UPLOAD_URL_SECONDS = 5 * 60;
const DOWNLOAD_URL_SECONDS = 5 * 60;

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

/** Records a pending attachment and hands out the URL to PUT its bytes to (declared type and size checked). */
export const requestSelfAssessmentAttachmentUpload = async (
  actor: User,
  input: SelfAssessmentRef & { name: string; contentType: string; size: number; sha256?: string | undefined },
  { now }: UseCaseContext,
) => {
  const { reviewId, instrument } = input;
  const review = await loadForChange(actor, input);
  const contentType = input.contentType.trim().toLowerCase();
  if (!isAttachmentType(contentType)) {
    throw new UnsupportedMediaTypeError(
      `body.contentType: ${input.contentType} is not accepted; allowed: ${Object.keys(ATTACHMENT_TYPES).join(', ')}`,
      { field: 'body.contentType', allowed: Object.keys(ATTACHMENT_TYPES) },
    );
  }
  if (input.size > MAX_ATTACHMENT_BYTES) {
    throw new PayloadTooLargeError(
      `body.size: ${input.size} bytes is more than the limit of ${MAX_ATTACHMENT_BYTES} bytes (20 MiB)`,
      { field: 'body.size', limit: MAX_ATTACHMENT_BYTES },
    );
  }
  // The key holds only our own id: the user's file name never reaches S3.
  const attachmentId = randomUUID();
  const record: AttachmentRecord = {
    reviewId,
    instrument,
    attachmentId,
    name: input.name,
    contentType,
    declaredSize: input.size,
    ...(input.sha256 ? { declaredSha256: input.sha256 } : {}),
    uploadKey: BUCKET_LAYOUT.attachmentUpload(review.cycleId, review.reviewedState, attachmentId),
    status: 'pending',
    createdAt: now.toISOString(),
    createdBy: actor.sub,
    submittedIn: [],
    respondedIn: [],
  };
  await createAttachment(record);
  const upload = await presignUpload(record.uploadKey, {
    contentType,
    size: input.size,
    sha256Base64: input.sha256 ? Buffer.from(input.sha256, 'hex').toString('base64') : undefined,
    expiresInSeconds: UPLOAD_URL_SECONDS,
  });
  return {
    attachment: attachmentView(record),
    upload: {
      method: 'PUT' as const,
      url: upload.url,
      headers: upload.headers,
      expiresAt: new Date(now.getTime() + UPLOAD_URL_SECONDS * 1000).toISOString(),
    },
  };
};

/** Checks the uploaded bytes against the declaration (size, type by content, SHA-256) and keeps them. */
export const confirmSelfAssessmentAttachment = async (
  actor: User,
  input: SelfAssessmentRef & { attachmentId: string },
  { now }: UseCaseContext,
): Promise<Attachment> => {
  const { reviewId, instrument, attachmentId } = input;
  const review = await loadForChange(actor, input);
  const a = await findAttachment(reviewId, instrument, attachmentId);
  if (!a) throw new NotFoundError(`no attachment ${attachmentId}`);
  if (a.status === 'ready') {
    // Whatever reached the upload key since (an old URL used again) is never read: drop it.
    await deleteObject(a.uploadKey);
    return attachmentView(a);
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
      new PayloadTooLargeError(`file: ${head.size} bytes is more than the limit of ${MAX_ATTACHMENT_BYTES}`, {
        field: 'file',
        limit: MAX_ATTACHMENT_BYTES,
      }),
    );
  }
  // The bytes are read once and everything below is decided on this copy (at most 20 MiB), so
  // a PUT racing the confirmation can change nothing that is recorded.
  const { bytes, contentType } = await readObjectWithType(a.uploadKey);
  if (bytes.byteLength > MAX_ATTACHMENT_BYTES || bytes.byteLength !== a.declaredSize) {
    await reject(
      new ValidationError(`file: ${bytes.byteLength} bytes were uploaded, ${a.declaredSize} were declared`, {
        field: 'file',
        declared: a.declaredSize,
        actual: bytes.byteLength,
      }),
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
    ready = await markAttachmentReady(a, { size: bytes.byteLength, sha256, objectKey, at: now });
  } catch (err) {
    // Another confirmation won with other bytes: ours is referenced by nothing.
    const winner = await findAttachment(reviewId, instrument, attachmentId);
    if (winner?.objectKey !== objectKey) await deleteObject(objectKey);
    throw err;
  }
  await removeUnreferencedCopies(ready);
  return attachmentView(ready);
};

export const listSelfAssessmentAttachments = async (actor: User, input: SelfAssessmentRef) => {
  await loadFor(actor, input, 'draft.read');
  const all = await listAttachments(input.reviewId, input.instrument);
  return { attachments: all.map(attachmentView) };
};

/** One attachment, with a short-lived download URL once confirmed (its stored bytes checked first). */
export const getSelfAssessmentAttachment = async (
  actor: User,
  input: SelfAssessmentRef & { attachmentId: string },
  { now }: UseCaseContext,
) => {
  const { reviewId, instrument, attachmentId } = input;
  const review = await loadFor(actor, input, 'submission.read');
  const a = await findAttachment(reviewId, instrument, attachmentId);
  if (!a) throw new NotFoundError(`no attachment ${attachmentId}`);
  // Until a submission or a response includes it, an attachment is part of the draft.
  if (a.submittedIn.length === 0 && a.respondedIn.length === 0)
    assertCan(actor, 'draft.read', instrumentScope(review, instrument));
  if (a.status === 'ready') await assertStoredAttachment(a);
  const download =
    a.status === 'ready' && a.objectKey
      ? {
          url: await presignDownload(a.objectKey, {
            fileName: a.name,
            contentType: a.contentType,
            expiresInSeconds: DOWNLOAD_URL_SECONDS,
          }),
          expiresAt: new Date(now.getTime() + DOWNLOAD_URL_SECONDS * 1000).toISOString(),
        }
      : null;
  return { ...attachmentView(a), download };
};
