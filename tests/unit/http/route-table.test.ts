/**
 * Each function is given its own area's routes (functions/<fn>.ts), not the whole table, so its
 * bundle holds only those schemas; the route table refuses a list that misses one of the
 * function's operations, so a forgotten route fails at module load instead of answering 404.
 */
import { describe, expect, it } from 'vitest';
import * as z from 'zod';
import { routeTable } from '#shared/http/middleware/route-match.ts';
import { FUNCTION_NAMES, type RouteDef } from '#shared/http/route.ts';
import { ROUTES } from '#shared/http/routes.ts';

const route = (operationId: string, path: string): RouteDef => ({
  operationId,
  method: 'GET',
  path,
  fn: 'system',
  auth: 'public',
  summary: operationId,
  tags: [],
  response: z.unknown(),
});

const op = async () => ({ body: {} });

describe('a function route table', () => {
  it('refuses a list that misses one of the operations', () => {
    expect(() =>
      routeTable('system', [route('getHealth', '/health')], { getHealth: op, getOpenApi: op }),
    ).toThrow('function system: operation getOpenApi has no route in its table');
  });

  it('serves the routes of its function only', () => {
    const table = routeTable(
      'system',
      [route('getHealth', '/health'), { ...route('other', '/x'), fn: 'reviews' }],
      {
        getHealth: op,
      },
    );
    expect([...table.keys()]).toEqual(['GET /health']);
  });

  it('is complete for every function as its entry builds it (each entry loads)', async () => {
    for (const fn of FUNCTION_NAMES) {
      if (!ROUTES.some((r) => r.fn === fn)) continue;
      const mod = (await import(`../../../functions/${fn}.ts`)) as { handler: unknown };
      expect(typeof mod.handler, fn).toBe('function');
    }
  }, 120_000);
});
