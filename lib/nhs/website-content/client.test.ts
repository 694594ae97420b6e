import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { nhsSpecsDir } from "@/sandbox/contract/specs";
import { gp, standInClient } from "../testing/stand-in-client";
import { NhsApiClient } from "../transport/client";
import { CACHE_MILLISECONDS, WebsiteContentClient } from "./client";
import { medicinePageFor } from "./medicine-pages";
import { REFERRAL_PAGE, SPECIALTY_PAGES, specialtyPageFor } from "./referral-pages";

const standIn = standInClient();
const TEXT = { leaves: "(NHS website)" };

function client(now: () => number = Date.now) {
  const calls: string[] = [];
  const fetchImpl = ((input: RequestInfo | URL, init?: RequestInit) => {
    calls.push(String(input));
    return standIn.fetch(input, init);
  }) as typeof fetch;
  const nhs = standIn.nhs();
  (nhs as unknown as { settings: { fetchImpl: typeof fetch } }).settings.fetchImpl = fetchImpl;
  return { calls, pages: new WebsiteContentClient(nhs, standIn.baseUrl("website-content"), TEXT, now) };
}

describe("NHS website content client", () => {
  it("reads a medicine page: its sections, the attribution, the source page and when it was last reviewed", async () => {
    const { pages } = client();
    const answer = await pages.page("medicines", "metformin", gp);
    expect(answer.kind).toBe("found");
    if (answer.kind !== "found") return;
    expect(answer.page).toMatchObject({
      title: "Metformin",
      sourceUrl: "https://www.nhs.uk/medicines/metformin/",
      lastReviewed: "2025-01-06",
      nextReview: "2028-01-06",
      attributionLogo: "https://assets.nhs.uk/nhsuk-cms/images/nhs-attribution.width-510.png",
    });
    expect(answer.page.sections.map((section) => section.aspect)).toEqual([
      "OverviewHealthAspect",
      "UsageOrScheduleHealthAspect",
      "SideEffectsHealthAspect",
      "InteractionsHealthAspect",
    ]);
    // links leave the service, marked as such; NHS.UK's own paths become its full addresses
    const interactions = answer.page.sections[3]!.html;
    expect(interactions).toContain('href="https://www.nhs.uk/medicines/"');
    expect(interactions).toContain('rel="external noopener noreferrer"');
    expect(interactions).toContain('<span class="nhsuk-u-visually-hidden"> (NHS website)</span>');
  });

  it("passes on no script, style, event attribute, image, frame or javascript: link from a page", async () => {
    const { pages } = client();
    const answer = await pages.page("medicines", "zopiclone", gp);
    if (answer.kind !== "found") throw new Error(answer.kind);
    const html = answer.page.sections[0]!.html;
    expect(html).toContain("Zopiclone is a sleeping tablet.");
    expect(html).not.toMatch(/<script|<style|<img|<iframe|onclick|onerror|style=|javascript:|injected/i);
    expect(html).toContain('href="https://www.nhs.uk/conditions/insomnia/"');
  });

  it("a page the NHS website does not have is not found, and an unsafe name is never sent", async () => {
    const { pages, calls } = client();
    expect(await pages.page("medicines", "no-such-medicine", gp)).toEqual({ kind: "not-found" });
    expect(await pages.page("medicines", "../../etc", gp)).toEqual({ kind: "not-found" });
    expect(calls).toHaveLength(1);
  });

  it("caches each page for a day at most (the API's terms allow 7), keyed by page alone", async () => {
    let now = Date.parse("2026-11-29T09:00:00Z");
    const { pages, calls } = client(() => now);
    await pages.page("conditions", "acne", gp);
    await pages.page("conditions", "acne", { ...gp, endUserOrganisationOds: "Y23456", correlationId: "another" });
    expect(calls).toHaveLength(1);
    now += CACHE_MILLISECONDS;
    await pages.page("conditions", "acne", gp);
    expect(calls).toHaveLength(2);
    expect(CACHE_MILLISECONDS).toBeLessThanOrEqual(7 * 24 * 60 * 60 * 1000);
  });

  it("reads a vaccination page (an operation the published spec leaves out; the service has it)", async () => {
    const answer = await client().pages.page("vaccinations", "flu-vaccine", gp);
    expect(answer.kind === "found" && answer.page.sourceUrl).toBe("https://www.nhs.uk/vaccinations/flu-vaccine/");
  });

  it("lists the A to Z's conditions for a letter", async () => {
    const { pages } = client();
    const answer = await pages.listing("conditions", "A", gp);
    expect(answer.kind === "found" && answer.links.map((link) => link.slug)).toEqual(["acne", "achalasia", "acanthosis-nigricans", "asthma"]);
  });

  it("maps dm+d names to pages only where curated: a medicine with no page says so", () => {
    expect(medicinePageFor("Metformin 500mg  tablets")).toBe("metformin");
    expect(medicinePageFor("Paracetamol 250mg/5ml oral suspension sugar free")).toBe("paracetamol-for-children");
    expect(medicinePageFor("Glucose 4g chewable tablets")).toBeNull();
    expect(medicinePageFor("Paracetamol 500mg tablets")).toBeNull();
  });

  it("reads an NHS services page, whose content is in mainEntityOfPage: its opening without a headline, then a section per headline", async () => {
    const { pages, calls } = client();
    const answer = await pages.page(REFERRAL_PAGE.kind, REFERRAL_PAGE.slug, gp);
    if (answer.kind !== "found") throw new Error(answer.kind);
    expect(calls[0]).toMatch(/\/nhs-services\/hospitals\/referrals-for-specialist-care\/$/);
    expect(answer.page).toMatchObject({
      title: "Referrals for specialist care",
      sourceUrl: "https://www.nhs.uk/nhs-services/hospitals/referrals-for-specialist-care/",
      lastReviewed: "2024-09-10",
    });
    expect(answer.page.sections.map((section) => section.headline)).toEqual([
      "",
      "Choosing where to go",
      "Booking your appointment",
      "If you do not hear anything",
    ]);
    expect(answer.page.sections[3]!.html).toContain('rel="external noopener noreferrer"');
  });

  it("reads the NHS sandbox's own NHS services and tests-and-treatments answers in the same way (their shape, read from the specs folder)", async () => {
    const responses = join(nhsSpecsDir(), "website-content/sandbox/responses");
    for (const [file, kind, slug, headline] of [
      ["nhs-services-gps-how-to-register-with-a-gp-surgery-no-params.json", "hospitals", "how-to-register", "How it works"],
      ["conditions-angiography-no-params.json", "conditions", "angiography", "Why angiography is used"],
    ] as const) {
      const body = readFileSync(join(responses, file), "utf8");
      const fetchImpl = (async () => new Response(body, { status: 200, headers: { "content-type": "application/json" } })) as typeof fetch;
      const nhs = new NhsApiClient({ timeoutMs: 2000, maxReadRetries: 0, maxRetryAfterSeconds: 1, fetchImpl });
      const answer = await new WebsiteContentClient(nhs, "https://nhs.invalid/nhs-website-content", TEXT).page(kind, slug, gp);
      if (answer.kind !== "found") throw new Error(`${file}: ${answer.kind}`);
      expect(answer.page.sections[0]!.headline, file).toBe("");
      expect(
        answer.page.sections.map((section) => section.headline),
        file,
      ).toContain(headline);
      expect(answer.page.sourceUrl, file).toMatch(/^https:\/\/www\.nhs\.uk\//);
      for (const section of answer.page.sections) expect(section.html, file).not.toMatch(/<script|<img|onclick|style=/i);
    }
  });

  it("maps only a handful of e-RS specialties to an NHS.UK page, each with its reason; any other has none, never a guess", async () => {
    expect(Object.keys(SPECIALTY_PAGES).length).toBeLessThanOrEqual(5);
    for (const page of Object.values(SPECIALTY_PAGES)) expect(page.reason.length).toBeGreaterThan(40);
    expect(specialtyPageFor("PHYSIOTHERAPY")?.slug).toBe("physiotherapy");
    expect(specialtyPageFor("AUDIOLOGY")?.slug).toBe("hearing-tests");
    for (const code of ["CARDIOLOGY", "DERMATOLOGY", "ENT", "physiotherapy", "toString", "__proto__", "", null])
      expect(specialtyPageFor(code), String(code)).toBeNull();
    // every page named is one the stand-in serves, read as the referral page reads it
    const { pages } = client();
    for (const page of [REFERRAL_PAGE, ...Object.values(SPECIALTY_PAGES)]) {
      const answer = await pages.page(page.kind, page.slug, gp);
      expect(answer.kind === "found" && answer.page.sections.length, page.slug).toBeGreaterThan(1);
      if (page.kind === "conditions") expect(answer.kind === "found" && answer.page.sourceUrl).toBe(`https://www.nhs.uk/tests-and-treatments/${page.slug}/`);
    }
  });
});
