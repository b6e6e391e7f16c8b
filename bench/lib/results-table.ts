/**
 * Prints bench/results/latest.json as a Markdown table (for docs/benchmarks.md):
 * `node --import tsx bench/lib/results-table.ts [name-prefix...]`; with `--write` the table
 * replaces the one between the results markers of docs/benchmarks.md instead.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import type { BenchResult } from '../types.ts';

const results = JSON.parse(
  readFileSync(new URL('../results/latest.json', import.meta.url), 'utf8'),
) as BenchResult[];
const write = process.argv.includes('--write');
const prefixes = process.argv.slice(2).filter((a) => a !== '--write');
const fmt = (v: number | undefined): string =>
  v === undefined
    ? ''
    : Math.abs(v) >= 100
      ? v.toFixed(0)
      : Math.abs(v) >= 1
        ? v.toFixed(2)
        : v.toPrecision(3);
const verdict = (r: BenchResult): string => {
  if (r.target === null) return '';
  return (r.better === 'lower' ? r.value <= r.target : r.value >= r.target) ? 'met' : '**missed**';
};
const lines = ['| figure | value | target | baseline | |', '|---|---|---|---|---|'];
for (const r of results) {
  if (prefixes.length > 0 && !prefixes.some((p) => r.name.startsWith(p))) continue;
  const target = r.target === null ? '' : `${r.better === 'lower' ? '≤' : '≥'} ${fmt(r.target)}`;
  lines.push(`| ${r.name} | ${fmt(r.value)} ${r.unit} | ${target} | ${fmt(r.baseline)} | ${verdict(r)} |`);
}
const table = `${lines.join('\n')}\n`;
if (write) {
  const doc = new URL('../../docs/benchmarks.md', import.meta.url);
  const text = readFileSync(doc, 'utf8');
  const begin = '<!-- results:begin -->\n';
  const end = '<!-- results:end -->';
  const [head, rest] = text.split(begin);
  const tail = rest?.split(end)[1];
  if (head === undefined || tail === undefined) throw new Error('docs/benchmarks.md has no results markers');
  writeFileSync(doc, `${head}${begin}${table}${end}${tail}`);
} else {
  process.stdout.write(table);
}
