import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';

// The import-graph rules (.dependency-cruiser.cjs) and the unused-code report (knip.jsonc), run as
// `npm run lint` runs them, so that `npm test` and the unit project both keep them.
const ROOT = join(dirname(new URL(import.meta.url).pathname), '../../..');
const bin = (pkg: string, file: string) => join(ROOT, 'node_modules', pkg, file);

const run = (script: string, args: string[]) =>
  spawnSync(process.execPath, [script, ...args], { cwd: ROOT, encoding: 'utf8', timeout: 100_000 });

interface CruiseModule {
  source: string;
}
interface CruiseResult {
  modules: CruiseModule[];
  summary: { violations: { rule: { name: string }; from: string; to: string }[] };
}

describe('the guard rails', () => {
  it('find no import that crosses a layer the wrong way (.dependency-cruiser.cjs)', () => {
    const out = run(bin('dependency-cruiser', 'bin/dependency-cruise.mjs'), [
      'shared',
      'web',
      '--config',
      '.dependency-cruiser.cjs',
      '--output-type',
      'json',
    ]);
    const result = JSON.parse(out.stdout) as CruiseResult;
    const violations = result.summary.violations.map((v) => `${v.rule.name}: ${v.from} → ${v.to}`);
    expect(violations).toEqual([]);
    // The rules name folders by path: each must still match real files, or a rule would pass vacuously.
    for (const folder of [
      'shared/domain/',
      'shared/use-cases/',
      'shared/http/',
      'shared/repos/',
      'web/src/',
    ]) {
      expect(
        result.modules.some((m) => m.source.startsWith(folder)),
        folder,
      ).toBe(true);
    }
  });

  it('find no unused file, export, type or dependency (knip.jsonc)', () => {
    const out = run(bin('knip', 'bin/knip.js'), ['--no-progress']);
    expect(`${out.stdout}${out.stderr}`).toBe('');
    expect(out.status).toBe(0);
  });
});
