import "server-only";
import { z } from "zod";
import type { NhsApiClient, NhsCallContext, NhsFailure } from "../transport/client";
import { NHS_WEBSITE_ORIGIN, sanitiseNhsWebsiteHtml, type LeavingLinkText } from "./sanitise";

/** The kinds of NHS.UK page this service shows, each an endpoint of the API. */
export type NhsWebsitePageKind = "medicines" | "conditions" | "vaccinations";

const section = z.object({
  hasHealthAspect: z.string().optional(),
  headline: z.string().optional(),
  description: z.string().optional(),
  text: z.string().optional(),
  hasPart: z.array(z.object({ headline: z.string().optional(), text: z.string().optional() })).optional(),
});

/** A full page (schema.org MedicalWebPage): the shape that carries the attribution and the review dates. */
const pageSchema = z.object({
  name: z.string().min(1),
  description: z.string().optional(),
  webpage: z.string().optional(),
  dateModified: z.string().optional(),
  lastReviewed: z.array(z.string()).optional(),
  author: z.object({ logo: z.string().optional(), url: z.string().optional(), name: z.string().optional() }).optional(),
  hasPart: z.array(section).default([]),
});

/** A listing (the A to Z by first letter): the pages it links to. */
const listingSchema = z.object({
  significantLink: z.array(z.object({ name: z.string(), url: z.string(), description: z.string().optional() })).default([]),
});

export interface NhsWebsiteSection {
  /** The schema.org health aspect, without its prefix: "OverviewHealthAspect", "SideEffectsHealthAspect". */
  aspect: string;
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
  return webpage?.startsWith(`${NHS_WEBSITE_ORIGIN}/`) ? webpage : `${NHS_WEBSITE_ORIGIN}/${kind}/${slug}/`;
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
    sections: body.hasPart.flatMap((part) => {
      const html = [part.text ?? "", ...(part.hasPart ?? []).map((element) => element.text ?? "")].join("");
      const headline = part.headline?.trim();
      if (!headline || !html.trim()) return [];
      return [{ aspect: (part.hasHealthAspect ?? "").replace(/^https?:\/\/schema\.org\//, ""), headline, html: sanitiseNhsWebsiteHtml(html, text) }];
    }),
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
      path: `/${kind}/${slug}/`,
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
