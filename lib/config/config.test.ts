import { describe, expect, it } from "vitest";
import { ConfigurationError, parseAppSettings } from "./schema";

describe("app settings", () => {
  it("defaults every API to the local stand-in", () => {
    const settings = parseAppSettings({});
    expect(settings.PDS_BASE_URL).toBe("http://localhost:9000/personal-demographics/FHIR/R4");
    expect(settings.CIS2_ISSUER).toBe(
      "http://localhost:9000/openam/oauth2/realms/root/realms/NHSIdentity/realms/Healthcare",
    );
  });

  it("takes an NHS environment's full base path, without a trailing slash", () => {
    const settings = parseAppSettings({ PDS_BASE_URL: "https://sandbox.api.service.nhs.uk/personal-demographics/FHIR/R4/" });
    expect(settings.PDS_BASE_URL).toBe("https://sandbox.api.service.nhs.uk/personal-demographics/FHIR/R4");
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

  it("refuses a short session secret", () => {
    expect(() => parseAppSettings({ SESSION_SECRET: "too-short" })).toThrow(/SESSION_SECRET/);
  });
});
