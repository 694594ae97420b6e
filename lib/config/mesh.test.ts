import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { LOCAL_MESH } from "../nhs/mesh/local";
import { meshSettings } from "./mesh";
import { parseAppSettings } from "./schema";

const ORIGINS = { NRL_DOCUMENT_ORIGINS: "https://documents.example.nhs.uk", ERS_ATTACHMENT_ORIGINS: "https://ers.example.nhs.uk" };
const settings = (env: Record<string, string>) => meshSettings(parseAppSettings(env));

describe("MESH settings at start-up", () => {
  it("locally, the stand-in's demo mailbox over plain http", () => {
    expect(settings({})).toMatchObject({
      baseUrl: "http://localhost:9000",
      credentials: LOCAL_MESH,
      tls: null,
      chunkBytes: 20_000_000,
      pollMilliseconds: 300_000,
    });
  });

  it("elsewhere, off until a mailbox is set; then every part is required, and https needs a readable client certificate and key", () => {
    expect(settings({ NHS_ENV: "sandbox", ...ORIGINS })).toBeNull();
    expect(() => settings({ NHS_ENV: "sandbox", ...ORIGINS, MESH_MAILBOX_ID: "X26HC005" })).toThrow(
      /MESH_MAILBOX_PASSWORD: must be set[\s\S]*MESH_SHARED_KEY: must be set/,
    );
    const secrets = { MESH_MAILBOX_ID: "X26HC005", MESH_MAILBOX_PASSWORD: "p", MESH_SHARED_KEY: "k" };
    expect(() => settings({ NHS_ENV: "sandbox", ...ORIGINS, ...secrets, MESH_BASE_URL: "https://msg.example.nhs.uk" })).toThrow(
      /MESH_CLIENT_CERT: must be set[\s\S]*MESH_CLIENT_KEY: must be set/,
    );
    expect(() =>
      settings({
        NHS_ENV: "sandbox",
        ...ORIGINS,
        ...secrets,
        MESH_BASE_URL: "https://m.example.nhs.uk",
        MESH_CLIENT_CERT: "/nowhere.pem",
        MESH_CLIENT_KEY: "/nowhere.key",
      }),
    ).toThrow(/MESH_CLIENT_CERT: \/nowhere.pem cannot be read/);
    const folder = mkdtempSync(join(tmpdir(), "mesh-tls-"));
    for (const file of ["cert.pem", "key.pem"]) writeFileSync(join(folder, file), "-----BEGIN-----");
    expect(
      settings({
        NHS_ENV: "sandbox",
        ...ORIGINS,
        ...secrets,
        MESH_BASE_URL: "https://m.example.nhs.uk",
        MESH_CLIENT_CERT: join(folder, "cert.pem"),
        MESH_CLIENT_KEY: join(folder, "key.pem"),
      }),
    ).toMatchObject({ tls: { certPath: join(folder, "cert.pem"), keyPath: join(folder, "key.pem"), caPath: null } });
    expect(() => settings({ NHS_ENV: "sandbox", ...ORIGINS, ...secrets, MESH_BASE_URL: "http://mesh.example.nhs.uk" })).toThrow(/must be https/);
  });

  it("refuses a mailbox id MESH would not issue", () => {
    expect(() => parseAppSettings({ MESH_MAILBOX_ID: "x26 hc" })).toThrow(/MESH_MAILBOX_ID/);
  });
});
