/**
 * The web UI's deployment settings (`config.json` beside index.html), one schema for both sides:
 * the CDK stack writes it (infra/stack.ts) and the UI reads it (web/src/config.ts), so one build
 * serves the local platform (dev sign-in, same-origin API) and AWS (Cognito, API on its own domain).
 */
import * as z from 'zod';

const WebConfigSchema = z
  .object({
    /** Base URL of the API without a trailing slash; '' = same origin. */
    apiBase: z.string().default(''),
    auth: z.enum(['dev', 'cognito']).default('dev'),
    cognito: z
      .object({
        /** Hosted sign-in domain, e.g. https://cop-review-1234.auth.eu-west-1.amazoncognito.com */
        domain: z.url(),
        clientId: z.string().min(1),
        /** Where the hosted sign-in sends people back (a callback URL of the app client). */
        redirectUri: z.url().optional(),
        scopes: z.array(z.string()).default(['openid', 'email', 'profile']),
      })
      .optional(),
  })
  .refine((c) => c.auth !== 'cognito' || c.cognito, {
    message: 'auth "cognito" needs a "cognito" block (domain, clientId)',
    path: ['cognito'],
  });
export type WebConfig = z.infer<typeof WebConfigSchema>;
/** What the stack writes (defaults may be left out). */
export type WebConfigInput = z.input<typeof WebConfigSchema>;

/** Parses config.json; a broken file fails loudly, naming each field, rather than half-working. */
export const parseWebConfig = (json: unknown): WebConfig => {
  const parsed = WebConfigSchema.safeParse(json);
  if (!parsed.success)
    throw new Error(
      `config.json: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`,
    );
  return { ...parsed.data, apiBase: parsed.data.apiBase.replace(/\/+$/, '') };
};
