import "server-only";
import { z } from "zod";
import type { NhsApiClient, NhsCallContext, NhsFailure } from "../transport/client";
import { NHS_WEBSITE_ORIGIN, sanitiseNhsWebsiteHtml, type LeavingLinkText } from "./sanitise";

/** The kinds of NHS.UK page this service shows, each an endpoint of the API. */
export type NhsWebsitePageKind = "medicines" | "conditions" | "vaccinations" | "hospitals";

/**
 * Where each kind's pages sit, on the API and on www.nhs.uk. "hospitals" is a part of the NHS services hub
 * (nhs-services/hospitals/...), whose pages are about using the NHS rather than a medicine or condition.
 */
export const PAGE_KIND_PATHS: Readonly<Record<NhsWebsitePageKind, string>> = {
  medicines: "medicines",
  conditions: "conditions",
  vaccinations: "vaccinations",
  hospitals: "nhs-services/hospitals",
};

const section = z.object({
  hasHealthAspect: z.string().optional(),
  headline: z.string().optional(),
  description: z.string().optional(),
  text: z.string().optional(),
  hasPart: z.array(z.object({ headline: z.string().optional(), text: z.string().optional() })).optional(),
});

/** An element of a section in mainEntityOfPage: a fragment of HTML, under a headline of its own or none. */
const element = z.object({ headline: z.string().optional(), text: z.string().optional() });
const mainEntitySection = z.object({
  hasHealthAspect: z.string().optional(),
  headline: z.string().optional(),
  hasPart: z.array(element).optional(),
  mainEntityOfPage: z.array(element).optional(),
});

/**
 * A full page (schema.org MedicalWebPage or WebPage): the shape that carries the attribution and the review dates.
 * Medicine and condition pages give their modules in hasPart; NHS services and tests-and-treatments pages give an
 * empty hasPart and their content in mainEntityOfPage, as the API's spec says ("the content of the page can be taken
 * from mainEntityOfPage").
 */
const pageSchema = z.object({
  name: z.string().min(1),
  description: z.string().optional(),
  webpage: z.string().optional(),
  dateModified: z.string().optional(),
  lastReviewed: z.array(z.string()).optional(),
  author: z.object({ logo: z.string().optional(), url: z.string().optional(), name: z.string().optional() }).optional(),
  hasPart: z.array(section).default([]),
  mainEntityOfPage: z.array(mainEntitySection).default([]),
});

/** A listing (the A to Z by first letter): the pages it links to. */
const listingSchema = z.object({
  significantLink: z.array(z.object({ name: z.string(), url: z.string(), description: z.string().optional() })).default([]),
});

export interface NhsWebsiteSection {
  /** The schema.org health aspect, without its prefix: "OverviewHealthAspect", "SideEffectsHealthAspect"; "" if none. */
  aspect: string;
  /** "" for a page's opening text, which NHS.UK gives no headline. */
  headline: string;
  /** Sanitised with the allow-list, links marked as leaving the service. */
  html: string;
}

export interface NhsWebsitePage {
  kind: NhsWebsitePageKind;
  slug: string;
  title: string;
  description: string | null;
  /** The page on www.nhs.uk the content came from, which the attribution links to. */
  sourceUrl: string;
  /** When NHS.UK's clinicians last reviewed it, and when the next review is due (ISO dates), where the page says. */
  lastReviewed: string | null;
  nextReview: string | null;
  dateModified: string | null;
  attributionLogo: string;
  sections: NhsWebsiteSection[];
  /** When this service fetched it from the API (it may come from the cache). */
  fetchedAt: string;
}

export interface NhsWebsiteLink {
  slug: string;
  title: string;
  description: string | null;
}

export type PageLookup = { kind: "found"; page: NhsWebsitePage } | { kind: "not-found" } | { kind: "failed"; failure: NhsFailure };
export type ListingLookup = { kind: "found"; links: NhsWebsiteLink[] } | { kind: "failed"; failure: NhsFailure };

const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
/** The attribution logo NHS.UK names in its terms; a page naming one elsewhere gets this one. */
export const ATTRIBUTION_LOGO = "https://assets.nhs.uk/nhsuk-cms/images/nhs-attribution.width-510.png";

/** The API's terms: cached content is refreshed at least every 7 days. This service refreshes daily. */
export const CACHE_MILLISECONDS = 24 * 60 * 60 * 1000;
/** Pages are keyed by name, which a person can type (a condition search), so the cache is bounded. */
const CACHE_ENTRIES = 500;

export function isPageSlug(slug: string): boolean {
  return slug.length <= 120 && SLUG.test(slug);
}

const dateOnly = (value: string | undefined) => (value && /^\d{4}-\d{2}-\d{2}/.test(value) ? value.slice(0, 10) : null);

function sourceUrlOf(webpage: string | undefined, kind: NhsWebsitePageKind, slug: string): string {
  // the attribution must link to NHS.UK itself: anything else the API names is replaced by the page's own address
  return webpage?.startsWith(`${NHS_WEBSITE_ORIGIN}/`) ? webpage : `${NHS_WEBSITE_ORIGIN}/${PAGE_KIND_PATHS[kind]}/${slug}/`;
}

const aspectOf = (value: string | undefined) => (value ?? "").replace(/^https?:\/\/schema\.org\//, "");
const tidy = (headline: string | undefined) => (headline ?? "").replace(/\u00a0/g, " ").trim();

/** The modules of a medicine or condition page (hasPart), each with a headline. */
function modulesOf(body: z.infer<typeof pageSchema>, text: LeavingLinkText): NhsWebsiteSection[] {
  return body.hasPart.flatMap((part) => {
    const html = [part.text ?? "", ...(part.hasPart ?? []).map((element) => element.text ?? "")].join("");
    const headline = tidy(part.headline);
    if (!headline || !html.trim()) return [];
    return [{ aspect: aspectOf(part.hasHealthAspect), headline, html: sanitiseNhsWebsiteHtml(html, text) }];
  });
}

/**
 * The content of a page that gives it in mainEntityOfPage: a new section at each headline, whether the section's or
 * one of its elements'; text before the first headline is the page's opening, with no headline of its own.
 */
function mainEntityOf(body: z.infer<typeof pageSchema>, text: LeavingLinkText): NhsWebsiteSection[] {
  const sections: Array<{ aspect: string; headline: string; html: string }> = [];
  for (const part of body.mainEntityOfPage) {
    const aspect = aspectOf(part.hasHealthAspect);
    let current = { aspect, headline: tidy(part.headline), html: "" };
    sections.push(current);
    for (const element of part.hasPart ?? part.mainEntityOfPage ?? []) {
      const headline = tidy(element.headline);
      if (headline) {
        current = { aspect, headline, html: "" };
        sections.push(current);
      }
      current.html += element.text ?? "";
    }
  }
  return sections.filter((section) => section.html.trim()).map((section) => ({ ...section, html: sanitiseNhsWebsiteHtml(section.html, text) }));
}

function toPage(body: z.infer<typeof pageSchema>, kind: NhsWebsitePageKind, slug: string, text: LeavingLinkText, fetchedAt: Date): NhsWebsitePage {
  const logo = body.author?.logo;
  return {
    kind,
    slug,
    title: body.name,
    description: body.description?.trim() || null,
    sourceUrl: sourceUrlOf(body.webpage, kind, slug),
    lastReviewed: dateOnly(body.lastReviewed?.[0]),
    nextReview: dateOnly(body.lastReviewed?.[1]),
    dateModified: dateOnly(body.dateModified),
    attributionLogo: logo?.startsWith("https://assets.nhs.uk/") ? logo : ATTRIBUTION_LOGO,
    sections: body.hasPart.length ? modulesOf(body, text) : mainEntityOf(body, text),
    fetchedAt: fetchedAt.toISOString(),
  };
}

/**
 * NHS.UK pages through the Website Content API (API key; no user identity). Pages are reference content, never
 * patient data: they are cached in this process by page for a day (the API's terms allow up to 7), so a page
 * shown beside many patients' medicines is fetched once, and nothing about a patient is ever sent or kept.
 */
export class WebsiteContentClient {
  private readonly cache = new Map<string, { value: PageLookup | ListingLookup; at: number }>();

  constructor(
    private readonly client: NhsApiClient,
    private readonly baseUrl: string,
    private readonly text: LeavingLinkText,
    private readonly now: () => number = Date.now,
  ) {}

  private cached<T extends PageLookup | ListingLookup>(key: string): T | null {
    const hit = this.cache.get(key);
    if (!hit) return null;
    if (this.now() - hit.at >= CACHE_MILLISECONDS) {
      this.cache.delete(key);
      return null;
    }
    // most recently used last, so the oldest is the one dropped when full
    this.cache.delete(key);
    this.cache.set(key, hit);
    return hit.value as T;
  }

  private remember(key: string, value: PageLookup | ListingLookup) {
    this.cache.set(key, { value, at: this.now() });
    while (this.cache.size > CACHE_ENTRIES) this.cache.delete(this.cache.keys().next().value!);
  }

  /** Drops every cached page, as the API's terms require when NHS England asks for a refresh. */
  forget() {
    this.cache.clear();
  }

  async page(kind: NhsWebsitePageKind, slug: string, context: NhsCallContext): Promise<PageLookup> {
    if (!isPageSlug(slug)) return { kind: "not-found" };
    const key = `${kind}/${slug}`;
    const hit = this.cached<PageLookup>(key);
    if (hit) return hit;
    const response = await this.client.call({
      api: "website-content",
      baseUrl: this.baseUrl,
      method: "GET",
      path: `/${PAGE_KIND_PATHS[kind]}/${slug}/`,
      schema: pageSchema,
      context,
    });
    if (response.kind === "ok") {
      const found: PageLookup = { kind: "found", page: toPage(response.body, kind, slug, this.text, response.receivedAt) };
      this.remember(key, found);
      return found;
    }
    if ((response.kind === "http-error" || response.kind === "operation-outcome" || response.kind === "invalid-response") && response.status === 404) {
      this.remember(key, { kind: "not-found" });
      return { kind: "not-found" };
    }
    return { kind: "failed", failure: response };
  }

  /** The A to Z's pages whose names start with a letter (the API's category listing). */
  async listing(kind: "conditions" | "medicines", letter: string, context: NhsCallContext): Promise<ListingLookup> {
    const category = letter.toLowerCase();
    if (!/^[a-z]$/.test(category)) return { kind: "found", links: [] };
    const key = `${kind}?category=${category}`;
    const hit = this.cached<ListingLookup>(key);
    if (hit) return hit;
    const response = await this.client.call({
      api: "website-content",
      baseUrl: this.baseUrl,
      method: "GET",
      path: `/${kind}/`,
      query: new URLSearchParams({ category }),
      schema: listingSchema,
      context,
    });
    if (response.kind !== "ok") return { kind: "failed", failure: response };
    const links = response.body.significantLink.flatMap((link) => {
      const slug = /\/([a-z0-9-]+)\/?$/.exec(link.url)?.[1];
      return slug && isPageSlug(slug) ? [{ slug, title: link.name, description: link.description?.trim() || null }] : [];
    });
    const found: ListingLookup = { kind: "found", links };
    this.remember(key, found);
    return found;
  }
}
