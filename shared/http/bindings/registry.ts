/** The registry routes bound to their use cases (shared/use-cases/registry.ts). */
import {
  applyUntcImport,
  getRegistryStatus,
  getState,
  getUntcImport,
  importReferenceData,
  listRegistryHistory,
  listStates,
  previewUntcImport,
  updateState,
} from '../../use-cases/registry.ts';
import { bind, created, ok, withEtag } from '../bind.ts';
import type { Operations } from '../operation.ts';

export const registryBindings: Operations<'registry'> = {
  listStates: bind(listStates, { input: (req) => req.query, reply: ok }),
  getState: bind(getState, { input: (req) => req.params, reply: ok }),
  updateState: bind(updateState, {
    input: (req) => ({ iso3: req.params.iso3, expectedVersion: req.expectedVersion, changes: req.body }),
    reply: withEtag,
  }),
  importReferenceData: bind(importReferenceData, { input: () => undefined, reply: ok }),
  getRegistryStatus: bind(getRegistryStatus, { input: () => undefined, reply: ok }),
  previewUntcImport: bind(previewUntcImport, { input: (req) => req.body, reply: created() }),
  getUntcImport: bind(getUntcImport, { input: (req) => req.params, reply: ok }),
  applyUntcImport: bind(applyUntcImport, { input: (req) => req.params, reply: ok }),
  listRegistryHistory: bind(listRegistryHistory, { input: (req) => req.query, reply: ok }),
};
