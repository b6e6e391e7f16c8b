/**
 * Seeded synthetic States parties and draw instances, for tests and the bench (up to 20,000
 * States). Proportions follow the real membership roughly: group sizes as in the UN, Protocols
 * ratified by about 94 % (TIP), 80 % (SOM) and 63 % (Firearms) of the Convention's parties.
 */
import { type Instrument, LEGAL_SYSTEMS, type RegionalGroup } from '#shared/domain/types.ts';
import type { DrawInput, DrawState, Load } from './model.ts';
import { createPrng } from './prng.ts';

const GROUP_WEIGHTS: [RegionalGroup, number][] = [
  ['African', 54],
  ['Asia-Pacific', 53],
  ['Eastern European', 23],
  ['GRULAC', 33],
  ['WEOG', 28],
];

/** Codes AAA, AAB, ...; beyond 26³ a numeric suffix (such inputs bypass the ISO3 schema, bench only). */
function syntheticCode(i: number): string {
  const base = 26 * 26 * 26;
  const k = i % base;
  const code =
    String.fromCharCode(65 + Math.floor(k / 676)) +
    String.fromCharCode(65 + (Math.floor(k / 26) % 26)) +
    String.fromCharCode(65 + (k % 26));
  return i < base ? code : `${code}${Math.floor(i / base)}`;
}

export interface SyntheticOptions {
  /** Per mille of States in no group (they get a draw group). */
  noGroupPerMille?: number;
  /** Per mille party to each Protocol. */
  protocolPerMille?: Partial<Record<Exclude<Instrument, 'UNTOC'>, number>>;
}

export function syntheticStates(count: number, seed: string, options: SyntheticOptions = {}): DrawState[] {
  const prng = createPrng(seed).fork('synthetic-states');
  const total = GROUP_WEIGHTS.reduce((s, [, w]) => s + w, 0);
  const pm = { TIP: 940, SOM: 800, FIREARMS: 630, ...options.protocolPerMille };
  const noGroup = options.noGroupPerMille ?? 5;
  const states: DrawState[] = [];
  for (let i = 0; i < count; i++) {
    let t = prng.int(total);
    let group: RegionalGroup = 'African';
    for (const [g, w] of GROUP_WEIGHTS) {
      if (t < w) {
        group = g;
        break;
      }
      t -= w;
    }
    const instruments: Instrument[] = ['UNTOC'];
    if (prng.int(1000) < pm.TIP) instruments.push('TIP');
    if (prng.int(1000) < pm.SOM) instruments.push('SOM');
    if (prng.int(1000) < pm.FIREARMS) instruments.push('FIREARMS');
    const grouped = prng.int(1000) >= noGroup;
    states.push({
      iso3: syntheticCode(i),
      name: `Synthetic State ${i}`,
      group: grouped ? group : null,
      ...(grouped ? {} : { drawGroup: group }),
      legalSystem: LEGAL_SYSTEMS[prng.int(LEGAL_SYSTEMS.length)] ?? 'civil-law',
      instruments,
    });
  }
  return states;
}

export interface InstanceOptions extends SyntheticOptions {
  states: number;
  /** Per mille of States under review (default: one year-group of three, 333). */
  underReviewPerMille?: number;
  /**
   * Per mille of States already carrying `loadYear` reviews this year (tight instances: loads near
   * the cap, so most reviewers have one slot left).
   */
  loadedPerMille?: number;
  loadYear?: number;
}

export function syntheticInstance(seed: string, options: InstanceOptions): DrawInput {
  const states = syntheticStates(options.states, seed, options);
  const prng = createPrng(seed).fork('synthetic-instance');
  const share = options.underReviewPerMille ?? 333;
  const underReview = states.filter(() => prng.int(1000) < share).map((s) => ({ iso3: s.iso3 }));
  const loads: Load[] = [];
  const loaded = options.loadedPerMille ?? 0;
  const loadYear = options.loadYear ?? 0;
  if (loaded > 0 && loadYear > 0) {
    for (const s of states)
      if (prng.int(1000) < loaded) loads.push({ iso3: s.iso3, year: loadYear, cycle: loadYear });
  }
  return { states, underReview, history: { loads, pairs: [] }, exclusions: [] };
}
