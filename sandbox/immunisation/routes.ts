import type { FastifyInstance, FastifyReply } from "fastify";
import { isValidNhsNumber } from "../../lib/format/nhs-number";
import { searchEntry, sendFhir } from "../common/fhir";
import type { FhirPatient } from "../pds/fixtures";
import { CLINICAL_RECORDS, type Immunisation } from "../world/clinical";
import { findOrganisation } from "../world/organisations";
import { NHS_APIS } from "../../lib/nhs/catalogue";
import type { TokenStore } from "../identity/tokens";
import { checkRecord, ImmunisationWrites, type Interaction, type StoredRecord } from "./writes";

export const IMMUNISATION_BASE_PATH = NHS_APIS.immunisation.basePath;
const PUBLIC_BASE = `https://api.service.nhs.uk${NHS_APIS.immunisation.basePath}`;
const NHS_NUMBER_SYSTEM = "https://fhir.nhs.uk/Id/nhs-number";
export const VACCINE_TYPES = new Set(["3IN1", "COVID", "FLU", "HPV", "MENACWY", "MMR", "MMRV", "PNEUMOCOCCAL", "PERTUSSIS", "RSV", "SHINGLES"]);
const SNOMED = "http://snomed.info/sct";

function immsError(
  reply: FastifyReply,
  status: 400 | 403 | 404 | 422,
  code: "invalid" | "invariant" | "not-found" | "forbidden" | "duplicate",
  errorCode: "INVALID" | "INVARIANT" | "NOT_FOUND" | "FORBIDDEN" | "DUPLICATE",
  diagnostics: string,
) {
  return sendFhir(reply, status, {
    resourceType: "OperationOutcome",
    id: crypto.randomUUID(),
    issue: [{ severity: "error", code, details: { coding: [{ system: "https://fhir.nhs.uk/Codesystem/http-error-codes", code: errorCode }] }, diagnostics }],
  });
}

interface Held {
  nhsNumber: string;
  event: Immunisation;
}

const HELD: Held[] = CLINICAL_RECORDS.flatMap((record) => record.immunisations.map((event) => ({ nhsNumber: record.nhsNumber, event })));

/** The UK Core extension naming the procedure: the administration of a vaccine of this type. */
function vaccinationProcedure(vaccineType: string) {
  return {
    url: "https://fhir.hl7.org.uk/StructureDefinition/Extension-UKCore-VaccinationProcedure",
    valueCodeableConcept: { coding: [{ system: SNOMED, code: "1324681000000101", display: `Administration of ${vaccineType.toLowerCase()} vaccine` }] },
  };
}

const ODS_SYSTEM = "https://fhir.nhs.uk/Id/ods-organization-code";

/** "Nurse Kemi ADEYEMI" as a FHIR name: the last word the family name, the words between it and the title given names. */
function practitionerName(name: string) {
  const words = name.split(" ");
  return { family: words[words.length - 1], given: words.slice(1, -1) };
}

/**
 * A record as the API returns it from a search: one performer, the organisation responsible (its identifier
 * required); who gave the vaccine is not part of a search result (Immunisation spec, searchImmunizationGet).
 */
function toFhir({ nhsNumber, event }: Held, patientReference?: string) {
  const location = findOrganisation(event.locationOdsCode);
  const responsible = findOrganisation(event.recorder.odsCode);
  return {
    resourceType: "Immunization",
    id: event.id,
    meta: { versionId: "1" },
    extension: [vaccinationProcedure(event.vaccineType)],
    identifier: [{ use: "official", system: "https://standin.example.nhs.uk/identifiers/vacc", value: event.id }],
    status: "completed",
    vaccineCode: { coding: [{ system: SNOMED, code: event.product.code, display: event.product.display }] },
    patient: { ...(patientReference ? { reference: patientReference } : {}), type: "Patient", identifier: { system: NHS_NUMBER_SYSTEM, value: nhsNumber } },
    occurrenceDateTime: event.occurrence,
    recorded: event.occurrence,
    primarySource: true,
    location: {
      type: "Location",
      identifier: { system: ODS_SYSTEM, value: event.locationOdsCode },
      ...(location ? { display: location.name } : {}),
    },
    lotNumber: event.lotNumber,
    expirationDate: event.expirationDate,
    site: { coding: [codingOf(event, "site")] },
    route: { coding: [codingOf(event, "route")] },
    doseQuantity: { value: event.doseQuantity.value, unit: event.doseQuantity.unit, system: "http://unitsofmeasure.org", code: event.doseQuantity.unit },
    performer: [
      {
        actor: {
          type: "Organization",
          identifier: { system: ODS_SYSTEM, value: event.recorder.odsCode },
          ...(responsible ? { display: responsible.name } : {}),
        },
      },
    ],
    protocolApplied: [{ targetDisease: [{ coding: [{ system: SNOMED, ...event.targetDisease }] }], doseNumberPositiveInt: event.doseNumber }],
  };
}

/** A site or route coding, without its display where the record is one of those sent with codes alone. */
function codingOf(event: Immunisation, field: "site" | "route") {
  const { code, display } = event[field];
  return { system: SNOMED, code, ...(event.codedOnly?.includes(field) ? {} : { display }) };
}

/**
 * A record as the API returns it when read by id: the patient and the practitioner who gave the vaccine are
 * contained resources, and the patient is referred to as the contained one (Immunisation spec, readImmunization).
 */
function toFhirRead(held: Held, pdsPatient: FhirPatient | undefined) {
  const record = toFhir(held);
  const name = (pdsPatient?.name as Array<{ family?: string; given?: string[] }> | undefined)?.[0];
  const postcode = (pdsPatient?.address as Array<{ postalCode?: string }> | undefined)?.[0]?.postalCode;
  return {
    ...record,
    contained: [
      { resourceType: "Practitioner", id: "Pract1", name: [practitionerName(held.event.recorder.name)] },
      {
        resourceType: "Patient",
        id: "Pat1",
        identifier: [{ system: NHS_NUMBER_SYSTEM, value: held.nhsNumber }],
        name: [{ family: name?.family ?? "UNKNOWN", given: name?.given ?? [] }],
        gender: (pdsPatient?.gender as string | undefined) ?? "unknown",
        birthDate: pdsPatient?.birthDate,
        // ZZ99 3CZ: the postcode England's NHS records when the address is not known
        address: [{ postalCode: postcode ?? "ZZ99 3CZ" }],
      },
    ],
    patient: { ...record.patient, reference: "#Pat1" },
  };
}

const TARGET_DISEASES = new Map(HELD.map(({ event }) => [event.targetDisease.code, event.vaccineType]));

interface SearchParameters {
  [name: string]: string | string[] | undefined;
}

function one(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value.join(",") : value;
}

/** The record with this identifier, as `_elements=id,meta` asks: its id and version only. Deleted records are absent. */
function searchByIdentifier(query: SearchParameters, writes: ImmunisationWrites, reply: FastifyReply) {
  const [system, ...rest] = (one(query.identifier) ?? "").split("|");
  const value = rest.join("|");
  if (!system || !value) return immsError(reply, 400, "invalid", "INVALID", "Search parameter identifier must be <system>|<value>");
  const elements = one(query._elements);
  if (elements !== undefined && elements.split(",").some((element) => !["id", "meta"].includes(element))) {
    return immsError(reply, 400, "invalid", "INVALID", "_elements may only be id,meta with identifier");
  }
  const held = writes.byIdentifierKey(`${system}#${value}`);
  const found = held && !held.deleted ? [held] : [];
  return sendFhir(reply, 200, {
    resourceType: "Bundle",
    type: "searchset",
    link: [
      { relation: "self", url: `${PUBLIC_BASE}/Immunization?${new URLSearchParams(Object.entries(query).map(([key, entry]) => [key, one(entry) ?? ""]))}` },
    ],
    total: found.length,
    entry: found.map((record) =>
      searchEntry(
        `${PUBLIC_BASE}/Immunization/${record.id}`,
        "match",
        elements
          ? { resourceType: "Immunization", id: record.id, meta: { versionId: String(record.version) } }
          : { ...record.resource, meta: { versionId: String(record.version) } },
      ),
    ),
  });
}

function search(query: SearchParameters, patient: (nhsNumber: string) => FhirPatient | undefined, reply: FastifyReply, writes: ImmunisationWrites) {
  if (query.identifier !== undefined && query["patient.identifier"] === undefined) return searchByIdentifier(query, writes, reply);
  const identifier = one(query["patient.identifier"]);
  const [system, nhsNumber] = (identifier ?? "").split("|");
  if (system !== NHS_NUMBER_SYSTEM || !nhsNumber || !isValidNhsNumber(nhsNumber)) {
    return immsError(reply, 400, "invalid", "INVALID", "Search parameter patient.identifier must be https://fhir.nhs.uk/Id/nhs-number|<a valid NHS number>");
  }
  const targets = one(query["-immunization.target"]);
  const diseases = one(query["target-disease"]);
  if (!targets && !diseases) {
    return immsError(reply, 400, "invalid", "INVALID", "One of -immunization.target or target-disease is required");
  }
  const wanted = new Set<string>();
  for (const type of (targets ?? "").split(",").filter(Boolean)) {
    if (!VACCINE_TYPES.has(type.toUpperCase()))
      return immsError(reply, 400, "invalid", "INVALID", `-immunization.target must be one or more of ${[...VACCINE_TYPES].join(", ")}`);
    wanted.add(type.toUpperCase());
  }
  for (const disease of (diseases ?? "").split(",").filter(Boolean)) {
    const code = disease.split("|").pop() ?? "";
    if (!/^\d{6,18}$/.test(code)) return immsError(reply, 400, "invalid", "INVALID", "target-disease must be http://snomed.info/sct|<code>");
    const type = TARGET_DISEASES.get(code);
    if (type) wanted.add(type);
  }
  const from = one(query["-date.from"]);
  const to = one(query["-date.to"]);
  for (const [name, value] of [
    ["-date.from", from],
    ["-date.to", to],
  ] as const) {
    if (value !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(value)) return immsError(reply, 400, "invalid", "INVALID", `${name} must be a date, YYYY-MM-DD`);
  }
  const include = one(query._include);
  if (include !== undefined && include !== "Immunization:patient")
    return immsError(reply, 400, "invalid", "INVALID", "_include may only be Immunization:patient");

  const patientId = crypto.randomUUID();
  const found = HELD.filter(
    (held) =>
      !writes.records.has(held.event.id) &&
      held.nhsNumber === nhsNumber &&
      wanted.has(held.event.vaccineType) &&
      (!from || held.event.occurrence.slice(0, 10) >= from) &&
      (!to || held.event.occurrence.slice(0, 10) <= to),
  ).sort((a, b) => b.event.occurrence.localeCompare(a.event.occurrence));
  const written = writes
    .forPatient(nhsNumber)
    .filter(
      (record) =>
        wanted.has(record.vaccineType) &&
        (!from || String(record.resource.occurrenceDateTime).slice(0, 10) >= from) &&
        (!to || String(record.resource.occurrenceDateTime).slice(0, 10) <= to),
    );
  const pdsPatient = patient(nhsNumber);
  return sendFhir(reply, 200, {
    resourceType: "Bundle",
    type: "searchset",
    link: [
      { relation: "self", url: `${PUBLIC_BASE}/Immunization?${new URLSearchParams(Object.entries(query).map(([key, value]) => [key, one(value) ?? ""]))}` },
    ],
    total: found.length + written.length,
    entry: [
      ...written
        .sort((a, b) => String(b.resource.occurrenceDateTime).localeCompare(String(a.resource.occurrenceDateTime)))
        .map((record) => searchEntry(`${PUBLIC_BASE}/Immunization/${record.id}`, "match", searchForm(record, `urn:uuid:${patientId}`))),
      ...found.map((held) => searchEntry(`${PUBLIC_BASE}/Immunization/${held.event.id}`, "match", toFhir(held, `urn:uuid:${patientId}`))),
      ...(include && found.length + written.length && pdsPatient
        ? [
            searchEntry(`urn:uuid:${patientId}`, "include", {
              resourceType: "Patient",
              id: patientId,
              identifier: [{ system: NHS_NUMBER_SYSTEM, value: nhsNumber }],
              ...(pdsPatient.birthDate ? { birthDate: pdsPatient.birthDate } : {}),
            }),
          ]
        : []),
    ],
  });
}

/** A written record as a search returns it: without its contained resources, the patient by reference and identifier, one performer. */
function searchForm(record: StoredRecord, patientReference: string) {
  const { contained: _contained, ...rest } = record.resource;
  const performers = Array.isArray(rest.performer) ? (rest.performer as Array<{ actor?: { type?: string } }>) : [];
  return {
    ...rest,
    id: record.id,
    meta: { versionId: String(record.version) },
    patient: { reference: patientReference, type: "Patient", identifier: { system: NHS_NUMBER_SYSTEM, value: record.nhsNumber } },
    performer: performers.filter((entry) => entry.actor?.type === "Organization"),
  };
}

/** A world record (the stand-in's own history) as a written one, the first time it is changed. */
function adopt(held: Held, pdsPatient: FhirPatient | undefined, writes: ImmunisationWrites): StoredRecord {
  const resource = toFhirRead(held, pdsPatient) as unknown as Record<string, unknown>;
  const record: StoredRecord = {
    id: held.event.id,
    nhsNumber: held.nhsNumber,
    vaccineType: held.event.vaccineType as StoredRecord["vaccineType"],
    identifierKey: `https://standin.example.nhs.uk/identifiers/vacc#${held.event.id}`,
    version: 1,
    deleted: false,
    resource,
  };
  writes.add(record);
  return record;
}

const ID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function registerImmunisation(
  app: FastifyInstance,
  patient: (nhsNumber: string) => FhirPatient | undefined,
  tokens: TokenStore,
  writes: ImmunisationWrites,
) {
  /** The calling application: its token's client (integration mode), or "local" when no token is sent (sandbox mode). */
  const applicationOf = (authorization: string | undefined) => {
    const token = /^Bearer (\S+)$/.exec(authorization ?? "")?.[1];
    return (token && tokens.lookUp(token)?.clientId) || "local";
  };
  const refuse = (reply: FastifyReply, interaction: Interaction, type: string) =>
    immsError(reply, 403, "forbidden", "FORBIDDEN", `The sender does not have permission for the ${interaction} interaction on vaccine type ${type}`);
  const stored = (id: string): StoredRecord | undefined => {
    const record = writes.records.get(id);
    if (record) return record;
    const held = HELD.find((candidate) => candidate.event.id === id);
    return held ? adopt(held, patient(held.nhsNumber), writes) : undefined;
  };

  app.get<{ Querystring: SearchParameters }>(`${IMMUNISATION_BASE_PATH}/Immunization`, async (request, reply) => search(request.query, patient, reply, writes));
  app.post<{ Body: SearchParameters }>(`${IMMUNISATION_BASE_PATH}/Immunization/_search`, async (request, reply) =>
    search(request.body ?? {}, patient, reply, writes),
  );
  app.get<{ Params: { id: string } }>(`${IMMUNISATION_BASE_PATH}/Immunization/:id`, async (request, reply) => {
    const { id } = request.params;
    if (!ID_PATTERN.test(id)) {
      return immsError(reply, 400, "invalid", "INVALID", "The provided event ID is either missing or not in the expected format.");
    }
    const record = writes.records.get(id);
    if (record) {
      if (record.deleted) return immsError(reply, 404, "not-found", "NOT_FOUND", "The requested resource was not found.");
      if (!writes.allowed(applicationOf(request.headers.authorization), record.vaccineType, "read")) return refuse(reply, "read", record.vaccineType);
      reply.header("e-tag", String(record.version));
      // a read names one performer, the organisation responsible; who gave it stays among the contained resources
      const performers = Array.isArray(record.resource.performer) ? (record.resource.performer as Array<{ actor?: { type?: string } }>) : [];
      return sendFhir(reply, 200, {
        ...record.resource,
        id,
        meta: { versionId: String(record.version) },
        performer: performers.filter((entry) => entry.actor?.type === "Organization"),
      });
    }
    const held = HELD.find((candidate) => candidate.event.id === id);
    if (!held) return immsError(reply, 404, "not-found", "NOT_FOUND", "The requested resource was not found.");
    reply.header("e-tag", "1");
    return sendFhir(reply, 200, toFhirRead(held, patient(held.nhsNumber)));
  });

  app.post<{ Body: unknown }>(`${IMMUNISATION_BASE_PATH}/Immunization`, async (request, reply) => {
    const checked = checkRecord(request.body);
    if (checked.kind === "invalid") return immsError(reply, 400, "invariant", "INVARIANT", `Validation errors: ${checked.problems.join("; ")}`);
    if (!writes.allowed(applicationOf(request.headers.authorization), checked.vaccineType, "create")) return refuse(reply, "create", checked.vaccineType);
    if (writes.byIdentifierKey(checked.identifierKey)) {
      return immsError(reply, 422, "duplicate", "DUPLICATE", `The provided identifier: ${checked.identifierKey} is duplicated`);
    }
    const id = crypto.randomUUID();
    const { id: _ignored, meta: _meta, ...body } = request.body as Record<string, unknown>;
    writes.add({
      id,
      nhsNumber: checked.nhsNumber,
      vaccineType: checked.vaccineType,
      identifierKey: checked.identifierKey,
      version: 1,
      deleted: false,
      resource: body,
    });
    reply.header("location", `${PUBLIC_BASE}/Immunization/${id}`);
    return reply.code(201).send();
  });

  app.put<{ Params: { id: string }; Body: unknown }>(`${IMMUNISATION_BASE_PATH}/Immunization/:id`, async (request, reply) => {
    const { id } = request.params;
    if (!ID_PATTERN.test(id)) return immsError(reply, 400, "invalid", "INVALID", "The provided event ID is either missing or not in the expected format.");
    const record = stored(id);
    if (!record) return immsError(reply, 404, "not-found", "NOT_FOUND", "The requested resource was not found.");
    const application = applicationOf(request.headers.authorization);
    if (!writes.allowed(application, record.vaccineType, "update")) return refuse(reply, "update", record.vaccineType);
    const sent = request.headers["e-tag"];
    if (typeof sent !== "string" || sent.trim() === "")
      return immsError(reply, 400, "invariant", "INVARIANT", "Validation errors: the E-Tag header (the version) is missing or empty");
    if (!/^\d+$/.test(sent.trim()))
      return immsError(reply, 400, "invariant", "INVARIANT", "Validation errors: the E-Tag header must be the record's version, a whole number");
    const body = request.body as Record<string, unknown> | null;
    if (!body || typeof body !== "object" || body.id !== id) {
      return immsError(reply, 400, "invariant", "INVARIANT", "Validation errors: the id in the request body must match the id in the path");
    }
    const checked = checkRecord(body);
    if (checked.kind === "invalid") return immsError(reply, 400, "invariant", "INVARIANT", `Validation errors: ${checked.problems.join("; ")}`);
    if (checked.identifierKey !== record.identifierKey) {
      return immsError(reply, 400, "invariant", "INVARIANT", "Validation errors: the identifier does not match the stored record's identifier");
    }
    if (!writes.allowed(application, checked.vaccineType, "update")) return refuse(reply, "update", checked.vaccineType);
    if (Number(sent) !== record.version) {
      return immsError(
        reply,
        400,
        "invariant",
        "INVARIANT",
        `Validation errors: the requested immunization resource ${id} has changed since the last retrieve (E-Tag ${sent}, stored version ${record.version})`,
      );
    }
    const { meta: _meta, ...resource } = body;
    // an update reinstates a record marked entered in error, as the spec allows
    Object.assign(record, { resource, vaccineType: checked.vaccineType, nhsNumber: checked.nhsNumber, version: record.version + 1, deleted: false });
    return reply.code(200).send();
  });

  app.delete<{ Params: { id: string } }>(`${IMMUNISATION_BASE_PATH}/Immunization/:id`, async (request, reply) => {
    const { id } = request.params;
    if (!ID_PATTERN.test(id)) return immsError(reply, 400, "invalid", "INVALID", "The provided event ID is either missing or not in the expected format.");
    const record = stored(id);
    if (!record || record.deleted) return immsError(reply, 404, "not-found", "NOT_FOUND", "The requested resource was not found.");
    if (!writes.allowed(applicationOf(request.headers.authorization), record.vaccineType, "delete")) return refuse(reply, "delete", record.vaccineType);
    record.deleted = true;
    record.version += 1;
    return reply.code(204).send();
  });
  app.get(`${IMMUNISATION_BASE_PATH}/_status`, async () => ({ status: "pass" }));
}
