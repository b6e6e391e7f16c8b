/**
 * Bundle-time stand-in for `@aws-sdk/credential-provider-node` (an esbuild alias in
 * FUNCTION_BUNDLING). In Lambda the execution role's credentials are always in the environment
 * (AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN), which is the first link of the
 * SDK's default chain; the other links (SSO, ini files, STS web identity, process, IMDS, login)
 * can never answer there, yet they and their nested STS/SSO clients are ~135 KB of every bundle.
 * Only the bundled functions use this; scripts and tests keep the full chain.
 */
export { fromEnv as defaultProvider } from '@aws-sdk/credential-provider-env';
