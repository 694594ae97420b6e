import { afterAll, describe, expect, it } from "vitest";
import { NHS_APIS } from "../../lib/nhs/catalogue";
import { buildTestSandbox, getJson, listeningTestSandbox, TEST_API_KEY, testSandboxPerFile } from "../testing/support";
import type { Sandbox } from "../server";

const BASE = NHS_APIS["website-content"].basePath;
const sandbox = testSandboxPerFile();

describe("stand-in NHS Website Content API", () => {
  it("serves the NHS sandbox's medicines and conditions and the demo patients' medicines, with the attribution and review dates", async () => {
    for (const path of [
      "/medicines/aciclovir/",
      "/medicines/acrivastine",
      "/medicines/zopiclone/?modules=true",
      "/conditions/acne/",
      "/conditions/achalasia/",
      "/medicines/metformin/",
    ]) {
      const { status, body } = await getJson(sandbox, `${BASE}${path}`);
      expect(status, path).toBe(200);
      expect(body.author.logo).toBe("https://assets.nhs.uk/nhsuk-cms/images/nhs-attribution.width-510.png");
      expect(body.webpage).toMatch(/^https:\/\/www\.nhs\.uk\/(medicines|conditions)\/[a-z-]+\/$/);
      expect(body.lastReviewed).toHaveLength(2);
      expect(body.hasPart.length).toBeGreaterThan(0);
    }
  });

  it("serves the NHS services page every referral shows, and the tests and treatments some specialties show, their content in mainEntityOfPage", async () => {
    const hub = await getJson(sandbox, `${BASE}/nhs-services/hospitals/referrals-for-specialist-care/`);
    expect(hub.status).toBe(200);
    expect(hub.body).toMatchObject({ "@type": "WebPage", hasPart: [], webpage: "https://www.nhs.uk/nhs-services/hospitals/referrals-for-specialist-care/" });
    expect(hub.body.mainEntityOfPage[0].hasPart.length).toBeGreaterThan(1);
    const physiotherapy = await getJson(sandbox, `${BASE}/conditions/physiotherapy`);
    expect(physiotherapy.body).toMatchObject({ hasPart: [], webpage: "https://www.nhs.uk/tests-and-treatments/physiotherapy/" });
    // tests and treatments are not conditions: the conditions A to Z leaves them out
    const listing = await getJson(sandbox, `${BASE}/conditions/?category=p`);
    expect(listing.body.significantLink.map((link: { name: string }) => link.name)).not.toContain("Physiotherapy");
    expect((await getJson(sandbox, `${BASE}/nhs-services/hospitals/no-such-page/`)).status).toBe(404);
  });

  it("answers 404 with the API's own error body for a page it does not have", async () => {
    const { status, body } = await getJson(sandbox, `${BASE}/medicines/no-such-medicine/`);
    expect(status).toBe(404);
    expect(body).toEqual({ statusCode: 404, message: "Resource not found" });
  });

  it("lists the A to Z by letter", async () => {
    const { body } = await getJson(sandbox, `${BASE}/conditions/?category=z`);
    expect(body.significantLink.map((link: { name: string }) => link.name)).toEqual(["Zika virus"]);
  });
});

describe("stand-in NHS Website Content API in integration mode and under its rate limit", () => {
  let integration: Sandbox | undefined;
  afterAll(() => integration?.app.close());

  it("refuses a request without the apikey header, and answers one with it", async () => {
    integration = await buildTestSandbox({ mode: "integration" });
    const without = await integration.app.inject({ method: "GET", url: `${BASE}/medicines/metformin/` });
    expect(without.statusCode).toBe(401);
    const withKey = await integration.app.inject({ method: "GET", url: `${BASE}/medicines/metformin/`, headers: { apikey: TEST_API_KEY } });
    expect(withKey.statusCode).toBe(200);
  });

  it("answers 429 beyond its documented rate when the rate-limit fault is on", async () => {
    const { sandbox: listening, origin } = await listeningTestSandbox();
    try {
      listening.faults.set({ target: "website-content", kind: "rate-limit" });
      const statuses = [];
      for (let index = 0; index < 3; index++) statuses.push((await fetch(`${origin}${BASE}/conditions/acne/`)).status);
      expect(statuses).toEqual([200, 200, 429]);
    } finally {
      await listening.app.close();
    }
  });
});
