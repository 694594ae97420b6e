import "server-only";
import { randomUUID } from "node:crypto";
import { getConfig } from "@/lib/config";
import { vaccination as content } from "@/lib/content/vaccination";
import { VACCINE_TYPES, type VaccineType } from "@/lib/nhs/immunisation/vaccine-types";
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
