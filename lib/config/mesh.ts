import { accessSync, constants } from "node:fs";
import type { MeshCredentials } from "../nhs/mesh/auth";
import { LOCAL_MESH } from "../nhs/mesh/local";
import type { MeshTls } from "../nhs/mesh/tls-fetch";
import { STAND_IN_ORIGIN } from "./apis";
import { type AppSettings, ConfigurationError } from "./schema";

export const MESH_INT_ORIGIN = "https://msg.intspineservices.nhs.uk";

export interface MeshSettings {
  baseUrl: string;
  credentials: MeshCredentials;
  /** Null only for a plain-http stand-in on this machine. */
  tls: MeshTls | null;
  chunkBytes: number;
  pollMilliseconds: number;
}

function readable(path: string): boolean {
  try {
    accessSync(path, constants.R_OK);
    return true;
  } catch {
    return false;
  }
}

/**
 * MESH's settings resolved for the profile. Outside the local profile MESH is off (summaries to the GP are not
 * offered) until a mailbox is set; once any of it is set, anything missing or unreadable stops start-up, naming the
 * setting.
 */
export function meshSettings(settings: AppSettings): MeshSettings | null {
  const local = settings.NHS_ENV === "local";
  if (!local && !settings.MESH_MAILBOX_ID && !settings.MESH_MAILBOX_PASSWORD && !settings.MESH_SHARED_KEY && !settings.MESH_BASE_URL) return null;
  const baseUrl = settings.MESH_BASE_URL ?? (settings.NHS_ENV === "int" ? MESH_INT_ORIGIN : STAND_IN_ORIGIN);
  const problems: string[] = [];
  const need = (name: "MESH_MAILBOX_ID" | "MESH_MAILBOX_PASSWORD" | "MESH_SHARED_KEY", fallback: string) => {
    const value = settings[name] ?? (local ? fallback : undefined);
    if (!value) problems.push(`${name}: must be set with NHS_ENV=${settings.NHS_ENV} (this service's MESH mailbox)`);
    return value ?? "";
  };
  const credentials = {
    mailboxId: need("MESH_MAILBOX_ID", LOCAL_MESH.mailboxId),
    password: need("MESH_MAILBOX_PASSWORD", LOCAL_MESH.password),
    sharedKey: need("MESH_SHARED_KEY", LOCAL_MESH.sharedKey),
  };
  let tls: MeshTls | null = null;
  if (baseUrl.startsWith("https:")) {
    for (const name of ["MESH_CLIENT_CERT", "MESH_CLIENT_KEY"] as const) {
      const path = settings[name];
      if (!path) problems.push(`${name}: must be set, because MESH_BASE_URL is https (MESH demands a TLS client certificate)`);
      else if (!readable(path)) problems.push(`${name}: ${path} cannot be read`);
    }
    if (settings.MESH_CA_CERT && !readable(settings.MESH_CA_CERT)) problems.push(`MESH_CA_CERT: ${settings.MESH_CA_CERT} cannot be read`);
    tls = { certPath: settings.MESH_CLIENT_CERT ?? "", keyPath: settings.MESH_CLIENT_KEY ?? "", caPath: settings.MESH_CA_CERT ?? null };
  } else if (!local && !/^http:\/\/(localhost|127\.0\.0\.1|\[::1\])(:\d+)?$/.test(baseUrl)) {
    problems.push(`MESH_BASE_URL: ${baseUrl} must be https with NHS_ENV=${settings.NHS_ENV}`);
  }
  if (problems.length) throw new ConfigurationError(problems);
  return {
    baseUrl,
    credentials,
    tls,
    chunkBytes: settings.MESH_CHUNK_MEGABYTES * 1000 * 1000,
    pollMilliseconds: settings.MESH_POLL_SECONDS * 1000,
  };
}
