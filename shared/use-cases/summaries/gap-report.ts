/** The gap report over the agreed observations, TA needs and follow-ups of the selected cycles. */
import type { Principal } from '../../auth/principal.ts';
import { assertCan } from '../../domain/authz.ts';
import { articleInfo } from '../../domain/dialogue.ts';
import { type GapChart, gapReportCsv, gapReportJson, gapReportSvg } from '../../domain/gap-report/export.ts';
import {
  buildGapReport,
  type GapReportFilter,
  type GapReviewInput,
} from '../../domain/gap-report/gap-report.ts';
import { listCycles } from '../../repos/cycles.ts';
import { agreedObservations } from '../../repos/observations.ts';
import { listStates } from '../../repos/registry.ts';
import { listTracking, trackingKey } from '../../repos/ta-needs.ts';
import type { ServedDocument } from '../context.ts';
import { agreedFollowUps } from '../follow-ups/agreed.ts';
import { reviewQuestionnaires } from '../questionnaires/catalog.ts';
import { liveCycleReviews } from '../review-access.ts';

type Actor = Principal;

/** Gap report input: every review of the selected cycles with its agreed observations. */
const gapInputs = async (cycleId: string | undefined): Promise<GapReviewInput[]> => {
  const tracking = await listTracking();
  const cycles = cycleId ? [cycleId] : (await listCycles()).map((c) => c.cycleId);
  const states = new Map((await listStates()).map((s) => [s.iso3, s]));
  const out: GapReviewInput[] = [];
  for (const c of cycles) {
    for (const r of await liveCycleReviews(c)) {
      const s = states.get(r.reviewedState);
      const [stored, defs] = await Promise.all([agreedObservations(r.reviewId), reviewQuestionnaires(r)]);
      // Cluster and four Ps as the questionnaire version the review uses places the article.
      const observations = stored.map((o) => {
        const info = articleInfo(o.article, defs);
        return info ? { ...o, cluster: info.cluster, fourP: [...info.fourP] } : o;
      });
      out.push({
        cycleId: r.cycleId,
        state: {
          iso3: r.reviewedState,
          name: s?.name ?? r.reviewedState,
          group: s?.group ?? s?.drawGroup ?? null,
        },
        observations,
        taNeeds: observations
          .filter((o) => o.kind === 'ta-need')
          .map((o) => ({
            article: o.article,
            ...(o.cluster ? { cluster: o.cluster } : {}),
            status: tracking.get(trackingKey(r.reviewId, o.id))?.status ?? 'open',
          })),
        followUps: (await agreedFollowUps(r)).map((f) => ({
          article: f.article,
          kind: f.kind,
          status: f.status,
          ...(f.cluster ? { cluster: f.cluster } : {}),
        })),
      });
    }
  }
  return out;
};

/** The gap report as text: JSON, CSV or an SVG chart. */
export const getGapReport = async (
  actor: Actor,
  input: GapReportFilter & { format: 'json' | 'csv' | 'svg'; chart: GapChart; nameCountries?: boolean },
): Promise<ServedDocument> => {
  assertCan(actor, 'gap-report.read');
  const { format, chart, nameCountries, ...filter } = input;
  const report = buildGapReport(await gapInputs(filter.cycleId), filter, { nameCountries });
  if (format === 'csv') return { body: gapReportCsv(report), contentType: 'text/csv; charset=utf-8' };
  if (format === 'svg')
    return { body: gapReportSvg(report, chart), contentType: 'image/svg+xml; charset=utf-8' };
  return { body: gapReportJson(report), contentType: 'application/json; charset=utf-8' };
};
