/**
 * Follow-up of earlier observations (issue 19): the items of a review, one item with its chain,
 * the State's status report and the reviewing States' verdicts.
 */
import * as z from 'zod';
import {
  EvidenceLinkSchema,
  FollowUpIdSchema,
  FollowUpSchema,
  VerdictSchema,
} from '../../domain/follow-up/model.ts';
import { AttachmentIdSchema, ReviewIdSchema } from '../../domain/ids.ts';
import { Iso3Schema, ObservationKindSchema } from '../../domain/types.ts';
import { defineRoute } from '../route.ts';

const ReviewParams = z.object({ reviewId: ReviewIdSchema });
const ItemParams = z.object({ reviewId: ReviewIdSchema, followUpId: FollowUpIdSchema });

const FollowUpViewSchema = FollowUpSchema.extend({
  stage: z.enum(['awaiting-report', 'reported', 'disputed', 'agreed']),
  confirmers: z.array(z.string()),
});

export const FollowUpListSchema = z.object({
  reviewId: z.string(),
  scale: z.array(z.object({ id: z.string(), label: z.string(), closes: z.boolean() })),
  kindLabels: z.record(ObservationKindSchema, z.string()),
  agreement: z.enum(['all-reviewers', 'any-reviewer']),
  items: z.array(FollowUpViewSchema),
});

const ReportBodySchema = z.strictObject({
  status: z.string().min(1, 'status: choose a status of the scale'),
  explanation: z.string().trim().min(1, 'explanation: say what was done').max(10_000),
  evidence: z.array(EvidenceLinkSchema).max(20).default([]),
  attachmentIds: z.array(AttachmentIdSchema).max(20).default([]),
});

const VerdictBodySchema = z.strictObject({
  verdict: VerdictSchema,
  comment: z.string().trim().max(10_000).optional(),
});

const tags = ['follow-ups'];

export const followUpRoutes = [
  defineRoute({
    operationId: 'listFollowUps',
    method: 'GET',
    path: '/reviews/{reviewId}/follow-ups',
    fn: 'follow-ups',
    auth: 'user',
    summary: "The follow-up items of a review: the State's earlier agreed observations, with their status",
    tags,
    params: ReviewParams,
    response: FollowUpListSchema,
  }),
  defineRoute({
    operationId: 'getFollowUp',
    method: 'GET',
    path: '/reviews/{reviewId}/follow-ups/{followUpId}',
    fn: 'follow-ups',
    auth: 'user',
    summary: 'One follow-up item with its chain across cycles and its history',
    tags,
    params: ItemParams,
    response: FollowUpViewSchema.extend({
      chain: z.array(
        z.object({
          reviewId: z.string(),
          followUpId: z.string(),
          previousStatus: z.string().nullable(),
          report: FollowUpSchema.shape.report,
          agreed: FollowUpSchema.shape.agreed,
          stage: z.string(),
          history: FollowUpSchema.shape.history,
        }),
      ),
    }),
  }),
  defineRoute({
    operationId: 'reportFollowUp',
    method: 'POST',
    path: '/reviews/{reviewId}/follow-ups/{followUpId}/reports',
    fn: 'follow-ups',
    auth: 'user',
    summary: 'The reviewed State reports (or revises) the status of an item (If-Match: the version it read)',
    tags,
    params: ItemParams,
    headers: ['if-match'],
    body: ReportBodySchema,
    response: FollowUpViewSchema,
    idempotent: true,
    maxBodyBytes: 64 * 1024,
  }),
  defineRoute({
    operationId: 'judgeFollowUp',
    method: 'POST',
    path: '/reviews/{reviewId}/follow-ups/{followUpId}/verdicts',
    fn: 'follow-ups',
    auth: 'user',
    summary: 'A reviewing State confirms or disputes the reported status (If-Match: the version it read)',
    tags,
    params: ItemParams,
    headers: ['if-match'],
    body: VerdictBodySchema,
    response: FollowUpViewSchema,
    idempotent: true,
    maxBodyBytes: 64 * 1024,
  }),
  defineRoute({
    operationId: 'setPublicContact',
    method: 'PUT',
    path: '/states/{iso3}/public-contact',
    fn: 'follow-ups',
    auth: 'user',
    summary:
      "A State's focal point (or the secretariat) shows its focal point's institution on the public review-status page; null withdraws it",
    tags: ['public'],
    params: z.object({ iso3: Iso3Schema }),
    body: z.strictObject({ institution: z.string().trim().min(1).max(200).nullable() }),
    response: z.object({ iso3: Iso3Schema, institution: z.string().nullable() }),
  }),
] as const;
