import { assertCan } from '../domain/authz.ts';
import type { Operations } from '../http/lambda.ts';
import { loadReferenceData } from '../reference-data.ts';
import { getState, importStates, listStates, saveState } from '../repos/registry.ts';
import { assertVersion, ifMatchVersion } from './versioning.ts';

export const registryOperations: Operations<'registry'> = {
  listStates: async ({ principal, query }) => {
    assertCan(principal, 'registry.read');
    const states = (await listStates()).filter(
      (s) =>
        (!query.group || (s.group ?? s.drawGroup) === query.group) &&
        (!query.instrument || s.instruments.includes(query.instrument)),
    );
    return { body: { states } };
  },
  getState: async ({ principal, params }) => {
    assertCan(principal, 'registry.read');
    return { body: await getState(params.iso3) };
  },
  updateState: async ({ principal, params, body, headers, now }) => {
    assertCan(principal, 'registry.write');
    const expected = ifMatchVersion(headers);
    const current = await getState(params.iso3);
    assertVersion(expected, current.version, `state ${params.iso3}`);
    const next = { ...current, ...body, version: current.version + 1, updatedAt: now.toISOString() };
    await saveState(next, { principal, now, action: 'state.update', details: { fields: Object.keys(body) } });
    return { body: next, headers: { etag: `"${next.version}"` } };
  },
  importReferenceData: async ({ principal, now }) => {
    assertCan(principal, 'registry.write');
    return {
      body: await importStates(loadReferenceData().states, { principal, now, action: 'registry.import' }),
    };
  },
};
