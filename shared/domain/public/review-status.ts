/**
 * Where every review stands, for the public page: per State party and per cycle (a cluster's
 * phase), not started / in progress (with its stage) / completed / summary published, with
 * counts like the ones UNODC publishes. Pure: cycles, reviews and the registry in, the page out.
 * Only workflow stages and what States chose to show leave here: no texts, no people, no
 * reviewing States (their disclosure follows DRAW_DISCLOSURE, which is not public).
 */
import * as z from 'zod';
import type { Iso3, Mechanism, RegionalGroup } from '../types.ts';
import { REVIEW_STATES, type ReviewState, ReviewStateSchema } from '../workflow.ts';

export const PUBLIC_STATUSES = ['not-started', 'in-progress', 'completed', 'summary-published'] as const;
type PublicStatus = (typeof PUBLIC_STATUSES)[number];

/**
 * Which public status each stage shows: every workflow stage named once (an exhaustive record).
 * DOMAIN.md says only that UNODC counts reviews "not started" and "progressing"; where the line
 * falls is a setting of the cycle (`Cycle.publicStatus`, set by the secretariat), this default
 * where the cycle has none: a review has started once the State submitted its self-assessment,
 * and is completed once its summary is agreed.
 */
export const PublicStatusPolicySchema = z.record(ReviewStateSchema, z.enum(PUBLIC_STATUSES));
export type PublicStatusPolicy = Readonly<Record<ReviewState, PublicStatus>>;
export const DEFAULT_PUBLIC_STATUS_POLICY: PublicStatusPolicy = {
  assigned: 'not-started',
  'contacts-named': 'not-started',
  'self-assessment-submitted': 'in-progress',
  'desk-review': 'in-progress',
  dialogue: 'in-progress',
  'observations-agreed': 'in-progress',
  'summary-agreed': 'completed',
  published: 'summary-published',
};

/**
 * A mapping may not go back: a later stage never shows an earlier public status than the stage
 * before it (a review "completed" in the dialogue and "in progress" again once its observations
 * are agreed would mislead readers counting progress). Null when it holds, else the problem,
 * naming the stage.
 */
export const publicStatusPolicyProblem = (policy: PublicStatusPolicy): string | null => {
  for (let i = 1; i < REVIEW_STATES.length; i++) {
    const before = REVIEW_STATES[i - 1] as ReviewState;
    const stage = REVIEW_STATES[i] as ReviewState;
    if (PUBLIC_STATUSES.indexOf(policy[stage]) < PUBLIC_STATUSES.indexOf(policy[before])) {
      return `${stage}: shows ${policy[stage]}, earlier than ${policy[before]} shown at the stage before it (${before}); a later stage may not show an earlier status`;
    }
  }
  return null;
};

export interface StatusCycle {
  cycleId: string;
  name: string;
  year: number;
  mechanism: Mechanism;
  underReview: readonly Iso3[];
  /** The cycle's own mapping of stages to public statuses; absent: the default. */
  publicStatus?: PublicStatusPolicy | undefined;
}

export interface StatusReview {
  cycleId: string;
  reviewedState: Iso3;
  state: ReviewState;
}

export interface StatusState {
  iso3: Iso3;
  name: string;
  group: RegionalGroup | null;
}

type StatusCounts = Record<PublicStatus, number> & { total: number };

export interface ReviewStatusPage {
  counts: StatusCounts;
  cycles: { cycleId: string; name: string; year: number; mechanism: Mechanism; counts: StatusCounts }[];
  states: {
    iso3: Iso3;
    name: string;
    group: RegionalGroup | null;
    reviews: {
      cycleId: string;
      status: PublicStatus;
      /** The workflow stage of a review that has one (a drawn review). */
      stage: ReviewState | null;
      /** Shown only where the State agreed to show it. */
      focalPointInstitution: string | null;
    }[];
  }[];
}

const zero = (): StatusCounts => ({
  'not-started': 0,
  'in-progress': 0,
  completed: 0,
  'summary-published': 0,
  total: 0,
});

export const buildReviewStatus = (input: {
  states: readonly StatusState[];
  cycles: readonly StatusCycle[];
  /** Live reviews only (a review of an unconfirmed draw does not exist yet). */
  reviews: readonly StatusReview[];
  /** State → the institution it agreed to show publicly. */
  institutions: ReadonlyMap<Iso3, string>;
}): ReviewStatusPage => {
  const byKey = new Map(input.reviews.map((r) => [`${r.cycleId}\u0000${r.reviewedState}`, r]));
  const cycles = [...input.cycles].sort((a, b) => a.year - b.year || (a.cycleId < b.cycleId ? -1 : 1));
  const counts = zero();
  const perCycle = new Map(cycles.map((c) => [c.cycleId, zero()]));
  const states = [...input.states]
    .sort((a, b) => a.name.localeCompare(b.name, 'en'))
    .map((s) => ({
      iso3: s.iso3,
      name: s.name,
      group: s.group,
      reviews: cycles
        // Under review in the cycle, or reviewed in it (a State added to a cycle by a redraw or by hand).
        .filter((c) => c.underReview.includes(s.iso3) || byKey.has(`${c.cycleId}\u0000${s.iso3}`))
        .map((c) => {
          const r = byKey.get(`${c.cycleId}\u0000${s.iso3}`);
          const policy = c.publicStatus ?? DEFAULT_PUBLIC_STATUS_POLICY;
          const status: PublicStatus = r ? policy[r.state] : 'not-started';
          counts[status] += 1;
          counts.total += 1;
          const cc = perCycle.get(c.cycleId);
          if (cc) {
            cc[status] += 1;
            cc.total += 1;
          }
          return {
            cycleId: c.cycleId,
            status,
            stage: r?.state ?? null,
            focalPointInstitution: input.institutions.get(s.iso3) ?? null,
          };
        }),
    }));
  return {
    counts,
    cycles: cycles.map((c) => ({
      cycleId: c.cycleId,
      name: c.name,
      year: c.year,
      mechanism: c.mechanism,
      counts: perCycle.get(c.cycleId) ?? zero(),
    })),
    states,
  };
};
