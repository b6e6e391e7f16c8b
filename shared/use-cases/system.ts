/** Liveness: the service answers, and says which version it runs. */
export const VERSION = '0.1.0';

export const health = async (): Promise<{ status: 'ok'; version: string }> => ({
  status: 'ok',
  version: VERSION,
});
