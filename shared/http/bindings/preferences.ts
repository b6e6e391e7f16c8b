/** The caller's own settings bound to their use cases (shared/use-cases/preferences.ts). */
import { getMyPreferences, putMyPreferences } from '../../use-cases/preferences.ts';
import { bind, ok } from '../bind.ts';
import type { Operation } from '../operation.ts';
import type { preferenceRoutes } from '../routes/preferences.ts';

type Route<I extends number> = (typeof preferenceRoutes)[I];

export const preferenceBindings: {
  getMyPreferences: Operation<Route<0>>;
  putMyPreferences: Operation<Route<1>>;
} = {
  getMyPreferences: bind(getMyPreferences, { input: () => undefined, reply: ok }),
  putMyPreferences: bind(putMyPreferences, { input: (req) => req.body, reply: ok }),
};
