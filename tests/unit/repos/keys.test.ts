/**
 * Ids and storage keys, declared once (shared/domain/ids.ts, shared/repos/keys.ts). The key shapes
 * are pinned: items already stored are found only under exactly these keys.
 */
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { BUCKET_LAYOUT } from '#shared/data-model.ts';
import { AttachmentRefSchema } from '#shared/domain/dialogue.ts';
import {
  AttachmentIdSchema,
  CycleIdSchema,
  cycleIdOfReview,
  ReviewIdSchema,
  reviewIdOf,
} from '#shared/domain/ids.ts';
import { answerSchemaFor } from '#shared/domain/questionnaire/answers.ts';
import {
  auditKeys,
  commentKeys,
  cycleKeys,
  GSI1,
  GSI2,
  notificationKeys,
  questionnaireKeys,
  reviewKeys,
  SA_KEYS,
  summaryKeys,
} from '#shared/repos/keys.ts';

describe('ids', () => {
  it('builds a review id from its cycle and State, and reads the cycle back', () => {
    const id = reviewIdOf('IRM-2026-1a2b3c4d', 'CIV');
    expect(id).toBe('IRM-2026-1a2b3c4d.CIV');
    expect(ReviewIdSchema.safeParse(id).success).toBe(true);
    expect(cycleIdOfReview(id)).toBe('IRM-2026-1a2b3c4d');
    expect(CycleIdSchema.safeParse('IRM-2026-1a2b3c4d').success).toBe(true);
    expect(CycleIdSchema.safeParse(id).success).toBe(false);
  });

  it('takes the attachment ids the server mints, the same everywhere an attachment is referenced', () => {
    const minted = randomUUID();
    const question = { id: 'q', type: 'attachments', prompt: 'p', required: false, maxItems: 2 } as const;
    const answer = answerSchemaFor(question as Parameters<typeof answerSchemaFor>[0]);
    for (const id of [minted, 'a.b', '-x', 'x'.repeat(81)]) {
      const ok = AttachmentIdSchema.safeParse(id).success;
      expect(ok).toBe(id === minted);
      expect(answer.safeParse([id]).success).toBe(ok);
      expect(AttachmentRefSchema.safeParse({ attachmentId: id }).success).toBe(ok);
    }
    // The S3 layout accepts exactly these ids as a key segment.
    expect(() => BUCKET_LAYOUT.attachmentUpload('C1', 'CIV', minted)).not.toThrow();
    expect(() => BUCKET_LAYOUT.attachmentUpload('C1', 'CIV', 'a.b')).toThrow(/unsafe object key segment/);
  });
});

describe('keys', () => {
  it('keeps the stored key shapes of a review partition', () => {
    expect(reviewKeys.meta('C1.CIV')).toEqual({ pk: 'REVIEW#C1.CIV', sk: 'META' });
    expect(reviewKeys.byCycle('C1')).toBe('CYCLE#C1#REVIEWS');
    expect(SA_KEYS.version('C1.CIV', 'TIP', 3)).toEqual({ pk: 'REVIEW#C1.CIV', sk: 'SA#TIP#V#000003' });
    expect(SA_KEYS.draft('C1.CIV', 'TIP').sk).toBe('SA#TIP#DRAFT');
    expect(SA_KEYS.attachment('C1.CIV', 'TIP', 'a1').sk).toBe('SA#TIP#ATT#a1');
    expect(commentKeys.version('C1.CIV', 'c1', 12).sk).toBe('COMMENT#c1#H#000012');
    expect(commentKeys.response('C1.CIV', 'c1', 'r1').sk).toBe('COMMENT#c1#R#r1');
    expect(summaryKeys.sequence('C1.CIV', 'final')).toEqual({ pk: 'REVIEW#C1.CIV', sk: 'SUMMARY#final#SEQ' });
    expect(summaryKeys.published({ reviewedState: 'CIV', reviewId: 'C1.CIV', scope: 'final' })).toEqual({
      pk: 'PUBLISHED#SUMMARIES',
      sk: 'CIV#C1.CIV#final',
    });
  });

  it('keeps the other key shapes and names the indexes from the data model', () => {
    expect([GSI1, GSI2]).toEqual(['gsi1', 'gsi2']);
    expect(cycleKeys.draw('C1', 'd1')).toEqual({ pk: 'CYCLE#C1', sk: 'DRAW#d1' });
    expect(questionnaireKeys.version('UNTOC', 2)).toEqual({ pk: 'QUESTIONNAIRE#UNTOC', sk: 'V#000002' });
    expect(notificationKeys.message('2026-01-01T00:00:00.000Z', 'm1')).toBe(
      'MSG#2026-01-01T00:00:00.000Z#m1',
    );
    expect(notificationKeys.pendingSort('t', 'o', 'r')).toBe('t#o#r');
    expect(auditKeys.partition('review#C1.CIV')).toBe('AUDIT#review#C1.CIV');
  });

  it('recognises a comment head sort key, the only key a comment cursor may carry', () => {
    expect(commentKeys.isHeadSk(commentKeys.head('C1.CIV', 'c1').sk)).toBe(true);
    expect(commentKeys.isHeadSk(commentKeys.version('C1.CIV', 'c1', 1).sk)).toBe(false);
    expect(commentKeys.isHeadSk(SA_KEYS.draft('C1.CIV', 'TIP').sk)).toBe(false);
    expect(commentKeys.isHeadSk(`COMMENT#${'x'.repeat(200)}`)).toBe(false);
  });
});
