import "server-only";

export { buildAppConfig, CIS2_REALM_PATH, ConfigurationError } from "./build";
export type { AppConfig, AppSettings, PrivateRsaJwk } from "./build";

export { getConfig } from "./cached";
