/**
 * States parties reference data (data/states-parties.json), read and parsed on first use and
 * cached (shared/data-files.ts: a data file beside the bundle, not code). Sources, date and
 * caveats: data/README.md.
 */
import { readDataFile } from './data-files.ts';
import {
  type Instrument,
  type Iso3,
  type ReferenceData,
  ReferenceDataSchema,
  type RegistryState,
} from './domain/types.ts';

let cached: ReferenceData | undefined;
let byIso3: ReadonlyMap<Iso3, RegistryState> | undefined;

/**
 * The validated reference data. Throws on first call if the JSON does not match
 * ReferenceDataSchema or lists an ISO3 code twice, so a bad data edit fails fast at start.
 */
export function loadReferenceData(): ReferenceData {
  if (cached === undefined) {
    const data = ReferenceDataSchema.parse(readDataFile('states-parties.json'));
    const index = new Map<Iso3, RegistryState>();
    for (const state of data.states) {
      if (index.has(state.iso3)) {
        throw new Error(`data/states-parties.json lists ${state.iso3} more than once`);
      }
      index.set(state.iso3, state);
    }
    cached = data;
    byIso3 = index;
  }
  return cached;
}

/** The State party with this ISO 3166-1 alpha-3 code (case-insensitive), or undefined if it is not a party. */
export function stateByIso3(iso3: string): RegistryState | undefined {
  loadReferenceData();
  return byIso3?.get(iso3.toUpperCase());
}

/** States parties to `instrument`, in the file's order (alphabetical by English name). */
export function partiesTo(instrument: Instrument): RegistryState[] {
  return loadReferenceData().states.filter((state) => state.instruments.includes(instrument));
}
