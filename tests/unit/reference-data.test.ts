import { describe, expect, it } from 'vitest';
import { INSTRUMENTS, type Instrument, REGIONAL_GROUPS, ReferenceDataSchema } from '#shared/domain/types.ts';
import { loadReferenceData, partiesTo, stateByIso3 } from '#shared/reference-data.ts';
import raw from '../../data/states-parties.json' with { type: 'json' };

// Exact counts computed from data/states-parties.json (asOf 2024-06-30). They are meant to fail
// when the file changes: update them together with the data and data/README.md.
const EXPECTED_STATES = 191;
const EXPECTED_PARTIES: Record<Instrument, number> = { UNTOC: 191, TIP: 181, SOM: 156, FIREARMS: 123 };
const EXPECTED_GROUP_MEMBERS = {
  African: 52,
  'Asia-Pacific': 51,
  'Eastern European': 23,
  GRULAC: 33,
  WEOG: 28,
  none: 4,
};
/** group, or drawGroup where the State sits in no group: what the drawing of lots uses. */
const EXPECTED_DRAW_POOLS = { African: 52, 'Asia-Pacific': 53, 'Eastern European': 23, GRULAC: 33, WEOG: 30 };
const EXPECTED_LEGAL_SYSTEMS = { 'civil-law': 116, 'common-law': 42, mixed: 27, 'islamic-law': 5, other: 1 };

function countBy<T>(items: readonly T[], key: (item: T) => string): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const item of items) {
    const k = key(item);
    counts[k] = (counts[k] ?? 0) + 1;
  }
  return counts;
}

describe('States parties reference data', () => {
  const data = loadReferenceData();

  it('parses against ReferenceDataSchema with sources, a date and notes', () => {
    const result = ReferenceDataSchema.safeParse(raw);
    expect(result.success).toBe(true);
    expect(data.meta.sources.length).toBeGreaterThan(0);
    expect(data.meta.asOf).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(data.meta.notes.join(' ')).toMatch(/European Union/);
  });

  it('caches the parsed data (same object on every call)', () => {
    expect(loadReferenceData()).toBe(data);
  });

  it('lists each ISO3 code once, as three capital letters', () => {
    const codes = data.states.map((s) => s.iso3);
    expect(new Set(codes).size).toBe(codes.length);
    for (const code of codes) expect(code).toMatch(/^[A-Z]{3}$/);
  });

  it('lists each name once, sorted alphabetically', () => {
    const names = data.states.map((s) => s.name);
    expect(new Set(names).size).toBe(names.length);
    expect([...names].sort((a, b) => a.localeCompare(b, 'en'))).toEqual(names);
  });

  it('has every Protocol party also party to the Convention (art. 37 UNTOC)', () => {
    for (const state of data.states) {
      expect(state.instruments, state.name).toContain('UNTOC');
      expect(new Set(state.instruments).size, state.name).toBe(state.instruments.length);
    }
  });

  it('gives every State a regional group or, failing that, a drawGroup', () => {
    for (const state of data.states) {
      expect(state.group ?? state.drawGroup, state.name).toBeDefined();
      if (state.group !== null) expect(state.drawGroup, state.name).toBeUndefined();
    }
  });

  it('gives every State without a group a note explaining why', () => {
    for (const state of data.states.filter((s) => s.group === null)) {
      expect(state.notes, state.name).toMatch(/no UN regional group|member of no/);
    }
  });

  it('has the expected number of States and parties per instrument', () => {
    expect(data.states).toHaveLength(EXPECTED_STATES);
    for (const instrument of INSTRUMENTS) {
      expect(partiesTo(instrument), instrument).toHaveLength(EXPECTED_PARTIES[instrument]);
    }
  });

  it('has the expected number of members per regional group', () => {
    expect(countBy(data.states, (s) => s.group ?? 'none')).toEqual(EXPECTED_GROUP_MEMBERS);
  });

  it('has the expected drawing pool per regional group, covering every group', () => {
    const pools = countBy(data.states, (s) => s.group ?? s.drawGroup ?? 'none');
    expect(pools).toEqual(EXPECTED_DRAW_POOLS);
    expect(Object.keys(pools).sort()).toEqual([...REGIONAL_GROUPS].sort());
  });

  it('has the expected number of States per legal system family', () => {
    expect(countBy(data.states, (s) => s.legalSystem)).toEqual(EXPECTED_LEGAL_SYSTEMS);
  });

  it('puts the United States in no group, drawn with WEOG', () => {
    const usa = stateByIso3('USA');
    expect(usa?.name).toBe('United States of America');
    expect(usa?.group).toBeNull();
    expect(usa?.drawGroup).toBe('WEOG');
    expect(usa?.instruments).not.toContain('FIREARMS');
  });

  it('records Kiribati in the Asia-Pacific Group with a note on its history', () => {
    const kiribati = stateByIso3('KIR');
    expect(kiribati?.group).toBe('Asia-Pacific');
    expect(kiribati?.notes).toMatch(/historically/i);
  });

  it('records non-member States with their draw-group assumption', () => {
    expect(stateByIso3('PSE')?.group).toBe('Asia-Pacific');
    expect(stateByIso3('VAT')).toMatchObject({ name: 'Holy See', group: null, drawGroup: 'WEOG' });
    expect(stateByIso3('COK')).toMatchObject({ group: null, drawGroup: 'Asia-Pacific' });
    expect(stateByIso3('NIU')).toMatchObject({ group: null, drawGroup: 'Asia-Pacific' });
  });

  it('records Türkiye in WEOG and uses UN names with diacritics', () => {
    expect(stateByIso3('TUR')).toMatchObject({ name: 'Türkiye', group: 'WEOG' });
    expect(stateByIso3('CIV')?.name).toBe("Côte d'Ivoire");
  });

  it('excludes the European Union and UN Member States not party to UNTOC', () => {
    for (const code of ['EUU', 'IRN', 'COG', 'PNG', 'SLB', 'SSD', 'TUV']) {
      expect(stateByIso3(code), code).toBeUndefined();
    }
  });

  it('looks ISO3 codes up case-insensitively', () => {
    expect(stateByIso3('jpn')?.instruments).toEqual(['UNTOC', 'TIP', 'SOM']);
  });
});
