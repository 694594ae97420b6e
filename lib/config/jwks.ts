import type { PrivateRsaJwk } from "./build";

/** The public half of each key, once per kid: never d, p, q or the other private parameters. */
export function publicJwks(keys: PrivateRsaJwk[]) {
  const seen = new Set<string>();
  return {
    keys: keys.filter((key) => !seen.has(key.kid) && Boolean(seen.add(key.kid))).map(({ kty, kid, n, e }) => ({ kty, kid, n, e, alg: "RS512", use: "sig" })),
  };
}
