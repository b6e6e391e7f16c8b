/**
 * The API's shapes as the UI reads them: inferred from the zod schemas the server validates with
 * (type-only imports, erased from the bundle), so a change of the API is a type error here.
 */
import type { z } from 'zod';
import type { DrawRecordSchema } from '#shared/domain/draw/model.ts';
import type { RegisteredStateSchema } from '#shared/domain/registry/records.ts';
import type {
  DashboardEntrySchema,
  OverdueResponseSchema,
  ReviewViewSchema,
} from '#shared/domain/review-view.ts';
import type {
  AttachmentSchema,
  DraftSchema,
  SubmissionSummarySchema,
} from '#shared/domain/self-assessment/views.ts';
import type { SummaryHeadSchema } from '#shared/domain/summary/head.ts';
import type { CycleViewSchema, cycleRoutes, DryRunSchema } from '#shared/http/routes/cycles.ts';
import type { CommentViewSchema, ObservationsViewSchema } from '#shared/http/routes/dialogue.ts';
import type {
  FindingSchema,
  PublishedSummarySchema,
  ReviewStatusSchema,
} from '#shared/http/routes/public.ts';
import type { AuditPageSchema, NotificationsResponseSchema } from '#shared/http/routes/reviews.ts';
import type {
  DiffSchema,
  SubmissionSchema,
  UploadTicketSchema,
} from '#shared/http/routes/self-assessments.ts';

export type { GapReport } from '#shared/domain/gap-report/gap-report.ts';
export type { FormField, FormModel } from '#shared/domain/questionnaire/form-model.ts';

export type RegisteredState = z.infer<typeof RegisteredStateSchema>;
export type CycleView = z.infer<typeof CycleViewSchema>;
export type DryRun = z.infer<typeof DryRunSchema>;
export type DrawRecord = z.infer<typeof DrawRecordSchema>;
type AssignmentsRoute = Extract<(typeof cycleRoutes)[number], { operationId: 'getAssignments' }>;
export type Assignments = z.infer<AssignmentsRoute['response']>;
export type DashboardEntry = z.infer<typeof DashboardEntrySchema>;
export type ReviewView = z.infer<typeof ReviewViewSchema>;
export type OverdueResponse = z.infer<typeof OverdueResponseSchema>;
export type AuditPage = z.infer<typeof AuditPageSchema>;
export type Draft = z.infer<typeof DraftSchema>;
export type Attachment = z.infer<typeof AttachmentSchema>;
export type UploadTicket = z.infer<typeof UploadTicketSchema>;
export type SubmissionSummary = z.infer<typeof SubmissionSummarySchema>;
export type Submission = z.infer<typeof SubmissionSchema>;
export type Diff = z.infer<typeof DiffSchema>;
export type CommentView = z.infer<typeof CommentViewSchema>;
export type ObservationsView = z.infer<typeof ObservationsViewSchema>;
type VerifyRoute = Extract<(typeof cycleRoutes)[number], { operationId: 'verifyDraw' }>;
export type Verification = z.infer<VerifyRoute['response']>;
export type SummaryHead = z.infer<typeof SummaryHeadSchema>;
export type SummaryScope = SummaryHead['scope'];
export type SummaryFormat = SummaryHead['files'][number]['format'];
export type PublishedSummary = z.infer<typeof PublishedSummarySchema>;
export type PublicReviewStatus = z.infer<typeof ReviewStatusSchema>;
type Finding = z.infer<typeof FindingSchema>;
export interface FindingsPage {
  total: number;
  page: number;
  pageSize: number;
  pages: number;
  findings: Finding[];
}
export type NotificationsPage = z.infer<typeof NotificationsResponseSchema>;
