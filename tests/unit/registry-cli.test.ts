import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ReferenceDataSchema } from '#shared/domain/types.ts';

const dir = mkdtempSync(join(tmpdir(), 'registry-cli-'));
const dataFile = join(dir, 'states-parties.json');
copyFileSync('data/states-parties.json', dataFile);
const env = { ...process.env, REGISTRY_DATA_FILE: dataFile, REGISTRY_IMPORT_BY: 'cli-test' };

const npm = (args: string[]) =>
  spawnSync('npm', ['run', '--silent', 'registry:import', '--', ...args], { encoding: 'utf8', env });
const tsx = (args: string[]) =>
  spawnSync(join('node_modules', '.bin', 'tsx'), ['scripts/registry-import.ts', ...args], {
    encoding: 'utf8',
    env,
  });

describe('registry:import CLI contract', () => {
  it('prints the JSON diff of a 2014 table and changes nothing without --apply', () => {
    const before = readFileSync(dataFile, 'utf8');
    const res = npm(['--instrument', 'FIREARMS', '--from', 'data/untc-2014/18-12-c.csv', '--json']);
    expect(res.status, res.stderr).toBe(0);
    const out = JSON.parse(res.stdout);
    expect(Object.keys(out)).toEqual(['instrument', 'asOf', 'changes', 'unknown']);
    expect(out).toMatchObject({ instrument: 'FIREARMS', asOf: '2014-03-21', unknown: [] });
    for (const c of out.changes)
      expect(Object.keys(c).sort()).toEqual(['after', 'before', 'change', 'iso3', 'name']);
    // Sudan's accession (UNODC, October 2018) is newer than the table: not contradicted.
    expect(out.changes.map((c: { iso3: string }) => c.iso3)).not.toContain('SDN');
    expect(out.changes.find((c: { iso3: string }) => c.iso3 === 'DNK')).toMatchObject({
      change: 'no-longer-party',
      before: { source: null },
      after: null,
    });
    expect(readFileSync(dataFile, 'utf8')).toBe(before);
  });

  it('exits 1 on unreadable input and on a file that is not a participant table', () => {
    expect(tsx(['--instrument', 'TIP', '--from', join(dir, 'missing.csv')]).status).toBe(1);
    const junk = join(dir, 'junk.csv');
    writeFileSync(junk, 'name,value\nx,1\n');
    const res = tsx(['--instrument', 'TIP', '--from', junk]);
    expect(res.status).toBe(1);
    expect(res.stderr).toMatch(/Participant/);
    expect(tsx(['--instrument', 'XYZ', '--from', junk]).status).toBe(1);
  });

  it('with --apply writes the changes and records the import in the file’s history', () => {
    const res = tsx([
      '--instrument',
      'FIREARMS',
      '--from',
      'tests/fixtures/registry/untc-xviii-12-c.html',
      '--apply',
    ]);
    expect(res.status, res.stderr).toBe(0);
    expect(res.stdout).toMatch(/unknown\s+Republic of Atlantis/);
    const data = ReferenceDataSchema.parse(JSON.parse(readFileSync(dataFile, 'utf8')));
    const entry = data.meta.history.at(-1);
    expect(entry).toMatchObject({
      instrument: 'FIREARMS',
      asOf: '2024-05-04',
      by: 'cli-test',
      file: 'untc-xviii-12-c.html',
    });
    expect(entry?.changes.length).toBeGreaterThan(10);
    const denmark = data.states.find((s) => s.iso3 === 'DNK')?.participation.FIREARMS;
    expect(denmark).toMatchObject({
      source: 'UNTC XVIII-12-c',
      asOf: '2024-05-04',
      importId: entry?.importId,
    });
    // Parties the page does not list are no longer party (it is a short fixture).
    expect(data.states.find((s) => s.iso3 === 'ARG')?.instruments).not.toContain('FIREARMS');
    // A second run finds nothing left to change.
    const again = tsx([
      '--instrument',
      'FIREARMS',
      '--from',
      'tests/fixtures/registry/untc-xviii-12-c.html',
      '--json',
    ]);
    expect(JSON.parse(again.stdout).changes).toEqual([]);
  });
});
