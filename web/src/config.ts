/**
 * Deployment settings read from `config.json` beside index.html, with the schema the CDK stack
 * writes it with (shared/web-config.ts).
 */
import { parseWebConfig, type WebConfig } from '#shared/web-config.ts';

export type { WebConfig };

export const loadConfig = async (): Promise<WebConfig> => {
  const res = await fetch(new URL('config.json', document.baseURI), { cache: 'no-cache' });
  return parseWebConfig(res.ok ? await res.json() : {});
};
