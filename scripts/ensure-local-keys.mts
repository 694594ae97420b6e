/**
 * Generates the secrets a local demo needs, once, into .local/ (git-ignored):
 * the session secret, and the key pair the app signs its CIS2 client assertions with
 * (private_key_jwt). The stand-in's mock CIS2 reads only the public half.
 */
import { randomBytes, randomUUID } from "node:crypto";
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { exportJWK, generateKeyPair } from "jose";

const secretsDir = resolve(process.env.LOCAL_SECRETS_DIR ?? ".local");
const keysDir = join(secretsDir, "keys");
mkdirSync(keysDir, { recursive: true, mode: 0o700 });

const sessionSecretPath = join(secretsDir, "session-secret");
if (!existsSync(sessionSecretPath)) {
  writeFileSync(sessionSecretPath, randomBytes(48).toString("base64url"), { mode: 0o600 });
  console.log(`generated ${sessionSecretPath}`);
}

const privatePath = join(keysDir, "cis2-client.private.jwk.json");
const publicPath = join(keysDir, "cis2-client.public.jwks.json");
if (!existsSync(privatePath) || !existsSync(publicPath)) {
  const { privateKey, publicKey } = await generateKeyPair("RS512", { modulusLength: 2048, extractable: true });
  const kid = `local-${randomUUID()}`;
  const privateJwk = { ...(await exportJWK(privateKey)), kid, alg: "RS512", use: "sig" };
  const publicJwk = { ...(await exportJWK(publicKey)), kid, alg: "RS512", use: "sig" };
  writeFileSync(privatePath, JSON.stringify(privateJwk), { mode: 0o600 });
  writeFileSync(publicPath, JSON.stringify({ keys: [publicJwk] }, null, 2), { mode: 0o644 });
  console.log(`generated ${privatePath} and ${publicPath}`);
}
