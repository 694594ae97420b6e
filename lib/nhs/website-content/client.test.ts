import { describe, expect, it } from "vitest";
import { gp, standInClient } from "../testing/stand-in-client";
import { CACHE_MILLISECONDS, WebsiteContentClient } from "./client";
import { medicinePageFor } from "./medicine-pages";

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
});
