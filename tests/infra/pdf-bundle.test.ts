/**
 * PDF summaries work inside a Lambda package: the code is bundled with the very bundling options
 * AppFunction gives CDK (`FUNCTION_BUNDLING`, translated for esbuild's API by bench/lib/bundle.ts),
 * the afterBundling hook commands run on the output (the split step puts the lazily imported
 * renderer libraries in chunks beside index.mjs), and the result runs in a fresh Node process
 * from a folder with no node_modules anywhere above it — as in /var/task.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BUNDLED_FILES } from '#infra/constructs/app-function.ts';
import { bundleFunction } from '../../bench/lib/bundle.ts';

const FIXTURE = readFileSync(new URL('../../data/summary-sample.json', import.meta.url), 'utf8');

/** Renders the sample's combined summary in Russian, Arabic and Chinese and prints facts. */
const PROBE = `
import { buildSummary } from '#shared/domain/summary/document.ts';
import { SummaryInputSchema } from '#shared/domain/summary/input.ts';
import { renderPdf } from '#shared/domain/summary/render-pdf.ts';
const input = SummaryInputSchema.parse(${FIXTURE});
const doc = buildSummary(input, { scope: 'combined' });
const [ru, ar, zh] = await Promise.all(['ru', 'ar', 'zh'].map((l) => renderPdf(doc, l)));
const text = (pdf) => Buffer.from(pdf).toString('latin1');
process.stdout.write(JSON.stringify({ head: text(ru).slice(0, 5), bytes: ru.length, embedsDejaVu: text(ru).includes('DejaVuSans'), embedsNaskh: text(ar).includes('NotoNaskhArabic'), embedsHans: text(zh).includes('NotoSansHans') }));
`;

/** Node with nothing from the repository: no NODE_PATH, no font override, cwd = the bundle. */
const runIsolated = (dir: string, args: string[]) => {
  const env: Record<string, string> = { PATH: process.env.PATH ?? '', HOME: tmpdir() };
  return spawnSync(process.execPath, args, { cwd: dir, env, encoding: 'utf8', timeout: 60_000 });
};

const hasNodeModulesAbove = (dir: string): boolean => {
  for (let d = dir; ; d = dirname(d)) {
    if (existsSync(join(d, 'node_modules'))) return true;
    if (dirname(d) === d) return false;
  }
};

let root: string;

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'cop-review-bundle-'));
});

afterAll(() => {
  rmSync(root, { recursive: true, force: true });
});

describe('PDF rendering in a Lambda bundle', () => {
  it('renders a PDF from the bundled renderer with only the bundle folder on disk', async () => {
    const outdir = join(root, 'probe');
    await bundleFunction({ source: PROBE, outdir });
    expect(hasNodeModulesAbove(outdir)).toBe(false);
    const files = readdirSync(outdir);
    expect(files.filter((f) => !/\.mjs(\.map)?$/.test(f)).sort()).toEqual([
      'DejaVuSans-Bold.ttf',
      'DejaVuSans.ttf',
      'NotoNaskhArabic-Bold.ttf',
      'NotoNaskhArabic-Regular.ttf',
      'NotoSansHans-Regular.otf',
    ]);
    // pdfkit and fontkit are imported on first use, so the split step put them in a chunk beside
    // index.mjs: the PDF below is rendered from there.
    const chunks = files.filter((f) => f.endsWith('.mjs') && f !== 'index.mjs');
    expect(chunks.length).toBeGreaterThan(0);
    expect(chunks.some((f) => readFileSync(join(outdir, f), 'utf8').includes('PDFKit'))).toBe(true);
    expect(readFileSync(join(outdir, 'index.mjs'), 'utf8')).not.toContain('PDFKit');

    const run = runIsolated(outdir, ['index.mjs']);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const out = JSON.parse(run.stdout) as Record<string, unknown>;
    expect(out).toMatchObject({ head: '%PDF-', embedsDejaVu: true, embedsNaskh: true, embedsHans: true });
    expect(out.bytes).toBeGreaterThan(5_000);
  }, 120_000);

  it('fails without the fonts the hook copies, so the test above depends on them', async () => {
    const outdir = join(root, 'probe-no-fonts');
    await bundleFunction({ source: PROBE, outdir });
    for (const file of BUNDLED_FILES) rmSync(join(outdir, file.split('/').pop() ?? ''));

    const run = runIsolated(outdir, ['index.mjs']);
    expect(run.status).not.toBe(0);
    expect(run.stderr).toContain('dejavu-fonts-ttf');
  }, 120_000);

  it('ships the fonts with the summaries function and its handler module loads without node_modules', async () => {
    const outdir = join(root, 'summaries');
    await bundleFunction({ entry: 'functions/summaries.ts', outdir });
    expect(readdirSync(outdir)).toEqual(expect.arrayContaining(['DejaVuSans.ttf', 'DejaVuSans-Bold.ttf']));

    const run = runIsolated(outdir, [
      '--input-type=module',
      '-e',
      "const m = await import('./index.mjs'); process.stdout.write(typeof m.handler);",
    ]);
    expect(run.stderr).toBe('');
    expect(run.stdout).toBe('function');
  }, 120_000);

  it('copies no fonts into a bundle that does not contain the renderer', async () => {
    const outdir = join(root, 'plain');
    await bundleFunction({ source: 'export const handler = async () => ({ statusCode: 204 });', outdir });
    expect(readdirSync(outdir).sort()).toEqual(['index.mjs', 'index.mjs.map']);
    expect(execFileSync(process.execPath, ['--check', join(outdir, 'index.mjs')]).length).toBe(0);
  }, 60_000);
});
