import { readFileSync } from 'node:fs';
import { parse as parseCsv } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { diffRegistry } from '#shared/domain/registry/diff.ts';
import { importUntcTable } from '#shared/domain/registry/untc.ts';
import { INSTRUMENTS, type Instrument, REGIONAL_GROUPS, ReferenceDataSchema } from '#shared/domain/types.ts';
import { loadReferenceData, partiesTo, stateByIso3 } from '#shared/reference-data.ts';
import raw from '../../data/states-parties.json' with { type: 'json' };

// Group, draw-pool and legal-system counts come from the DGACM group lists (checked against a full
// third-party copy, no mismatch) and the legal-system heuristic; party counts are not asserted here:
// participation is checked against its sources below and in registry-import.test.ts.
const EXPECTED_STATES = 191;
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
    for (const state of data.states.filter((s) => s.instruments.length > 0)) {
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

  it('lists 191 States, each party to the Convention', () => {
    expect(data.states).toHaveLength(EXPECTED_STATES);
    expect(partiesTo('UNTOC')).toHaveLength(EXPECTED_STATES);
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

  it('keeps the European Union apart as an organization and leaves out UN Member States not party to UNTOC', () => {
    for (const code of ['EUU', 'IRN', 'COG', 'PNG', 'SLB', 'SSD', 'TUV']) {
      expect(stateByIso3(code), code).toBeUndefined();
    }
    expect(data.organizations.map((o) => o.id)).toEqual(['EUU']);
    expect(data.organizations[0]?.instruments).toEqual([...INSTRUMENTS]);
  });

  it('looks ISO3 codes up case-insensitively', () => {
    expect(stateByIso3('jpn')?.instruments).toEqual(['UNTOC', 'TIP', 'SOM']);
  });
});

const TABLES: Record<Instrument, string> = {
  UNTOC: 'data/untc-2014/18-12.csv',
  TIP: 'data/untc-2014/18-12-a.csv',
  SOM: 'data/untc-2014/18-12-b.csv',
  FIREARMS: 'data/untc-2014/18-12-c.csv',
};
const findings: Record<string, string>[] = parseCsv(readFileSync('data/registry-findings.csv', 'utf8'), {
  columns: true,
});

describe('provenance of the States parties reference data', () => {
  const data = loadReferenceData();
  const entries = [...data.states, ...data.organizations];

  it('gives every fact a source and date, or marks it unverified with a note', () => {
    for (const e of entries) {
      for (const [instrument, fact] of Object.entries(e.participation)) {
        if (fact?.source === null) expect(fact.note, `${e.name} ${instrument}`).toMatch(/.{20}/);
        else expect(fact?.asOf, `${e.name} ${instrument}`).toMatch(/^\d{4}/);
      }
    }
    for (const s of data.states) {
      if (s.groupSource.source === null) expect(s.groupSource.note, s.name).toMatch(/policy assumption/);
    }
    expect(data.meta.asOf).toBe('2024-11-25');
  });

  it('holds no compiler’s notes ("from memory", "believed")', () => {
    expect(JSON.stringify(raw)).not.toMatch(/from memory|believed/i);
  });

  it('agrees with the four 2014 UNTC tables on every fact sourced to them', () => {
    for (const instrument of INSTRUMENTS) {
      const table = importUntcTable({
        instrument,
        format: 'csv',
        text: readFileSync(TABLES[instrument], 'utf8'),
      });
      const diff = diffRegistry(data, table);
      expect(diff.unknown).toEqual([]);
      expect(diff.confirmed, instrument).toBe(table.parties.length + table.organizations.length);
      // All the table contradicts are listings without a source (kept unverified).
      for (const c of diff.changes) {
        expect(c.change, `${instrument} ${c.name}`).toBe('no-longer-party');
        expect(c.before?.source, `${instrument} ${c.name}`).toBeNull();
      }
    }
  });

  it('applies every high-confidence finding of registry-findings.csv', () => {
    const high = findings.filter((f) => f.confidence === 'high');
    expect(high.length).toBeGreaterThan(10);
    for (const f of high) {
      const fact = stateByIso3(f.iso3 ?? '')?.participation[f.instrument as Instrument];
      expect(fact?.source, `${f.name} ${f.instrument}`).toBeTruthy();
    }
  });

  it('drops the listings the findings contradict after 2014 (signatories only, absent later)', () => {
    const contradicted = findings.filter((f) => /likely not party|doubtful/.test(f.finding ?? ''));
    expect(contradicted.length).toBeGreaterThan(10);
    for (const f of contradicted) {
      expect(stateByIso3(f.iso3 ?? '')?.instruments, `${f.name} ${f.instrument}`).not.toContain(f.instrument);
    }
    for (const iso3 of ['AUS', 'CAN', 'CHN', 'LUX', 'SYC']) {
      expect(stateByIso3(iso3)?.instruments, iso3).not.toContain('FIREARMS');
    }
  });

  it('records Somalia as acceding to the Convention in November 2024, Bhutan and Palestine as later TIP parties', () => {
    expect(stateByIso3('SOM')?.participation.UNTOC).toMatchObject({ action: 'accession', date: '2024-11' });
    expect(stateByIso3('BTN')?.participation.TIP?.source).toMatch(/UNODC/);
    expect(stateByIso3('PSE')?.participation.TIP?.source).toBe('CTOC/COP/2018/2');
    expect(stateByIso3('SDN')?.participation.FIREARMS?.source).toMatch(/UNODC, 19 October 2018/);
  });
});
