/** HTTP binding of the follow-up routes: headers and params in, the use cases' results out. */
import { ValidationError } from '../../domain/errors.ts';
import { getFollowUp, listFollowUps } from '../../use-cases/follow-ups/read.ts';
import { judgeFollowUp, reportFollowUp } from '../../use-cases/follow-ups/write.ts';
import { setPublicInstitution } from '../../use-cases/public/review-status.ts';
import { listTaNeeds, updateTaNeed } from '../../use-cases/ta-needs.ts';
import { contentDisposition } from '../documents.ts';
import type { Operations } from '../operation.ts';

/** `If-Match: 3` (or `"3"`); 0 names an item not written yet. Absent = no check. */
const expectedVersion = (headers: Readonly<Record<string, string | undefined>>): number | undefined => {
  const raw = headers['if-match'];
  if (raw === undefined) return undefined;
  const n = Number(raw.replace(/^W\//, '').replace(/"/g, ''));
  if (!Number.isInteger(n) || n < 0) throw new ValidationError('header.if-match: must be a version number');
  return n;
};

export const followUpOperations: Operations<'follow-ups'> = {
  listTaNeeds: async ({ principal, query }) => {
    const result = await listTaNeeds(principal, query);
    if (result.format === 'csv') {
      return {
        body: result.csv,
        headers: {
          'content-type': 'text/csv; charset=utf-8',
          'content-disposition': contentDisposition('ta-needs.csv'),
        },
      };
    }
    return { body: { needs: result.needs, byStatus: result.byStatus } };
  },
  updateTaNeed: async ({ principal, params, body, headers, now, requestId }) => {
    const v = expectedVersion(headers);
    const need = await updateTaNeed(
      principal,
      { ...params, ...body, ...(v !== undefined ? { expectedVersion: v } : {}) },
      { now, requestId },
    );
    return { body: need, headers: { etag: `"${need.version}"` } };
  },
  setPublicContact: async ({ principal, params, body, now, requestId }) => ({
    body: await setPublicInstitution(
      principal,
      { iso3: params.iso3, institution: body.institution },
      { now, requestId },
    ),
  }),
  listFollowUps: async ({ principal, params }) => ({ body: await listFollowUps(principal, params) }),
  getFollowUp: async ({ principal, params }) => ({ body: await getFollowUp(principal, params) }),
  reportFollowUp: async ({ principal, params, body, headers, now, requestId }) => {
    const v = expectedVersion(headers);
    const view = await reportFollowUp(
      principal,
      { ...params, ...body, ...(v !== undefined ? { expectedVersion: v } : {}) },
      { now, requestId },
    );
    return { body: view, headers: { etag: `"${view.version}"` } };
  },
  judgeFollowUp: async ({ principal, params, body, headers, now, requestId }) => {
    const v = expectedVersion(headers);
    const view = await judgeFollowUp(
      principal,
      { ...params, ...body, ...(v !== undefined ? { expectedVersion: v } : {}) },
      { now, requestId },
    );
    return { body: view, headers: { etag: `"${view.version}"` } };
  },
};
