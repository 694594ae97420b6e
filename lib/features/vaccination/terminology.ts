import "server-only";
import { randomUUID } from "node:crypto";
import { z } from "zod";
import { getConfig } from "@/lib/config";
import { vaccination as content } from "@/lib/content/vaccination";
import { VACCINE_TYPES, type VaccineType } from "@/lib/nhs/immunisation/vaccine-types";
import type { CodedField, Vaccination } from "@/lib/nhs/immunisation/client";
import type { ExpandOutcome } from "@/lib/nhs/terminology/client";
import type { PickList } from "@/lib/nhs/terminology/value-sets";
import { services } from "@/lib/server/services";
import type { VaccinationFormContext } from "./vaccination-form";

/** One choice of a pick-list, as the combobox and the server-rendered list show it. */
export interface PickListOption {
  code: string;
  display: string;
}

export type PickListResult =
  | {
      kind: "found";
      options: PickListOption[];
      /** How many match in all; more than shown means the person should type more. */
      total: number;
      /** From the last release the service saw, because the Terminology Server could not be reached. */
      stale: boolean;
    }
  /** The Terminology Server could not be reached and nothing is held: why, and the reference to quote. */
  | { kind: "unavailable"; reason: string; reference: string };

/** How many choices a type-ahead shows. */
const TYPE_AHEAD = 20;
/** Enough for a whole list without typing: every product of a type, every site, every route. */
const WHOLE_LIST = 200;
const MAX_FILTER = 60;

/** Terminology calls carry no user or patient: only a correlation ID for the logs. */
const terminologyContext = () => ({ correlationId: randomUUID() });

function pickListResult(outcome: ExpandOutcome): PickListResult {
  if (outcome.kind === "found") return { kind: "found", options: outcome.concepts, total: outcome.total, stale: outcome.stale };
  return { kind: "unavailable", reason: content.errors.listUnavailable, reference: outcome.failure.requestId };
}

/** Typed text as a filter: trimmed, inner spaces single, cut to a sane length, and only what a term can hold. */
function filterOf(text: string): string {
  return text
    .replace(/[^\p{L}\p{N} .,/()+-]/gu, " ")
    .replace(/\s+/g, " ")
    .trim()
    .slice(0, MAX_FILTER);
}

async function search(list: PickList, text: string, count: number): Promise<PickListResult> {
  return pickListResult(await services().terminology.expand(list, filterOf(text), terminologyContext(), count));
}

/** The products of one vaccine type whose names match what was typed (every word starts a word of the name): for the combobox. */
export function searchVaccineProducts(vaccineType: VaccineType, text: string): Promise<PickListResult> {
  return search({ kind: "products", vaccineType }, text, TYPE_AHEAD);
}

export function searchVaccinationSites(text: string): Promise<PickListResult> {
  return search({ kind: "sites" }, text, TYPE_AHEAD);
}

export function searchVaccinationRoutes(text: string): Promise<PickListResult> {
  return search({ kind: "routes" }, text, TYPE_AHEAD);
}

/** What the combobox asks for: which list, the vaccine type for products, and what was typed. */
export const pickListQuerySchema = z.discriminatedUnion("list", [
  z.object({ list: z.literal("products"), type: z.enum(VACCINE_TYPES), text: z.string().max(200).default("") }),
  z.object({ list: z.literal("sites"), text: z.string().max(200).default("") }),
  z.object({ list: z.literal("routes"), text: z.string().max(200).default("") }),
]);
export type PickListQuery = z.infer<typeof pickListQuerySchema>;

/** The combobox's search: the matching choices of one list, as the route handler returns them. */
export function searchPickList(query: PickListQuery): Promise<PickListResult> {
  switch (query.list) {
    case "products":
      return searchVaccineProducts(query.type, query.text);
    case "sites":
      return searchVaccinationSites(query.text);
    case "routes":
      return searchVaccinationRoutes(query.text);
    default: {
      const unhandled: never = query;
      return unhandled;
    }
  }
}

/** Every product of a type, for the server-rendered list a browser without JavaScript gets. */
export function vaccineProductList(vaccineType: VaccineType): Promise<PickListResult> {
  return search({ kind: "products", vaccineType }, "", WHOLE_LIST);
}

export function vaccinationSiteList(): Promise<PickListResult> {
  return search({ kind: "sites" }, "", WHOLE_LIST);
}

export function vaccinationRouteList(): Promise<PickListResult> {
  return search({ kind: "routes" }, "", WHOLE_LIST);
}

/**
 * The SNOMED CT preferred term of a code, for a coded item that arrived with no text of its own; null when it is
 * not a concept or the Terminology Server cannot say. The source's own text, when it has some, stays primary.
 */
export async function snomedPreferredTerm(code: string): Promise<string | null> {
  const outcome = await services().terminology.lookup(code, terminologyContext());
  return outcome.kind === "found" ? outcome.display : null;
}

/** How long a tab waits for names of coded items before it shows what it has: the codes, said to be unnamed. */
const TERM_LOOKUP_WAIT_MS = 2_000;

/**
 * Vaccinations whose product, site or route came as a SNOMED CT code with no text get the concept's preferred term,
 * marked as looked up; each code asked once. The source's own text is never replaced. Past the wait, or with the
 * Terminology Server down, an item keeps its code and is shown as not named.
 */
export async function withPreferredTerms(vaccinations: Vaccination[]): Promise<Vaccination[]> {
  const codes = [...new Set(vaccinations.flatMap((vaccination) => Object.values(vaccination.uncodedTerms)))];
  if (codes.length === 0) return vaccinations;
  const terms = new Map<string, string>();
  const lookups = Promise.all(
    codes.map(async (code) => {
      const term = await snomedPreferredTerm(code);
      if (term) terms.set(code, term);
    }),
  );
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([lookups, new Promise((resolve) => (timer = setTimeout(resolve, TERM_LOOKUP_WAIT_MS)))]);
  clearTimeout(timer);
  return vaccinations.map((vaccination) => {
    const named = (Object.entries(vaccination.uncodedTerms) as Array<[CodedField, string]>).filter(([, code]) => terms.has(code));
    if (named.length === 0) return vaccination;
    const updated: Vaccination = { ...vaccination, termsLookedUp: named.map(([field]) => field) };
    for (const [field, code] of named) updated[field] = terms.get(code)!;
    return updated;
  });
}

/** The vaccine types this service records: its settings' (as NHS England granted the application), else all. */
export function recordableVaccineTypes(): readonly VaccineType[] {
  return getConfig().IMMUNISATION_RECORD_TYPES ?? VACCINE_TYPES;
}

const asMap = (result: PickListResult) => (result.kind === "found" ? new Map(result.options.map((option) => [option.code, option.display])) : null);

/**
 * What the vaccination form's checks need beyond what was typed: the lists from the Terminology Server (the chosen
 * type's products: a product of another type, even posted directly, is refused), the patient's dates, the time.
 */
export async function vaccinationFormContext(
  chosenType: string | undefined,
  patient: { birthDate: string | null; deathDate: string | null },
  now = new Date(),
): Promise<VaccinationFormContext> {
  const type = VACCINE_TYPES.find((candidate) => candidate === chosenType);
  const [products, sites, routes] = await Promise.all([type ? vaccineProductList(type) : null, vaccinationSiteList(), vaccinationRouteList()]);
  return {
    now,
    recordableTypes: recordableVaccineTypes(),
    patient,
    products: products ? asMap(products) : new Map(),
    sites: asMap(sites),
    routes: asMap(routes),
  };
}
