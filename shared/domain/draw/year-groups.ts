/**
 * Groups by lot: all States parties split into N year-groups (UNTOC: 3), balanced across regional
 * groups; States that ratify later join a later year.
 */
import { REGIONAL_GROUPS } from '#shared/domain/types.ts';
import type { DrawState } from './model.ts';
import { drawGroupOf, isOrganization } from './prepare.ts';
import { createPrng } from './prng.ts';

export interface YearGroupOptions {
  includeOrganizations?: boolean;
}

function byIso3(a: DrawState, b: DrawState): number {
  return a.iso3 < b.iso3 ? -1 : a.iso3 > b.iso3 ? 1 : 0;
}

/**
 * Split States into `n` year-groups by lot. Within each regional group the order is drawn by lot
 * and members are dealt round the years, continuing from where the previous group stopped, so every
 * year gets ⌊k/n⌋ or ⌈k/n⌉ members of each regional group and the year totals differ by at most
 * one. Input order does not matter (States are sorted by ISO3 before shuffling).
 * Returns `n` arrays of ISO3 codes, each sorted.
 */
export function drawYearGroups(
  states: readonly DrawState[],
  n: number,
  seed: string,
  options: YearGroupOptions = {},
): string[][] {
  if (!Number.isInteger(n) || n < 1) throw new RangeError('drawYearGroups: n must be a positive integer');
  const prng = createPrng(seed).fork('year-groups');
  const years: string[][] = Array.from({ length: n }, () => []);
  const eligible = states.filter((s) => options.includeOrganizations === true || !isOrganization(s));
  const labels = [...REGIONAL_GROUPS, null];
  let next = prng.int(n);
  for (const label of labels) {
    const members = eligible.filter((s) => drawGroupOf(s) === label).sort(byIso3);
    prng.shuffle(members);
    for (const s of members) {
      years[next]?.push(s.iso3);
      next = (next + 1) % n;
    }
  }
  return years.map((y) => y.sort());
}

/**
 * Add States that ratified after the split: each joins the least populated year from `fromYear`
 * (0-based) on, ties broken by lot. Returns new arrays; the input is not modified.
 */
export function addLateRatifiers(
  years: readonly (readonly string[])[],
  newStates: readonly DrawState[],
  fromYear: number,
  seed: string,
): string[][] {
  const out = years.map((y) => [...y]);
  if (out.length === 0) throw new RangeError('addLateRatifiers: no years');
  const start = Math.min(Math.max(0, fromYear), out.length - 1);
  const prng = createPrng(seed).fork('late-ratifiers');
  const known = new Set(out.flat());
  const fresh = newStates.filter((s) => !known.has(s.iso3)).sort(byIso3);
  prng.shuffle(fresh);
  for (const s of fresh) {
    let min = Number.POSITIVE_INFINITY;
    const ties: number[] = [];
    for (let k = start; k < out.length; k++) {
      const size = out[k]?.length ?? 0;
      if (size < min) {
        min = size;
        ties.length = 0;
      }
      if (size === min) ties.push(k);
    }
    out[ties[prng.int(ties.length)] ?? start]?.push(s.iso3);
  }
  return out.map((y) => y.sort());
}
