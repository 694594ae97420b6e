import type { FastifyInstance, FastifyReply } from "fastify";
import { isValidNhsNumber } from "../../lib/format/nhs-number";
import { searchEntry, sendFhir } from "../common/fhir";
import type { FhirPatient } from "../pds/fixtures";
import { CLINICAL_RECORDS, type Immunisation } from "../world/clinical";
import { findOrganisation } from "../world/organisations";
import { NHS_APIS } from "../../lib/nhs/catalogue";

export const IMMUNISATION_BASE_PATH = NHS_APIS.immunisation.basePath;
const PUBLIC_BASE = `https://api.service.nhs.uk${NHS_APIS.immunisation.basePath}`;
const NHS_NUMBER_SYSTEM = "https://fhir.nhs.uk/Id/nhs-number";
export const VACCINE_TYPES = new Set(["3IN1", "COVID", "FLU", "HPV", "MENACWY", "MMR", "MMRV", "PNEUMOCOCCAL", "PERTUSSIS", "RSV", "SHINGLES"]);
const SNOMED = "http://snomed.info/sct";

function immsError(reply: FastifyReply, status: 400 | 404, code: "invalid" | "not-found", errorCode: "INVALID" | "NOT_FOUND", diagnostics: string) {
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
    site: { coding: [{ system: SNOMED, ...event.site }] },
    route: { coding: [{ system: SNOMED, ...event.route }] },
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

function search(query: SearchParameters, patient: (nhsNumber: string) => FhirPatient | undefined, reply: FastifyReply) {
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
      held.nhsNumber === nhsNumber &&
      wanted.has(held.event.vaccineType) &&
      (!from || held.event.occurrence.slice(0, 10) >= from) &&
      (!to || held.event.occurrence.slice(0, 10) <= to),
  ).sort((a, b) => b.event.occurrence.localeCompare(a.event.occurrence));
  const pdsPatient = patient(nhsNumber);
  return sendFhir(reply, 200, {
    resourceType: "Bundle",
    type: "searchset",
    link: [
      { relation: "self", url: `${PUBLIC_BASE}/Immunization?${new URLSearchParams(Object.entries(query).map(([key, value]) => [key, one(value) ?? ""]))}` },
    ],
    total: found.length,
    entry: [
      ...found.map((held) => searchEntry(`${PUBLIC_BASE}/Immunization/${held.event.id}`, "match", toFhir(held, `urn:uuid:${patientId}`))),
      ...(include && found.length && pdsPatient
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

export function registerImmunisation(app: FastifyInstance, patient: (nhsNumber: string) => FhirPatient | undefined) {
  app.get<{ Querystring: SearchParameters }>(`${IMMUNISATION_BASE_PATH}/Immunization`, async (request, reply) => search(request.query, patient, reply));
  app.post<{ Body: SearchParameters }>(`${IMMUNISATION_BASE_PATH}/Immunization/_search`, async (request, reply) => search(request.body ?? {}, patient, reply));
  app.get<{ Params: { id: string } }>(`${IMMUNISATION_BASE_PATH}/Immunization/:id`, async (request, reply) => {
    const { id } = request.params;
    if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id)) {
      return immsError(reply, 400, "invalid", "INVALID", "The provided event ID is either missing or not in the expected format.");
    }
    const held = HELD.find((candidate) => candidate.event.id === id);
    if (!held) return immsError(reply, 404, "not-found", "NOT_FOUND", "The requested resource was not found.");
    reply.header("e-tag", "1");
    return sendFhir(reply, 200, toFhirRead(held, patient(held.nhsNumber)));
  });
  app.get(`${IMMUNISATION_BASE_PATH}/_status`, async () => ({ status: "pass" }));
}
