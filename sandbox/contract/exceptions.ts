import type { ContractException } from "./checker";

/**
 * The reviewed list of places where the stand-in departs from an API's published OpenAPI spec on purpose,
 * because the NHS's own service does: each entry names what it covers (API, operation, direction, JSON
 * pointer and rule, as the contract report names them), why, and the source that shows the service
 * behaves so. Sources are under ../shared/nhs-specs/ (SOURCES.md names each file's repository and commit)
 * or ../shared/reference/. Anything else the contract check reports is drift to fix in the stand-in or
 * the app. Add an entry only with its source, and have it reviewed like code.
 */
export const CONTRACT_EXCEPTIONS: readonly ContractException[] = [
  {
    id: "scr-security-label-coding-is-a-list",
    api: "scr",
    operation: "GET /DocumentReference",
    direction: "response",
    pointer: "/body/entry/*/resource/securityLabel/*/coding",
    rule: "type",
    reason:
      "The schema types securityLabel.coding as one object, but SCR sends a list of codings, as FHIR R4's CodeableConcept has it; the spec's own example does too.",
    source:
      "scr/specification/components/schemas/DocumentReference.yaml lines 53-60 (coding: type object) against scr/specification/components/examples/DocumentReferenceBundle.json line 31 and scr/integration-test-resources/uat/get_scr_id/success/1-basic.response.json line 31 (coding: [ … ])",
  },
  ...(["/body/entry", "/body/identifier", "/body/timestamp"] as const).map(
    (pointer): ContractException => ({
      id: `scr-empty-bundle-without-${pointer.slice(6)}`,
      api: "scr",
      operation: "GET /Bundle",
      direction: "response",
      pointer,
      rule: "required",
      reason:
        "GetScrBundle.yaml requires entry, identifier and timestamp, but when no SCR matches (an out-of-date SCR id, no SCR) the service answers with a bare searchset: id, type and total 0 only.",
      source:
        "scr/integration-test-resources/uat/get_scr/no_results/1-basic.response.json (the UAT answer with no results) against scr/specification/components/schemas/GetScrBundle.yaml lines 43-47",
    }),
  ),
  ...(["/body/entry/*/resource/content/*/extension/*", "/body/content/*/extension/*"] as const).map(
    (pointer): ContractException => ({
      id: `nrl-content-stability-matches-two-choices${pointer.startsWith("/body/entry") ? "" : "-read"}`,
      api: "nrl",
      operation: pointer.startsWith("/body/entry") ? "GET /DocumentReference" : "GET /DocumentReference/{id}",
      direction: "response",
      pointer,
      rule: "oneOf",
      reason:
        "A content item's extensions are a oneOf of ContentStability, RetrievalMechanism and any Extension: every ContentStability extension (which every NRL pointer carries) matches two choices, so no real pointer can pass; the spec's own example carries one.",
      source:
        "nrl/consumer/consumer.yaml lines 1156-1162 (oneOf with the catch-all Extension) against its example at lines 550-553 and nrl/nrlf-test-data/DocumentReference/Y05868-736253002-Valid.json line 76",
    }),
  ),
  ...(
    [
      [
        "ParentOrganisation",
        "null for an organisation without a parent: the field's description says it is potentially nullable by sector",
        "line 671 (description)",
      ],
      ["OrganisationSubType", "null for an organisation type without sub types", "examples/organisations-single_v3.json line 33"],
      ["IsEpsEnabled", "null for an organisation that is not a dispenser", "examples/organisations-single_v3.json line 35"],
      ["Services", "a list of services, not one object", "examples/organisations-single_v3.json line 46"],
      ["OpeningTimes", "a list of opening times, not one object", "examples/organisations-single_v3.json line 56"],
      ["Contacts", "a list of contacts, not one object", "examples/organisations-single_v3.json line 50"],
    ] as const
  ).map(
    ([field, what, where]): ContractException => ({
      id: `service-search-${field}`,
      api: "service-search",
      operation: "GET /",
      direction: "response",
      pointer: `/body/value/*/${field}`,
      rule: "type",
      reason: `The response schema gives ${field} one type, but the service sends ${what}, as the examples published with the spec show.`,
      source: `dohs/specification/service-search-api.yaml (the ${field} property of the search response) against dohs/specification/${where.startsWith("line") ? `service-search-api.yaml ${where}` : where}`,
    }),
  ),
];
