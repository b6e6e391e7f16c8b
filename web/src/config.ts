/**
 * Deployment settings read from `config.json` beside index.html, so one build serves the local
 * platform (dev sign-in, same-origin API) and AWS (Cognito hosted UI, API on its own domain).
 */
import * as z from 'zod';

const WebConfigSchema = z.object({
  /** Base URL of the API without a trailing slash; '' = same origin. */
  apiBase: z.string().default(''),
  auth: z.enum(['dev', 'cognito']).default('dev'),
  cognito: z
    .object({
      /** Hosted UI domain, e.g. https://cop-review.auth.eu-west-1.amazoncognito.com */
      domain: z.url(),
      clientId: z.string().min(1),
      /** Where the hosted UI sends people back (this page); default: the page's own URL. */
      redirectUri: z.url().optional(),
      scopes: z.array(z.string()).default(['openid', 'email', 'profile']),
    })
    .optional(),
});
export type WebConfig = z.infer<typeof WebConfigSchema>;

/** Loads and validates config.json; a broken file fails loudly rather than half-working. */
export const loadConfig = async (): Promise<WebConfig> => {
  const res = await fetch(new URL('config.json', document.baseURI), { cache: 'no-cache' });
  if (!res.ok) return WebConfigSchema.parse({});
  const parsed = WebConfigSchema.safeParse(await res.json());
  if (!parsed.success) {
    throw new Error(
      `config.json: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`,
    );
  }
  if (parsed.data.auth === 'cognito' && !parsed.data.cognito) {
    throw new Error('config.json: auth "cognito" needs a "cognito" block (domain, clientId)');
  }
  return { ...parsed.data, apiBase: parsed.data.apiBase.replace(/\/+$/, '') };
};
