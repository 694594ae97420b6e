import { SNOMED, VACCINE_TYPE_CODING, type SnomedConcept, type VaccineType } from "../immunisation/vaccine-types";

/**
 * The pick-lists the vaccination form asks the Terminology Server for, as SNOMED CT implicit value sets
 * (`http://snomed.info/sct?fhir_vs=ecl/<expression>`), which any FHIR terminology server with SNOMED CT expands.
 * Products are the descendants of their type's product concept, so a new product arrives with a release; sites and
 * routes are short fixed lists (the sites and routes a vaccine is given by), spelt out as an ECL disjunction.
 */

/** Where a vaccine is given. */
export const VACCINATION_SITES: readonly SnomedConcept[] = [
  { code: "368208006", display: "Left upper arm structure" },
  { code: "368209003", display: "Right upper arm structure" },
  { code: "61396006", display: "Left thigh structure" },
  { code: "11207009", display: "Right thigh structure" },
  { code: "723979003", display: "Structure of left buttock" },
  { code: "723980000", display: "Structure of right buttock" },
  { code: "279549004", display: "Nasal cavity structure" },
  { code: "123851003", display: "Mouth region structure" },
];

/** How a vaccine is given. */
export const VACCINATION_ROUTES: readonly SnomedConcept[] = [
  { code: "78421000", display: "Intramuscular route" },
  { code: "34206005", display: "Subcutaneous route" },
  { code: "46713006", display: "Nasal route" },
  { code: "26643006", display: "Oral route" },
  { code: "372464004", display: "Intradermal route" },
];

export type PickList = { kind: "products"; vaccineType: VaccineType } | { kind: "sites" } | { kind: "routes" };

/** The ECL expression a pick-list expands. */
export function eclFor(list: PickList): string {
  switch (list.kind) {
    case "products":
      return `< ${VACCINE_TYPE_CODING[list.vaccineType].productAncestor.code}`;
    case "sites":
      return VACCINATION_SITES.map((site) => site.code).join(" OR ");
    case "routes":
      return VACCINATION_ROUTES.map((route) => route.code).join(" OR ");
    default: {
      const unhandled: never = list;
      return unhandled;
    }
  }
}

/** The implicit value set's URL, as ValueSet/$expand's `url` parameter takes it. */
export function valueSetUrl(list: PickList): string {
  return `${SNOMED}?fhir_vs=ecl/${eclFor(list)}`;
}
