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
  {
    id: "immunisation-target-list",
    api: "immunisation",
    operation: "GET /Immunization",
    direction: "request",
    pointer: "/query/-immunization.target",
    rule: "enum",
    reason:
      "The parameter's schema takes one vaccine type, but the service answers for a comma-separated list of them (its backend splits the value), which is how the app asks for a whole history in one call.",
    source:
      "immunisation/immunisation-fhir-api/specification/immunisation-fhir-api.yaml line 1319 (searchImmunizationGet: history 'for one or more disease types') against its ImmunizationTarget parameter at lines 4365-4387; ../shared/reference/nhs-apis.md §6a (-immunization.target=FLU[,RSV…])",
  },
  ...(
    [
      ["/query/identifier", "unknown-parameter"],
      ["/query/_elements", "unknown-parameter"],
      ["/query/patient.identifier", "required"],
    ] as const
  ).map(
    ([pointer, rule]): ContractException => ({
      id: `immunisation-search-by-identifier-${pointer.slice(7)}`,
      api: "immunisation",
      operation: "GET /Immunization",
      direction: "request",
      pointer,
      rule,
      reason:
        "The service searches by the record's own identifier (identifier=system|value, optionally _elements=id,meta, without patient.identifier), which the published parameters leave out; the app uses it to settle a write whose outcome is unknown and to read back a duplicate (issue 20). The exception also lets a patient search without patient.identifier past the check, which the stand-in refuses itself (400).",
      source:
        "../shared/reference/next-apis.md section 1.1 ('Search by identifier exists in the backend, though the published parameters table does not list it': lambdas/backend/src/controller/parameter_parser.py lines 470-505, and the 'Cannot be used with ... identifier' wording of the spec's own -immunization.target and target-disease parameters, immunisation-fhir-api.yaml lines 4367-4398)",
    }),
  ),
  {
    id: "immunisation-search-by-identifier-elements",
    api: "immunisation",
    operation: "GET /Immunization",
    direction: "response",
    pointer: "/body/entry/*/resource/**",
    rule: "required",
    reason:
      "A search with _elements=id,meta returns each Immunization with its id and meta only, so the elements the search schema requires of a full record are absent by request. The exception covers every search answer's missing elements, which the stand-in's full records (fixtures.test.ts) do carry.",
    source:
      "../shared/reference/next-apis.md section 1.1 (identifier=system|value, optionally _elements=id,meta: parameter_parser.py lines 470-505); sections 3.1 ('GET /Immunization?identifier=<system>|<value>&_elements=id,meta')",
  },
  ...(
    [
      ["/body/grant_type", "enum"],
      ["/body/code", "required"],
      ["/body/redirect_uri", "required"],
      ["/body/client_id", "required"],
      ["/body/client_secret", "required"],
    ] as const
  ).map(
    ([pointer, rule]): ContractException => ({
      id: `identity-token-grant-${pointer.slice(6)}`,
      api: "identity",
      operation: "POST /token",
      direction: "request",
      pointer,
      rule,
      reason:
        "The identity service's spec describes only the authorization-code and refresh grants; the platform also takes the grants the app uses, client credentials with a signed JWT and CIS2 token exchange, which carry a client assertion or subject token instead of a code, redirect URI and client secret.",
      source:
        "identity/specification/identity-service.yaml (POST /token) against ../shared/reference/nhs-apis.md §0.2 items 2 and 3 (grant_type=client_credentials, grant_type=urn:ietf:params:oauth:grant-type:token-exchange) and §9 (a thin spec; the real rules are in the proxy)",
    }),
  ),
  ...(["/body/expires_in", "/body/refresh_token_expires_in"] as const).map(
    (pointer): ContractException => ({
      id: `identity-token-${pointer.slice(6)}-is-text`,
      api: "identity",
      operation: "POST /token",
      direction: "response",
      pointer,
      rule: "type",
      reason: 'The spec types the token\'s lifetimes as integers; the platform sends them as strings ("599").',
      source: '../shared/reference/nhs-apis.md §0.2 items 2 and 3 (Response: expires_in: "599", a string)',
    }),
  ),
  ...(["GET /Endpoint", "GET /Device"] as const).map(
    (operation): ContractException => ({
      id: `sds-${operation.slice(5).toLowerCase()}-apikey-only-where-demanded`,
      api: "sds",
      operation,
      direction: "request",
      pointer: "/header/apikey",
      rule: "required",
      reason:
        "The spec marks apikey required because the integration environment's platform demands it; the NHS sandbox and the stand-in are open, so the app sends it only where SDS_AUTH is api-key (the default with NHS_ENV=int), as for ODS and Service Search.",
      source: "sds/specification/spine-directory-service.yaml (apikey header) and ../shared/reference/nhs-apis.md §0.3 (apikey required by SDS, DoHS and ODS)",
    }),
  ),
  {
    id: "ods-platform-refuses-without-api-key",
    api: "ods",
    operation: "GET /Organization/{id}",
    direction: "response",
    pointer: "/status",
    rule: "status",
    reason:
      "The API platform refuses a call without a valid API key with 401 before it reaches ODS; ODS's spec documents only ODS's own answers (200, 404). The integration-mode journey checks that refusal.",
    source:
      "dohs/specification/service-search-api.yaml line 422 (the platform's 401 for another API-key API) and ../shared/reference/nhs-apis.md §0.3 (apikey required by SDS, DoHS and ODS)",
  },
  ...(
    [
      ["/body/type/code", "line 33 (enum [1,2])", "line 12"],
      ["/body/subtype/*/code", "line 53 (enum [1, 2, 3, 4, 5, 6])", "line 18"],
    ] as const
  ).map(
    ([pointer, schemaLine, exampleLine]): ContractException => ({
      id: `scr-alert-${pointer === "/body/type/code" ? "type" : "reason"}-code-is-text`,
      api: "scr",
      operation: "POST /AuditEvent",
      direction: "request",
      pointer,
      rule: "enum",
      reason:
        "The schema types the code as a string but lists its allowed values as numbers, so no value can pass; SCR takes the codes as strings (\"1\"), as the spec's own example and NHS England's code systems for SCR alerts have them.",
      source: `scr/specification/components/schemas/AuditEvent.yaml ${schemaLine} against scr/specification/components/examples/AuditEvent.json ${exampleLine} (\"code\": \"1\")`,
    }),
  ),
  ...(
    [
      ["GET /medicines/*", "/body/genre"],
      ["GET /conditions/*", "/body/genre"],
      ["GET /vaccinations", "/body/significantLink/*/mainEntityOfPage/genre"],
      ["GET /conditions", "/body/significantLink/*/mainEntityOfPage/genre"],
      ["GET /medicines", "/body/significantLink/*/mainEntityOfPage/genre"],
    ] as const
  ).map(
    ([operation, pointer]): ContractException => ({
      id: `website-content-genre-is-a-list-${operation.replace(/\W+/g, "-").toLowerCase()}${pointer.includes("significantLink") ? "-links" : ""}`,
      api: "website-content",
      operation,
      direction: "response",
      pointer,
      rule: "type",
      reason: "WebPage.json types genre as a string, but the service sends a list of genres, on pages and on the A to Z's links.",
      source:
        'website-content/sandbox/responses/medicines-aciclovir-no-params.json lines 17 and 127 and conditions-root-category-b.json (genre: ["Condition"]) against website-content/specification/components/schemas/WebPage.json lines 93-95 and 130-132',
    }),
  ),
  {
    id: "nhs-app-content-pattern-is-prose",
    api: "nhs-app",
    operation: "POST /communication/in-app/FHIR/R4/CommunicationRequest",
    direction: "request",
    pointer: "/body/payload/*/contentString",
    rule: "pattern",
    reason:
      'Markdown.yaml\'s pattern is the sentence "must not match <(.|\\n)*?>", which as a regular expression no message can match; the rule it states (no HTML tags) is checked by the stand-in itself, answering 400.',
    source: "nhs-app/specification/components/schemas/Markdown.yaml (the pattern line) and its description of the Markdown subset",
  },
];

/**
 * Operations an API's service answers that its published spec leaves out altogether, each with the evidence that the
 * service has it. Requests to them are counted but not checked (there is nothing to check them against); a test
 * fails once the spec gains the operation, so the entry is removed and the requests checked.
 */
export const UNDOCUMENTED_OPERATIONS: ReadonlyArray<{ api: string; method: string; path: string; matcher: RegExp; reason: string; source: string }> = [
  {
    api: "website-content",
    method: "GET",
    path: "/vaccinations/*",
    matcher: /^\/vaccinations\/[a-z0-9-]+\/?$/,
    reason:
      "The spec lists /vaccinations but has no operation for a page under it, as it has /conditions/* and /medicines/*; the service serves vaccination pages as it does those.",
    source:
      "website-content/sandbox/responses/vaccinations-6-in-1-vaccine-no-params.json (the NHS sandbox's answer for /vaccinations/6-in-1-vaccine) against website-content/specification/nhs-website-content-api.yaml line 995",
  },
  {
    api: "website-content",
    method: "GET",
    path: "/nhs-services/*",
    matcher: /^\/nhs-services(\/[a-z0-9-]+)+\/?$/,
    reason:
      "The spec lists the /nhs-services hub but no operation for a page below it; the service serves them at their www.nhs.uk path, as the NHS sandbox answers for /nhs-services/gps/how-to-register-with-a-gp-surgery.",
    source:
      "website-content/sandbox/responses/nhs-services-gps-how-to-register-with-a-gp-surgery-no-params.json and specification/components/examples/NhsServicesContentPage.json against website-content/specification/nhs-website-content-api.yaml line 930",
  },
];
