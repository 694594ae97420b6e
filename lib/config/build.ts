import { existsSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { z } from "zod";
import { ConfigurationError, parseAppSettings, type AppSettings } from "./schema";

export { CIS2_REALM_PATH, ConfigurationError } from "./schema";
export type { AppSettings } from "./schema";

const privateRsaJwkSchema = z.object({
  kty: z.literal("RSA"),
  kid: z.string().min(1),
  n: z.string().min(1),
  e: z.string().min(1),
  d: z.string().min(1),
  p: z.string().optional(),
  q: z.string().optional(),
  dp: z.string().optional(),
  dq: z.string().optional(),
  qi: z.string().optional(),
  alg: z.string().optional(),
  use: z.string().optional(),
});

export type PrivateRsaJwk = z.infer<typeof privateRsaJwkSchema>;

export interface AppConfig extends AppSettings {
  sessionSecret: string;
  cis2ClientPrivateJwk: PrivateRsaJwk;
  dataDir: string;
}

function readLocalSecret(settings: AppSettings, file: string, settingName: string): string {
  const path = resolve(settings.LOCAL_SECRETS_DIR, file);
  if (!existsSync(path)) {
    throw new ConfigurationError([
      `${settingName}: not set, and no generated value at ${path} (run "npm run prepare-local" for a local demo)`,
    ]);
  }
  return readFileSync(path, "utf8").trim();
}

export function buildAppConfig(env: Record<string, string | undefined>): AppConfig {
  const settings = parseAppSettings(env);
  const sessionSecret = settings.SESSION_SECRET ?? readLocalSecret(settings, "session-secret", "SESSION_SECRET");
  if (sessionSecret.length < 32) {
    throw new ConfigurationError(["SESSION_SECRET: must be at least 32 characters"]);
  }
  const jwkText =
    settings.CIS2_CLIENT_PRIVATE_JWK ??
    readLocalSecret(settings, join("keys", "cis2-client.private.jwk.json"), "CIS2_CLIENT_PRIVATE_JWK");
  let jwkJson: unknown;
  try {
    jwkJson = JSON.parse(jwkText);
  } catch {
    throw new ConfigurationError(["CIS2_CLIENT_PRIVATE_JWK: is not JSON (expected a private RSA JWK with a kid)"]);
  }
  const jwk = privateRsaJwkSchema.safeParse(jwkJson);
  if (!jwk.success) {
    throw new ConfigurationError(["CIS2_CLIENT_PRIVATE_JWK: is not a private RSA JWK with a kid"]);
  }
  return { ...settings, sessionSecret, cis2ClientPrivateJwk: jwk.data, dataDir: resolve(settings.APP_DATA_DIR) };
}

