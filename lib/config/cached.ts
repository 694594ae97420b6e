import { buildAppConfig, type AppConfig } from "./build";

const holder = globalThis as typeof globalThis & { __careRecordViewerConfig?: AppConfig };

/**
 * The validated configuration, read once per process. Apart from lib/config/index.ts (server-only) so that the
 * proxy, which Next does not build as a server component, can read it too.
 */
export function getConfig(): AppConfig {
  holder.__careRecordViewerConfig ??= buildAppConfig(process.env);
  return holder.__careRecordViewerConfig;
}
