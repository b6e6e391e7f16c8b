import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { RULES } from '#shared/domain/authz.ts';
import { authzMatrixMarkdown, MATRIX_COLUMNS } from '../../scripts/authz-matrix.ts';

const rowOf = (md: string, action: string): string[] => {
  const line = md.split('\n').find((l) => new RegExp(`^\\| \`${action.replace('.', '\\.')}\` +\\|`).test(l));
  return (line ?? '')
    .split('|')
    .slice(3, -1)
    .map((c) => c.trim());
};

describe('the authorization matrix document', () => {
  it('is up to date with RULES (regenerate: node --import tsx scripts/authz-matrix.ts > docs/authorization.md)', () => {
    expect(readFileSync('docs/authorization.md', 'utf8')).toBe(authzMatrixMarkdown());
  });

  it('has a row for every action and a column for every kind of user', () => {
    const md = authzMatrixMarkdown();
    for (const action of Object.keys(RULES)) expect(md).toContain(`| \`${action}\` `);
    expect(rowOf(md, 'review.read')).toHaveLength(MATRIX_COLUMNS.length);
  });

  it('shows that only a reviewing focal point acknowledges an assignment and nobody unrelated reads a review', () => {
    const md = authzMatrixMarkdown();
    expect(rowOf(md, 'assignment.acknowledge')).toEqual(['—', '—', '—', '—', 'yes', '—', '—', '—']);
    expect(rowOf(md, 'review.read')).toEqual(['yes', 'yes', 'yes', 'yes', 'yes', 'yes', '—', '—']);
    expect(rowOf(md, 'workflow.advance')).toEqual(['yes', '—', '—', '—', '—', '—', '—', '—']);
    // Creating, editing and withdrawing cycles, proposing, confirming and discarding draws.
    expect(rowOf(md, 'cycle.manage')).toEqual(['yes', '—', '—', '—', '—', '—', '—', '—']);
    expect(rowOf(md, 'draw.read')).toEqual(['yes', 'yes', 'yes', 'yes', 'yes', 'yes', 'yes', '—']);
  });
});
