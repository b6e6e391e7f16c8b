/**
 * Prints the route tables (Markdown), one per area (Lambda function), computed from `ROUTES` in
 * shared/http/routes.ts: what a route is, whether it needs sign-in, which version it wants in
 * `If-Match`, whether it is idempotent and its success status. docs/routes.md is this output; a
 * unit test keeps the two equal.
 *
 *   node --import tsx scripts/route-tables.ts > docs/routes.md
 */
import { pathToFileURL } from 'node:url';
import { FUNCTION_NAMES, type RouteDef } from '#shared/http/route.ts';
import { ROUTES } from '#shared/http/routes.ts';

const HEADER = ['Method', 'Path', 'operationId', 'Sign-in', 'If-Match', 'Idempotent', 'Status', 'Summary'];

const cells = (r: RouteDef): string[] => [
  r.method,
  `\`${r.path}\``,
  r.operationId,
  r.auth === 'user' ? 'yes' : '—',
  r.version ?? '—',
  r.idempotent === 'in-transaction' ? 'in its transaction' : r.idempotent ? 'yes' : '—',
  String(r.status ?? 200),
  r.summary.replaceAll('|', '\\|'),
];

// Padded the way the formatter (biome) lays out Markdown tables, so the file stays formatted.
const table = (rows: string[][]): string[] => {
  const widths = HEADER.map((_, i) => Math.max(3, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cs: readonly string[]) => `| ${cs.map((c, i) => c.padEnd(widths[i] ?? 3)).join(' | ')} |`;
  const [head, ...body] = rows;
  return [line(head ?? []), line(widths.map((w) => '-'.repeat(w))), ...body.map(line)];
};

export const routeTablesMarkdown = (routes: readonly RouteDef[] = ROUTES): string => {
  const lines = [
    '# Routes, by area',
    '',
    'Generated from the route table (`shared/http/routes.ts`) by',
    '`node --import tsx scripts/route-tables.ts > docs/routes.md`; a unit test checks that this file',
    'matches it. One table per Lambda function. Sign-in: the route needs a verified token (else 401).',
    'If-Match: the version the write must name (`required`: ≥ 1, `required-or-new`: ≥ 0, where 0 is',
    '"nothing saved yet"; see docs/api-conventions.md). Who may call a route is decided by the use case',
    'through `shared/domain/authz.ts` (docs/authorization.md).',
  ];
  for (const fn of FUNCTION_NAMES) {
    const mine = routes.filter((r) => r.fn === fn);
    if (mine.length === 0) continue;
    lines.push('', `## ${fn}`, '', ...table([HEADER, ...mine.map(cells)]));
  }
  return `${lines.join('\n')}\n`;
};

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.stdout.write(routeTablesMarkdown());
}
