import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { FUNCTION_NAMES, routeKey } from '#shared/http/route.ts';
import { ROUTES } from '#shared/http/routes.ts';
import { routeTablesMarkdown } from '../../../scripts/route-tables.ts';

describe('the route tables document', () => {
  it('is up to date with ROUTES (regenerate: node --import tsx scripts/route-tables.ts > docs/routes.md)', () => {
    expect(readFileSync('docs/routes.md', 'utf8')).toBe(routeTablesMarkdown());
  });

  it('has a section for every function that serves a route, and a row for every route in it', () => {
    const md = routeTablesMarkdown();
    const sections = md.split('\n## ').slice(1);
    const served = FUNCTION_NAMES.filter((fn) => ROUTES.some((r) => r.fn === fn));
    expect(sections.map((s) => s.split('\n')[0])).toEqual(served);
    for (const r of ROUTES) {
      const section = sections.find((s) => s.startsWith(`${r.fn}\n`)) ?? '';
      const row = section
        .split('\n')
        .find((l) => l.includes(`\`${r.path}\``) && l.startsWith(`| ${r.method} `));
      expect(row, routeKey(r)).toContain(r.operationId);
    }
  });

  it('shows that the comment POST needs sign-in, is idempotent in its transaction and answers 201', () => {
    const row = routeTablesMarkdown()
      .split('\n')
      .find((l) => l.includes('| createComment '));
    expect(
      row
        ?.split('|')
        .map((c) => c.trim())
        .slice(4, 8),
    ).toEqual(['yes', '—', 'in its transaction', '201']);
  });
});
