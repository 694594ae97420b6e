import { describe, expect, it } from "vitest";
import { ConfigurationError, parseAppSettings } from "./schema";
import { NHS_APIS } from "../nhs/catalogue";

describe("app settings", () => {
  it("defaults every API to the local stand-in", () => {
    const settings = parseAppSettings({});
    expect(settings.PDS_BASE_URL).toBe(`http://localhost:9000${NHS_APIS.pds.basePath}`);
    expect(settings.CIS2_ISSUER).toBe("http://localhost:9000/openam/oauth2/realms/root/realms/NHSIdentity/realms/Healthcare");
  });

  it("takes an NHS environment's full base path, without a trailing slash", () => {
    const settings = parseAppSettings({ PDS_BASE_URL: `https://sandbox.api.service.nhs.uk${NHS_APIS.pds.basePath}/` });
    expect(settings.PDS_BASE_URL).toBe(`https://sandbox.api.service.nhs.uk${NHS_APIS.pds.basePath}`);
  });

  it("names each wrong setting", () => {
    try {
      parseAppSettings({ PDS_BASE_URL: "not a url", NHS_API_TIMEOUT_MS: "-5", LOG_LEVEL: "loud" });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigurationError);
      const message = (error as Error).message;
      expect(message).toContain("PDS_BASE_URL");
      expect(message).toContain("NHS_API_TIMEOUT_MS");
      expect(message).toContain("LOG_LEVEL");
    }
  });

  it("takes a postgres:// DATABASE_URL and refuses anything else, naming the setting (issue 17)", () => {
    expect(parseAppSettings({}).DATABASE_URL).toBeUndefined();
    expect(parseAppSettings({ DATABASE_URL: "postgres://app@db.example.nhs.uk:5432/crv" }).DATABASE_URL).toBe("postgres://app@db.example.nhs.uk:5432/crv");
    expect(() => parseAppSettings({ DATABASE_URL: "mysql://app@db/crv" })).toThrow(/DATABASE_URL: must be a postgres:\/\/ URL/);
    expect(() => parseAppSettings({ DATABASE_URL: "db.example.nhs.uk" })).toThrow(/DATABASE_URL/);
  });

  it("refuses a short session secret", () => {
    expect(() => parseAppSettings({ SESSION_SECRET: "too-short" })).toThrow(/SESSION_SECRET/);
  });

  it("session encryption keys: kid:base64 of 32 bytes, the first sealing; anything else is named (issue 17)", () => {
    const key = Buffer.alloc(32, 7).toString("base64");
    const keys = parseAppSettings({ SESSION_ENCRYPTION_KEYS: `2026-11:${key}, 2026-10:${key}` }).SESSION_ENCRYPTION_KEYS;
    expect(keys?.map(({ kid, key }) => [kid, key.length])).toEqual([
      ["2026-11", 32],
      ["2026-10", 32],
    ]);
    expect(parseAppSettings({}).SESSION_ENCRYPTION_KEYS).toBeUndefined();
    expect(() => parseAppSettings({ SESSION_ENCRYPTION_KEYS: `2026-11:${Buffer.alloc(16).toString("base64")}` })).toThrow(
      /SESSION_ENCRYPTION_KEYS: each key is kid:base64/,
    );
    expect(() => parseAppSettings({ SESSION_ENCRYPTION_KEYS: key })).toThrow(/SESSION_ENCRYPTION_KEYS/);
  });

  it("who may sign in and who reviews the audit: read, and a wrong value named (issue 18 item 1)", () => {
    const settings = parseAppSettings({
      ALLOWED_ORG_CODES: "Y12345, RX9",
      AUDIT_REVIEWER_ROLE_IDS: "555254240100",
      AUDIT_REVIEW_ORGANISATIONS: '{"555254240100": ["Y12345", "Y23456"]}',
    });
    expect(settings.ALLOWED_ORG_CODES).toEqual(["Y12345", "RX9"]);
    expect(settings.AUDIT_REVIEWER_ROLE_IDS).toEqual(["555254240100"]);
    expect(settings.AUDIT_REVIEW_ORGANISATIONS).toEqual({ "555254240100": ["Y12345", "Y23456"] });
    expect(parseAppSettings({}).ALLOWED_ORG_CODES).toBeNull();
    expect(() => parseAppSettings({ ALLOWED_ORG_CODES: "y12345;RX9" })).toThrow(/ALLOWED_ORG_CODES/);
    expect(() => parseAppSettings({ AUDIT_REVIEWER_ROLE_IDS: "Grace" })).toThrow(/AUDIT_REVIEWER_ROLE_IDS/);
    expect(() => parseAppSettings({ AUDIT_REVIEW_ORGANISATIONS: "555254240100=Y12345" })).toThrow(/AUDIT_REVIEW_ORGANISATIONS: must be JSON/);
    expect(() => parseAppSettings({ AUDIT_REVIEW_ORGANISATIONS: '{"555254240100": "Y12345"}' })).toThrow(/AUDIT_REVIEW_ORGANISATIONS/);
  });
});

/** Outside local, where documents and attachments may be fetched from must be given (issue 18 item 12). */
const DOCUMENT_ORIGINS = {
  NRL_DOCUMENT_ORIGINS: "https://documents.example.nhs.uk",
  ERS_ATTACHMENT_ORIGINS: "https://ers-attachments.example.nhs.uk",
  // with int the audit chain's key must be set too
  AUDIT_CHAIN_KEYS: `audit-2026-11:${Buffer.alloc(32, 1).toString("base64")}`,
};

describe("environment profiles", () => {
  it("document origins: the stand-in locally; outside it they must be set, and https (a loopback stand-in aside)", () => {
    expect(parseAppSettings({}).NRL_DOCUMENT_ORIGINS).toEqual(["http://localhost:9000"]);
    for (const environment of ["sandbox", "int"]) {
      expect(() => parseAppSettings({ NHS_ENV: environment })).toThrow(/NRL_DOCUMENT_ORIGINS: must be set[\s\S]*|ERS_ATTACHMENT_ORIGINS: must be set/);
      expect(() => parseAppSettings({ NHS_ENV: environment, NRL_DOCUMENT_ORIGINS: "https://documents.example.nhs.uk" })).toThrow(
        /ERS_ATTACHMENT_ORIGINS: must be set/,
      );
      expect(() =>
        parseAppSettings({ NHS_ENV: environment, ...DOCUMENT_ORIGINS, NRL_DOCUMENT_ORIGINS: "https://a.example.nhs.uk,http://b.example.nhs.uk" }),
      ).toThrow(/NRL_DOCUMENT_ORIGINS: http:\/\/b\.example\.nhs\.uk must be https/);
      expect(parseAppSettings({ NHS_ENV: environment, ...DOCUMENT_ORIGINS, ERS_ATTACHMENT_ORIGINS: "http://localhost:9100" }).ERS_ATTACHMENT_ORIGINS).toEqual([
        "http://localhost:9100",
      ]);
    }
    expect(() => parseAppSettings({ NRL_DOCUMENT_ORIGINS: "not a url" })).toThrow(/NRL_DOCUMENT_ORIGINS/);
  });

  it("local (default): every API on the stand-in, no credentials", () => {
    const settings = parseAppSettings({});
    expect(settings.NHS_ENV).toBe("local");
    expect(Object.values(settings.apis).every((api) => api.baseUrl.startsWith("http://localhost:9000/") && api.auth === "none")).toBe(true);
  });

  it("sandbox: the NHS sandbox host for every API, open access, and the mock CIS2 kept local", () => {
    const settings = parseAppSettings({ NHS_ENV: "sandbox", ...DOCUMENT_ORIGINS });
    expect(settings.PDS_BASE_URL).toBe(`https://sandbox.api.service.nhs.uk${NHS_APIS.pds.basePath}`);
    expect(settings.apis.bars).toEqual({ baseUrl: `https://sandbox.api.service.nhs.uk${NHS_APIS.bars.basePath}`, auth: "none" });
    expect(settings.CIS2_ISSUER).toMatch(/^http:\/\/localhost:9000\//);
    // the NHS App API has no NHS sandbox: it stays on the stand-in
    expect(settings.apis["nhs-app"]).toEqual({ baseUrl: "http://localhost:9000/nhs-app", auth: "none" });
    expect(settings.apis["website-content"].baseUrl).toBe("https://sandbox.api.service.nhs.uk/nhs-website-content");
  });

  it("int: the integration host, each API with its platform auth pattern, CIS2 INT, and the platform's token endpoint", () => {
    const settings = parseAppSettings({ NHS_ENV: "int", ...DOCUMENT_ORIGINS });
    expect(Object.fromEntries(Object.entries(settings.apis).map(([api, endpoint]) => [api, endpoint.auth]))).toEqual({
      pds: "cis2-token-exchange",
      scr: "cis2-token-exchange",
      eps: "cis2-token-exchange",
      ers: "cis2-token-exchange",
      bars: "signed-jwt",
      immunisation: "signed-jwt",
      nrl: "signed-jwt",
      "service-search": "api-key",
      ods: "api-key",
      sds: "api-key",
      gpconnect: "none",
      terminology: "client-secret",
      "website-content": "api-key",
      "nhs-app": "signed-jwt",
    });
    expect(settings.apis["nhs-app"].baseUrl).toBe("https://int.api.service.nhs.uk/nhs-app");
    expect(settings.apis.nrl.baseUrl).toBe(`https://int.api.service.nhs.uk${NHS_APIS.nrl.basePath}`);
    // off the API platform, on its own host, with its own authorisation server
    expect(settings.apis.terminology.baseUrl).toBe("https://ontology.nhs.uk/production1/fhir");
    expect(settings.TERMINOLOGY_TOKEN_URL).toBe("https://ontology.nhs.uk/authorisation/auth/realms/nhs-digital-terminology/protocol/openid-connect/token");
    expect(settings.CIS2_ISSUER).toContain("am.nhsint.auth-ptl.cis2.spineservices.nhs.uk");
    expect(settings.APIM_TOKEN_URL).toBe("https://int.api.service.nhs.uk/oauth2/token");
  });

  it("each API can be pointed and authorised on its own, for example an NHS sandbox server run locally", () => {
    const settings = parseAppSettings({ NHS_ENV: "int", ...DOCUMENT_ORIGINS, PDS_BASE_URL: `http://localhost:9100${NHS_APIS.pds.basePath}`, PDS_AUTH: "none" });
    expect(settings.apis.pds).toEqual({ baseUrl: `http://localhost:9100${NHS_APIS.pds.basePath}`, auth: "none" });
    expect(settings.apis.scr.auth).toBe("cis2-token-exchange");
  });

  it("refuses an unknown environment or auth pattern, naming the setting", () => {
    expect(() => parseAppSettings({ NHS_ENV: "prod" })).toThrow(/NHS_ENV/);
    expect(() => parseAppSettings({ BARS_AUTH: "password" })).toThrow(/BARS_AUTH/);
  });
});
