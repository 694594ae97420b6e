import "server-only";
import { buildAppConfig, type AppConfig } from "./build";

export { buildAppConfig, CIS2_REALM_PATH, ConfigurationError } from "./build";
export type { AppConfig, AppSettings, PrivateRsaJwk } from "./build";

let cached: AppConfig | undefined;

/** The validated configuration, read once per process. */
export function getConfig(): AppConfig {
  cached ??= buildAppConfig(process.env);
  return cached;
}
