/** The secretariat's list of technical-assistance needs (issue 19). */
import * as z from 'zod';
import { DialogueIdSchema, ReviewIdSchema } from '../../domain/ids.ts';
import { TaFilterSchema, TaNeedSchema, TaStatusSchema } from '../../domain/ta-needs.ts';
import { defineRoute } from '../route.ts';

const tags = ['ta-needs'];

export const taNeedRoutes = [
  defineRoute({
    operationId: 'listTaNeeds',
    method: 'GET',
    path: '/ta-needs',
    fn: 'follow-ups',
    auth: 'user',
    summary:
      'Technical-assistance needs of agreed lists of observations, with their status, help, provider and notes (secretariat); filters; format=csv',
    tags,
    query: TaFilterSchema,
    response: z.object({
      needs: z.array(TaNeedSchema),
      byStatus: z.record(TaStatusSchema, z.number().int()),
    }),
    alsoProduces: ['text/csv'],
  }),
  defineRoute({
    operationId: 'updateTaNeed',
    method: 'PATCH',
    path: '/ta-needs/{reviewId}/{observationId}',
    fn: 'follow-ups',
    auth: 'user',
    summary: 'The secretariat records the status, kind of help, provider or a note of a need (If-Match)',
    tags,
    params: z.object({
      reviewId: ReviewIdSchema,
      observationId: DialogueIdSchema,
    }),
    headers: ['if-match'],
    body: z
      .strictObject({
        status: TaStatusSchema.optional(),
        help: z.string().trim().min(1).max(500).nullable().optional(),
        provider: z.string().trim().min(1).max(300).nullable().optional(),
        note: z.string().trim().min(1).max(5000).optional(),
      })
      .refine((b) => Object.keys(b).length > 0, { message: 'give a status, help, provider or note' }),
    response: TaNeedSchema,
  }),
] as const;
