/** The review, dashboard and mailbox routes bound to their use cases (shared/use-cases/reviews/). */
import {
  getNotificationPreferences,
  listMyNotifications,
  markNotificationsRead,
  putNotificationPreferences,
} from '../../use-cases/reviews/mailbox.ts';
import { listMyReviews, listOverdue, listReviewAudit } from '../../use-cases/reviews/progress.ts';
import {
  acknowledgeAssignment,
  extendDeadline,
  getReview,
  nameContacts,
  transitionReview,
} from '../../use-cases/reviews/workflow.ts';
import { bind, ok } from '../bind.ts';
import type { Operations } from '../operation.ts';

export const reviewBindings: Operations<'reviews'> = {
  listMyReviews: bind(listMyReviews, { input: (req) => req.query, reply: ok }),
  getReview: bind(getReview, { input: (req) => req.params, reply: ok }),
  // 201 when this call recorded the acknowledgement, 200 (with the first one) when repeated.
  acknowledgeAssignment: bind(acknowledgeAssignment, {
    input: (req) => req.params,
    reply: (out) => ({ status: out.first ? 201 : 200, body: out.review }),
  }),
  nameContacts: bind(nameContacts, { input: (req) => ({ ...req.params, ...req.body }), reply: ok }),
  transitionReview: bind(transitionReview, {
    input: (req) => ({ ...req.params, ...req.body, expectedVersion: req.expectedVersion }),
    reply: ok,
  }),
  extendDeadline: bind(extendDeadline, { input: (req) => ({ ...req.params, ...req.body }), reply: ok }),
  listOverdue: bind(listOverdue, { input: (req) => req.params, reply: ok }),
  listReviewAudit: bind(listReviewAudit, { input: (req) => ({ ...req.params, ...req.query }), reply: ok }),
  getNotificationPreferences: bind(getNotificationPreferences, { input: () => undefined, reply: ok }),
  putNotificationPreferences: bind(putNotificationPreferences, { input: (req) => req.body, reply: ok }),
  listMyNotifications: bind(listMyNotifications, { input: (req) => req.query, reply: ok }),
  markNotificationsRead: bind(markNotificationsRead, { input: (req) => req.body, reply: ok }),
};
