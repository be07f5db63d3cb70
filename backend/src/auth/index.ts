// The auth module's public surface. Test support (test/support/test-issuer.ts) is deliberately not re-exported here, so
// production code cannot reach it through this barrel; suites import it by its path.
export {
  AuthError,
  createAccessTokenVerifier,
  type AccessTokenVerifier,
  type AccessTokenVerifierOptions,
  type AuthErrorReason,
  type VerifiedPrincipal,
} from './verify-access-token.ts';
export { entraKeySet, KEY_SET_CACHE_MAX_AGE_MS, KEY_SET_COOLDOWN_MS } from './entra-jwks.ts';
export { createDemoIssuer, DEMO_CLIENT_APP_ID, type DemoIssuer, type DemoIssuerOptions, type IssueParams } from './demo-issuer.ts';
export { DEFAULT_AUTHORITY_HOST } from './entra-authority.ts';
