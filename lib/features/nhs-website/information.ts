import "server-only";
import { randomUUID } from "node:crypto";
import type { NhsWebsiteLink, NhsWebsitePage, NhsWebsitePageKind, PageLookup } from "@/lib/nhs/website-content/client";
import type { NhsFailure } from "@/lib/nhs/transport/client";
import { medicinePageFor, vaccinationPageFor } from "@/lib/nhs/website-content/medicine-pages";
import { REFERRAL_PAGE, specialtyPageFor } from "@/lib/nhs/website-content/referral-pages";
import { services } from "@/lib/server/services";

/** The sections a clinician gives a patient about a medicine: what it is for, how to take it, side effects. */
const MEDICINE_ASPECTS = new Set(["OverviewHealthAspect", "UsageOrScheduleHealthAspect", "SideEffectsHealthAspect"]);

export type Information = { kind: "page"; page: NhsWebsitePage } | { kind: "no-page" } | Exclude<PageLookup, { kind: "found" }>;

/**
 * An NHS.UK page, through the process's cache. The call carries no user or patient: the API is authorised by the
 * application's key alone, and what is asked for is a page name.
 */
export async function nhsWebsitePage(kind: NhsWebsitePageKind, slug: string): Promise<PageLookup> {
  return services().websiteContent.page(kind, slug, { correlationId: randomUUID() });
}

function shown(lookup: PageLookup, aspects: Set<string> | null): Information {
  if (lookup.kind !== "found") return lookup;
  const sections = aspects ? lookup.page.sections.filter((section) => aspects.has(section.aspect)) : lookup.page.sections;
  return { kind: "page", page: { ...lookup.page, sections } };
}

/** NHS.UK's information about a medicine by its dm+d name: what it is for, how to take it, side effects. */
export async function medicineInformation(dmdName: string): Promise<Information & { slug: string | null }> {
  const slug = medicinePageFor(dmdName);
  if (!slug) return { kind: "no-page", slug: null };
  return { ...shown(await nhsWebsitePage("medicines", slug), MEDICINE_ASPECTS), slug };
}

/** NHS.UK's page about a vaccine type. */
export async function vaccinationInformation(vaccineType: string): Promise<Information & { slug: string | null }> {
  const slug = vaccinationPageFor(vaccineType);
  if (!slug) return { kind: "no-page", slug: null };
  return { ...shown(await nhsWebsitePage("vaccinations", slug), null), slug };
}

/** NHS.UK's page on what happens after a referral to a specialist, shown with every referral (see referral-pages.ts). */
export async function referralInformation(): Promise<Information> {
  return shown(await nhsWebsitePage(REFERRAL_PAGE.kind, REFERRAL_PAGE.slug), null);
}

/**
 * NHS.UK's page about the one test or treatment a specialty stands for, by its e-RS code; "no-page" for every
 * specialty not in the curated list, which is most of them. Fetched on its own, so either page can fail alone.
 */
export async function specialtyInformation(specialtyCode: string | null): Promise<Information & { slug: string | null }> {
  const page = specialtyPageFor(specialtyCode);
  if (!page) return { kind: "no-page", slug: null };
  return { ...shown(await nhsWebsitePage(page.kind, page.slug), null), slug: page.slug };
}

export type ConditionMatches = { kind: "found"; links: NhsWebsiteLink[] } | { kind: "failed"; failure: NhsFailure };

/**
 * Conditions whose NHS.UK name matches what was typed: the API cannot be searched, so the A to Z's list for the
 * name's first letter is read (cached by letter) and filtered by the words typed. Nothing typed is sent.
 */
export async function searchConditions(name: string): Promise<ConditionMatches> {
  const listing = await services().websiteContent.listing("conditions", name.charAt(0), { correlationId: randomUUID() });
  if (listing.kind === "failed") return listing;
  const wanted = name.toLowerCase();
  return {
    kind: "found",
    links: listing.links.filter((link) => link.title.toLowerCase().startsWith(wanted) || link.title.toLowerCase().includes(` ${wanted}`)),
  };
}
