import "server-only";
import { randomUUID } from "node:crypto";
import type { NhsWebsitePage, NhsWebsitePageKind, PageLookup } from "@/lib/nhs/website-content/client";
import { medicinePageFor, vaccinationPageFor } from "@/lib/nhs/website-content/medicine-pages";
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
