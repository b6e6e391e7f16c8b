import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { workbookBytes } from '#shared/domain/questionnaire/workbook.ts';
import { META, rowsOf, VALID_ROWS } from './questionnaire/sheet-fixture.ts';

const dir = mkdtempSync(join(tmpdir(), 'questionnaire-cli-'));
const check = (args: string[]) =>
  spawnSync('npm', ['run', '--silent', 'questionnaire:check', '--', ...args], { encoding: 'utf8' });

describe('questionnaire:check CLI contract', () => {
  it('prints nothing and exits 0 for a valid spreadsheet, and the parsed definition with --json', async () => {
    const file = join(dir, 'valid.xlsx');
    writeFileSync(file, await workbookBytes({ meta: META, questions: rowsOf(VALID_ROWS) }));
    const plain = check([file]);
    expect(plain.status, plain.stderr).toBe(0);
    expect(plain.stdout).toBe('');
    const json = check([file, '--json']);
    expect(json.status, json.stderr).toBe(0);
    const def = JSON.parse(json.stdout);
    expect(def).toMatchObject({ id: 'untoc-tip', instrument: 'TIP', languages: ['en', 'fr'] });
    expect(def.clusters[0].articles[0].questions[0].texts.fr.prompt).toMatch(/^Votre pays/);
  });

  it('prints one `row field: message` line per error and exits non-zero', async () => {
    const file = join(dir, 'broken.xlsx');
    const rows = [
      ...VALID_ROWS,
      { ...VALID_ROWS[1], id: 'TIP.5.q2' },
      { ...VALID_ROWS[1], id: 'TIP.5.q3', required_if: 'TIP.5.q9 = yes' },
    ];
    writeFileSync(file, await workbookBytes({ meta: META, questions: rowsOf(rows) }));
    const res = check([file, '--json']);
    expect(res.status).toBe(1);
    expect(res.stdout.trimEnd().split('\n')).toEqual([
      'Questions!5 id: duplicate question id TIP.5.q2',
      'Questions!6 required_if: requiredIf points at TIP.5.q9, which is not in the questionnaire',
    ]);
  });

  it('locates errors of a JSON file by path and passes a shipped file', () => {
    const def = JSON.parse(readFileSync('data/questionnaires/untoc-som.json', 'utf8'));
    def.clusters[0].articles[0].id = 'SOM.99';
    def.clusters[0].articles[0].questions[0].prompt = '';
    const file = join(dir, 'broken.json');
    writeFileSync(file, JSON.stringify(def));
    const res = check([file]);
    expect(res.status).toBe(1);
    expect(res.stdout).toContain(
      'clusters[0].articles[0] id: unknown article SOM.99: SOM has no such article\n',
    );
    expect(res.stdout).toContain('clusters[0].articles[0].questions[0] prompt: Too small');
    expect(check(['data/questionnaires/untoc-som.json']).status).toBe(0);
  });

  it('refuses a file of another kind with exit code 2', () => {
    const res = check(['README.md']);
    expect(res.status).toBe(2);
    expect(res.stderr).toContain('must end in .json or .xlsx');
  });
});
