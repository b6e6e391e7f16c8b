import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { applyDiff, diffRegistry, type RegistryContent } from '#shared/domain/registry/diff.ts';
import {
  importUntcTable,
  normalizeName,
  parseActionCell,
  resolveParticipant,
  UntcFormatError,
} from '#shared/domain/registry/untc.ts';
import type { Instrument, RegistryState } from '#shared/domain/types.ts';

const TABLES: Record<Instrument, string> = {
  UNTOC: 'data/untc-2014/18-12.csv',
  TIP: 'data/untc-2014/18-12-a.csv',
  SOM: 'data/untc-2014/18-12-b.csv',
  FIREARMS: 'data/untc-2014/18-12-c.csv',
};
const table2014 = (instrument: Instrument) =>
  importUntcTable({ instrument, format: 'csv', text: readFileSync(TABLES[instrument], 'utf8') });
const fixtureHtml = readFileSync('tests/fixtures/registry/untc-xviii-12-c.html', 'utf8');

const party = (t: ReturnType<typeof table2014>, iso3: string) =>
  [...t.parties, ...t.organizations].find((p) => p.iso3 === iso3);

describe('UNTC participant tables of 2014', () => {
  it('give exactly 179 / 159 / 138 / 109 parties, the European Union included, and no unknown name', () => {
    const counts = Object.fromEntries(
      (Object.keys(TABLES) as Instrument[]).map((i) => {
        const t = table2014(i);
        expect(t.unknown, i).toEqual([]);
        return [i, t.parties.length + t.organizations.length];
      }),
    );
    expect(counts).toEqual({ UNTOC: 179, TIP: 159, SOM: 138, FIREARMS: 109 });
  });

  it('keep the European Union apart as an organization on every instrument', () => {
    for (const i of Object.keys(TABLES) as Instrument[]) {
      const t = table2014(i);
      expect(
        t.organizations.map((o) => o.iso3),
        i,
      ).toEqual(['EUU']);
      expect(
        t.parties.some((p) => p.iso3 === 'EUU'),
        i,
      ).toBe(false);
    }
    expect(party(table2014('FIREARMS'), 'EUU')).toMatchObject({ action: 'approval', date: '2014-03-21' });
  });

  it('name States by the UNTC’s historical names and read the kind of action', () => {
    const untoc = table2014('UNTOC');
    const firearms = table2014('FIREARMS');
    const som = table2014('SOM');
    expect(party(untoc, 'CZE')).toMatchObject({
      name: 'Czech Republic',
      action: 'ratification',
      date: '2013-09-24',
    });
    expect(party(untoc, 'TUR')?.name).toBe('Turkey');
    expect(party(untoc, 'SWZ')?.name).toBe('Swaziland');
    expect(party(untoc, 'MKD')?.name).toBe('The former Yugoslav Republic of Macedonia');
    expect(party(untoc, 'BOL')).toMatchObject({ action: 'ratification', date: '2005-10-10' });
    expect(party(untoc, 'BHR')).toMatchObject({ action: 'accession', date: '2004-06-07' });
    expect(party(untoc, 'LCA')?.name).toBe('St. Lucia');
    expect(party(untoc, 'MNE')).toMatchObject({ action: 'succession', date: '2006-10-23' });
    // Named in issue 15 and registry-findings.csv (high): parties to Firearms / SOM already in 2014.
    for (const iso3 of ['ETH', 'IRQ', 'KWT', 'LBN', 'MAR', 'MNG', 'NRU', 'OMN', 'SAU', 'TUN', 'UGA'])
      expect(party(firearms, iso3), iso3).toBeDefined();
    for (const iso3 of ['BHR', 'MNG']) expect(party(som, iso3), iso3).toBeDefined();
    // Signatories only, not parties: Australia, Canada, China, Luxembourg, Seychelles (Firearms).
    for (const iso3 of ['AUS', 'CAN', 'CHN', 'LUX', 'SYC']) {
      expect(party(firearms, iso3), iso3).toBeUndefined();
      expect(firearms.signatories, iso3).toContain(iso3);
    }
    // Not parties to the Convention in 2014.
    for (const iso3 of ['SOM', 'BTN', 'PSE', 'IRN', 'COG']) expect(party(untoc, iso3), iso3).toBeUndefined();
    expect(untoc.signatories).toEqual(expect.arrayContaining(['IRN', 'COG']));
  });

  it('defaults the as-of date to the newest action of a CSV table', () => {
    expect(table2014('FIREARMS').asOf).toBe('2014-03-21');
    expect(table2014('FIREARMS').source).toBe('UNTC XVIII-12-c');
  });
});

describe('UNTC status page saved as HTML', () => {
  const t = importUntcTable({ instrument: 'FIREARMS', format: 'html', text: fixtureHtml });

  it('reads the participant table, strips footnote markers and decodes entities', () => {
    expect(t.asOf).toBe('2024-05-04');
    expect(party(t, 'BEL')).toMatchObject({ name: 'Belgium', action: 'ratification', date: '2004-09-24' });
    expect(party(t, 'DNK')?.name).toBe('Denmark');
    expect(party(t, 'CIV')).toMatchObject({ name: "Côte d'Ivoire", action: 'accession' });
    expect(party(t, 'NLD')).toMatchObject({ action: 'acceptance', date: '2005-03-08' });
    expect(party(t, 'TUR')?.name).toBe('Türkiye');
    expect(party(t, 'SWZ')).toBeDefined();
    expect(party(t, 'MKD')).toBeDefined();
    expect(t.organizations).toEqual([
      { iso3: 'EUU', name: 'European Union', action: 'approval', date: '2014-03-21' },
    ]);
    expect(t.signatories.sort()).toEqual(['AUS', 'CAN']);
  });

  it('reports a name it cannot map instead of dropping it', () => {
    expect(t.unknown).toEqual(['Republic of Atlantis']);
    expect(t.parties).toHaveLength(11);
  });

  it('finds the participant table inside the layout tables of a saved page', () => {
    const nested = `<table><tr><td>Participant</td></tr><tr><td><table id="grid">
      <tr><td>Participant</td><td>Signature</td><td>Ratification, Acceptance(A), Accession(a)</td></tr>
      <tr><td>Peru<sup><a href="#f1">3</a></sup></td><td>14 Dec 2000</td><td>23 Jan 2002</td></tr>
      <tr><td>Kenya 1, 2</td><td></td><td>5 Jan 2005 a</td></tr>
    </table></td></tr></table>`;
    const t2 = importUntcTable({ instrument: 'TIP', format: 'html', text: nested });
    expect(t2.parties).toEqual([
      { iso3: 'PER', name: 'Peru', action: 'ratification', date: '2002-01-23' },
      { iso3: 'KEN', name: 'Kenya', action: 'accession', date: '2005-01-05' },
    ]);
    expect(t2.asOf).toBe('2005-01-05');
  });

  it('takes --as-of over the page’s status date', () => {
    expect(
      importUntcTable({ instrument: 'FIREARMS', format: 'html', text: fixtureHtml, asOf: '2024-06-01' }).asOf,
    ).toBe('2024-06-01');
  });
});

describe('reading names and cells', () => {
  it('matches names whatever the case, accents, apostrophes, "St." or footnote digits', () => {
    expect(normalizeName('Cote d’Ivoire 3, 4')).toBe(normalizeName("Côte d'Ivoire"));
    expect(resolveParticipant('Saint Kitts and Nevis*')).toEqual({ kind: 'state', iso3: 'KNA' });
    expect(resolveParticipant('european union')).toEqual({ kind: 'organization', iso3: 'EUU' });
    expect(resolveParticipant('Atlantis')).toEqual({ kind: 'unknown' });
  });

  it('reads each kind of action, with case deciding A (acceptance) from a (accession)', () => {
    expect(parseActionCell('27 May 2004', 'x')).toEqual({ date: '2004-05-27', action: 'ratification' });
    expect(parseActionCell('8 Mar 2005 A', 'x')?.action).toBe('acceptance');
    expect(parseActionCell('21 Mar 2014 AA', 'x')?.action).toBe('approval');
    expect(parseActionCell('7 Jun 2004 a', 'x')?.action).toBe('accession');
    expect(parseActionCell('24 Sep 2004 d', 'x')?.action).toBe('succession');
    expect(parseActionCell('', 'x')).toBeNull();
  });

  it('rejects input that is not a participant table, naming what is wrong', () => {
    expect(() => importUntcTable({ instrument: 'TIP', format: 'csv', text: 'a,b\n1,2\n' })).toThrow(
      /Participant/,
    );
    expect(() => importUntcTable({ instrument: 'TIP', format: 'html', text: '<p>nothing</p>' })).toThrow(
      UntcFormatError,
    );
    expect(() =>
      importUntcTable({
        instrument: 'TIP',
        format: 'csv',
        text: 'Participant,Signature,Action\nPeru,,soon\n',
      }),
    ).toThrow(/row 1 \(Peru\): "soon" is not a date/);
  });
});

const state = (iso3: string, name: string, participation: RegistryState['participation']): RegistryState => ({
  iso3,
  name,
  group: 'WEOG',
  legalSystem: 'civil-law',
  instruments: Object.keys(participation) as Instrument[],
  participation,
  groupSource: { source: 'test', asOf: null },
});

describe('diff against the registry and apply', () => {
  const t = importUntcTable({ instrument: 'FIREARMS', format: 'html', text: fixtureHtml });
  const registry: RegistryContent = {
    organizations: [],
    states: [
      state('AUS', 'Australia', { FIREARMS: { source: null, asOf: null, note: 'from a hand-written list' } }),
      state('BEL', 'Belgium', {
        FIREARMS: {
          source: 'UNTC XVIII-12-c',
          asOf: '2014-03-21',
          action: 'ratification',
          date: '2004-09-24',
        },
      }),
      state('DNK', 'Denmark', { FIREARMS: { source: null, asOf: null } }),
      state('NLD', 'Netherlands (Kingdom of the)', {
        FIREARMS: { source: 'x', asOf: '2014-03-21', action: 'ratification', date: '2005-03-08' },
      }),
      state('GBR', 'United Kingdom', { FIREARMS: { source: 'CTOC/COP/2030/1', asOf: '2030-01-01' } }),
    ],
  };
  const diff = diffRegistry(registry, t);
  const byIso3 = (iso3: string) => diff.changes.find((c) => c.iso3 === iso3);

  it('lists who becomes party, who is no longer party and whose action changed', () => {
    expect(byIso3('AUS')).toMatchObject({ change: 'no-longer-party', after: null });
    expect(byIso3('SDN')).toMatchObject({
      change: 'becomes-party',
      before: null,
      after: { action: 'accession', date: '2018-10-19', source: 'UNTC XVIII-12-c', asOf: '2024-05-04' },
    });
    expect(byIso3('EUU')?.change).toBe('becomes-party');
    expect(byIso3('NLD')).toMatchObject({
      change: 'action-changed',
      before: { action: 'ratification' },
      after: { action: 'acceptance' },
    });
    expect(byIso3('DNK')?.change).toBe('action-changed');
    expect(byIso3('BEL')).toBeUndefined();
    expect(diff.confirmed).toBe(1);
    expect(diff.unknown).toEqual(['Republic of Atlantis']);
  });

  it('leaves a fact alone whose source is newer than the table', () => {
    expect(byIso3('GBR')).toBeUndefined();
  });

  it('applies the changes with the table as source, and a second diff is empty', () => {
    const sudan = diff.changes.filter((c) => c.iso3 === 'SDN');
    expect(() => applyDiff(registry, t, sudan)).toThrow(/Sudan \(SDN\).*register it first/);
    const registered = new Set(['EUU', ...registry.states.map((s) => s.iso3)]);
    const applied = applyDiff(
      registry,
      t,
      diff.changes.filter((c) => registered.has(c.iso3)),
      'imp-1',
    );
    const after = { states: applied.states, organizations: applied.organizations };
    expect(applied.states.find((s) => s.iso3 === 'AUS')?.instruments).toEqual([]);
    expect(applied.states.find((s) => s.iso3 === 'NLD')?.participation.FIREARMS).toMatchObject({
      action: 'acceptance',
      source: 'UNTC XVIII-12-c',
      asOf: '2024-05-04',
      importId: 'imp-1',
    });
    // Belgium's fact is confirmed by a newer table: it takes the table as source.
    expect(applied.states.find((s) => s.iso3 === 'BEL')?.participation.FIREARMS?.asOf).toBe('2024-05-04');
    expect(applied.organizations.map((o) => o.id)).toEqual(['EUU']);
    expect(diffRegistry(after, t).changes.filter((c) => registered.has(c.iso3))).toEqual([]);
  });
});
