import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { syntheticStates } from '#shared/domain/draw/synthetic.ts';

const dir = mkdtempSync(join(tmpdir(), 'draw-cli-'));
const tsx = join(process.cwd(), 'node_modules', '.bin', 'tsx');

function cli(script: string, args: string[]) {
  return spawnSync(tsx, [join('scripts', script), ...args], { encoding: 'utf8', cwd: process.cwd() });
}

describe('draw CLI contract', () => {
  it('prints a JSON record that draw:verify accepts, and rejects it once altered', () => {
    const statesFile = join(dir, 'states.json');
    writeFileSync(statesFile, JSON.stringify({ meta: {}, states: syntheticStates(40, 'cli') }));
    const out = execFileSync(
      tsx,
      ['scripts/draw.ts', '--preset', 'untoc', '--seed', 'cli', '--states', statesFile, '--json'],
      {
        encoding: 'utf8',
      },
    );
    const record = JSON.parse(out);
    expect(record.algorithmVersion).toBe('cop-review-draw/1');
    expect(record.assignments[0]).toMatchObject({ reviewed: expect.any(String), instrument: 'UNTOC' });
    const recordFile = join(dir, 'record.json');
    writeFileSync(recordFile, out);
    const ok = cli('draw-verify.ts', [recordFile]);
    expect(ok.status).toBe(0);
    expect(ok.stdout).toMatch(/reproduces exactly/);
    record.seed = 'other';
    writeFileSync(recordFile, JSON.stringify(record));
    const bad = cli('draw-verify.ts', [recordFile]);
    expect(bad.status).toBe(1);
    expect(bad.stderr).toMatch(/recordDigest|assignments\[/);
  });

  it('exits non-zero with the explanation on stderr when no draw exists', () => {
    const statesFile = join(dir, 'tiny.json');
    const st = (iso3: string, group: string) => ({
      iso3,
      name: iso3,
      group,
      legalSystem: 'civil-law',
      instruments: ['UNTOC'],
    });
    writeFileSync(
      statesFile,
      JSON.stringify({ meta: {}, states: [st('AAA', 'WEOG'), st('BBB', 'African')] }),
    );
    const r = cli('draw.ts', ['--seed', 'x', '--states', statesFile]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/infeasible/);
    expect(r.stderr).toMatch(/WEOG|African/);
    expect(r.stdout).toBe('');
  });
});
