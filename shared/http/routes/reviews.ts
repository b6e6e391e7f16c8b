/**
 * One review's workflow, deadlines, acknowledgements, contacts and audit log, the caller's
 * dashboard, and notification preferences and mailbox (function `reviews`).
 */
import * as z from 'zod';
import { AuditEntrySchema } from '../../domain/audit.ts';
import { CycleIdSchema, ReviewIdSchema } from '../../domain/ids.ts';
import {
  MailboxMessageSchema,
  NotificationPreferencesPatchSchema,
  NotificationPreferencesSchema,
} from '../../domain/notifications.ts';
import { DashboardEntrySchema, OverdueResponseSchema, ReviewViewSchema } from '../../domain/review-view.ts';
import { Iso3Schema } from '../../domain/types.ts';
import { DeadlineKindSchema, TransitionSchema } from '../../domain/workflow.ts';
import { defineRoute, type RouteDef } from '../route.ts';

const ReviewIdParamsSchema = z.object({ reviewId: ReviewIdSchema });
const CycleIdParamsSchema = z.object({ cycleId: CycleIdSchema });
/** A user id as carried in the `sub` claim (Cognito UUIDs, demo ids). */
const SubSchema = z.string().regex(/^[A-Za-z0-9@._+-]{1,128}$/, 'not a user id');

const ContactsBodySchema = z.object({
  /** The State whose contacts these are; focal points may omit it (their own State). */
  state: Iso3Schema.optional(),
  /** Default for a focal point naming their own State: themselves. */
  focalPoint: SubSchema.optional(),
  // The policy limit (MAX_EXPERTS_PER_STATE, default 15) is checked by the use case; this bounds the body.
  experts: z.array(SubSchema).max(100),
});

const TransitionBodySchema = z.object({ transition: TransitionSchema });

const ExtensionBodySchema = z.object({
  to: z.iso.datetime(),
  reason: z.string().trim().min(1).max(1000),
});

const AuditQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(50),
  cursor: z.string().max(300).optional(),
});
export const AuditPageSchema = z.object({
  entries: z.array(AuditEntrySchema),
  cursor: z.string().optional(),
});

const NotificationsQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(50),
  /** Only messages delivered before this time (paging back). */
  before: z.iso.datetime().optional(),
});
export const NotificationsResponseSchema = z.object({
  messages: z.array(MailboxMessageSchema.extend({ unread: z.boolean() })),
  readUpTo: z.iso.datetime().nullable(),
});
const ReadBodySchema = z.object({ upTo: z.iso.datetime().optional() });

export type { ReviewView } from '../../domain/review-view.ts';

const tags = ['reviews'];

export const reviewRoutes = [
  defineRoute({
    operationId: 'listMyReviews',
    method: 'GET',
    path: '/me/reviews',
    fn: 'reviews',
    auth: 'user',
    summary:
      'Dashboard: the reviews of a cycle the caller takes part in (all of them for the secretariat and observers), with state, next deadline, overdue steps and unread notifications',
    tags,
    query: z.object({ cycleId: CycleIdSchema }),
    response: z.object({ reviews: z.array(DashboardEntrySchema) }),
  }),
  defineRoute({
    operationId: 'getReview',
    method: 'GET',
    path: '/reviews/{reviewId}',
    fn: 'reviews',
    auth: 'user',
    summary: 'One review: state, deadlines, acknowledgements, contacts, version',
    tags,
    params: ReviewIdParamsSchema,
    response: ReviewViewSchema,
  }),
  defineRoute({
    operationId: 'acknowledgeAssignment',
    method: 'POST',
    path: '/reviews/{reviewId}/acknowledgements',
    fn: 'reviews',
    auth: 'user',
    summary:
      "A reviewing State's focal point acknowledges its assignment (201; 200 with the first acknowledgement when repeated)",
    tags,
    params: ReviewIdParamsSchema,
    response: ReviewViewSchema,
    status: 201,
  }),
  defineRoute({
    operationId: 'nameContacts',
    method: 'PUT',
    path: '/reviews/{reviewId}/contacts',
    fn: 'reviews',
    auth: 'user',
    summary:
      "Names a State's focal point and governmental experts; when the reviewed State has named both, the review moves to contacts-named",
    tags,
    params: ReviewIdParamsSchema,
    body: ContactsBodySchema,
    response: ReviewViewSchema,
  }),
  defineRoute({
    operationId: 'transitionReview',
    method: 'POST',
    path: '/reviews/{reviewId}/transitions',
    fn: 'reviews',
    auth: 'user',
    summary:
      'Secretariat: moves the review on by a named transition (If-Match: the review version read); 409 with the current state when not allowed now, 412 when stale',
    tags,
    params: ReviewIdParamsSchema,
    body: TransitionBodySchema,
    version: 'required',
    response: ReviewViewSchema,
  }),
  defineRoute({
    operationId: 'extendDeadline',
    method: 'POST',
    path: '/reviews/{reviewId}/deadlines/{kind}/extensions',
    fn: 'reviews',
    auth: 'user',
    summary: 'Secretariat: extends a deadline (recorded on the deadline and in the audit log)',
    tags,
    params: ReviewIdParamsSchema.extend({ kind: DeadlineKindSchema }),
    body: ExtensionBodySchema,
    response: ReviewViewSchema,
    status: 201,
  }),
  defineRoute({
    operationId: 'listOverdue',
    method: 'GET',
    path: '/cycles/{cycleId}/overdue',
    fn: 'reviews',
    auth: 'user',
    summary:
      'Secretariat and observers: reviews of a cycle with missed deadlines, missing acknowledgements or contacts',
    tags,
    params: CycleIdParamsSchema,
    response: OverdueResponseSchema,
  }),
  defineRoute({
    operationId: 'listReviewAudit',
    method: 'GET',
    path: '/reviews/{reviewId}/audit',
    fn: 'reviews',
    auth: 'user',
    summary: 'Secretariat: the append-only audit log of one review, oldest first, paginated',
    tags,
    params: ReviewIdParamsSchema,
    query: AuditQuerySchema,
    response: AuditPageSchema,
  }),
  defineRoute({
    operationId: 'getNotificationPreferences',
    method: 'GET',
    path: '/me/notification-preferences',
    fn: 'reviews',
    auth: 'user',
    summary: 'How the caller is notified of each kind of event (immediate, daily digest, off)',
    tags,
    response: NotificationPreferencesSchema,
  }),
  defineRoute({
    operationId: 'putNotificationPreferences',
    method: 'PUT',
    path: '/me/notification-preferences',
    fn: 'reviews',
    auth: 'user',
    summary: 'Changes the delivery mode of the kinds given; the others keep theirs',
    tags,
    body: NotificationPreferencesPatchSchema,
    response: NotificationPreferencesSchema,
  }),
  defineRoute({
    operationId: 'listMyNotifications',
    method: 'GET',
    path: '/me/notifications',
    fn: 'reviews',
    auth: 'user',
    summary:
      "The caller's delivered notifications (own, their State's and, for the secretariat, its group mailbox)",
    tags,
    query: NotificationsQuerySchema,
    response: NotificationsResponseSchema,
  }),
  defineRoute({
    operationId: 'markNotificationsRead',
    method: 'POST',
    path: '/me/notifications/read',
    fn: 'reviews',
    auth: 'user',
    summary: 'Marks notifications read up to a time (default now); the marker only moves forward',
    tags,
    body: ReadBodySchema,
    response: z.object({ readUpTo: z.iso.datetime() }),
  }),
] as const satisfies readonly RouteDef[];
