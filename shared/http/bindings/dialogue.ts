/** The comment, response and observation routes bound to their use cases (shared/use-cases/dialogue/). */
import {
  getComment,
  getCommentHistory,
  getDialogueSummary,
  listComments,
  markCommentsSeen,
} from '../../use-cases/dialogue/comment-reads.ts';
import {
  changeCommentStatus,
  createComment,
  deleteComment,
  editComment,
} from '../../use-cases/dialogue/comments.ts';
import { confirmObservations } from '../../use-cases/dialogue/confirmations.ts';
import { exportReview } from '../../use-cases/dialogue/export.ts';
import {
  createObservation,
  listObservations,
  respondToObservation,
  reviseObservation,
} from '../../use-cases/dialogue/observations.ts';
import { createResponse } from '../../use-cases/dialogue/responses.ts';
import { bind, created, ok, withEtag } from '../bind.ts';
import type { Operations } from '../operation.ts';

const withVersion = <P, B>(req: { params: P; body: B; expectedVersion: number | undefined }) => ({
  ...req.params,
  ...req.body,
  expectedVersion: req.expectedVersion,
});

export const dialogueBindings: Operations<'dialogue'> = {
  listComments: bind(listComments, { input: (req) => ({ ...req.params, ...req.query }), reply: ok }),
  createComment: bind(createComment, { input: (req) => ({ ...req.params, ...req.body }), reply: created() }),
  // The ETag is the comment's version, what an edit then sends as If-Match.
  getComment: bind(getComment, {
    input: (req) => req.params,
    reply: (out) => ({ body: out, headers: withEtag(out.comment).headers }),
  }),
  editComment: bind(editComment, { input: withVersion, reply: withEtag }),
  deleteComment: bind(deleteComment, {
    input: (req) => ({ ...req.params, expectedVersion: req.expectedVersion }),
    reply: withEtag,
  }),
  getCommentHistory: bind(getCommentHistory, { input: (req) => req.params, reply: ok }),
  createResponse: bind(createResponse, {
    input: (req) => ({ ...req.params, ...req.body }),
    reply: (out) => ({ status: 201, body: out, headers: withEtag(out.comment).headers }),
  }),
  changeCommentStatus: bind(changeCommentStatus, { input: withVersion, reply: withEtag }),
  getDialogueSummary: bind(getDialogueSummary, { input: (req) => req.params, reply: ok }),
  markCommentsSeen: bind(markCommentsSeen, { input: (req) => ({ ...req.params, ...req.body }), reply: ok }),
  listObservations: bind(listObservations, { input: (req) => req.params, reply: ok }),
  createObservation: bind(createObservation, {
    input: (req) => ({ ...req.params, ...req.body }),
    reply: created(),
  }),
  reviseObservation: bind(reviseObservation, {
    input: (req) => ({ ...req.params, expectedVersion: req.expectedVersion, action: req.body }),
    reply: withEtag,
  }),
  respondToObservation: bind(respondToObservation, {
    input: (req) => ({ ...req.params, expectedVersion: req.expectedVersion, action: req.body }),
    reply: withEtag,
  }),
  confirmObservations: bind(confirmObservations, {
    input: (req) => ({ ...req.params, ...req.body }),
    reply: ok,
  }),
  exportReview: bind(exportReview, { input: (req) => req.params, reply: ok }),
};
