/**
 * The stand-in's PDS records. NHS numbers and the scenario each number stands for match the NHS
 * sandbox, so a demo looks the same against both; the records themselves are written here.
 * All synthetic: test NHS numbers beginning with 9, no real people.
 */

import { PDS_POPULATION } from "./population";

type Confidentiality = "U" | "R";

const CONFIDENTIALITY_DISPLAY: Record<Confidentiality, string> = { U: "unrestricted", R: "restricted" };

const ODS_SYSTEM = "https://fhir.nhs.uk/Id/ods-organization-code";

function nhsNumberIdentifier(nhsNumber: string) {
  return {
    system: "https://fhir.nhs.uk/Id/nhs-number",
    value: nhsNumber,
    extension: [
      {
        url: "https://fhir.hl7.org.uk/StructureDefinition/Extension-UKCore-NHSNumberVerificationStatus",
        valueCodeableConcept: {
          coding: [
            {
              system: "https://fhir.hl7.org.uk/CodeSystem/UKCore-NHSNumberVerificationStatus",
              version: "1.0.0",
              code: "01",
              display: "Number present and verified",
            },
          ],
        },
      },
    ],
  };
}

function meta(versionId: number, confidentiality: Confidentiality) {
  return {
    versionId: String(versionId),
    security: [
      {
        system: "http://terminology.hl7.org/CodeSystem/v3-Confidentiality",
        code: confidentiality,
        display: CONFIDENTIALITY_DISPLAY[confidentiality],
      },
    ],
  };
}

function odsReference(code: string, id?: string) {
  return { ...(id ? { id } : {}), type: "Organization", identifier: { system: ODS_SYSTEM, value: code } };
}

function deathNotification(code: "1" | "2", display: string, effective: string) {
  return {
    url: "https://fhir.hl7.org.uk/StructureDefinition/Extension-UKCore-DeathNotificationStatus",
    extension: [
      {
        url: "deathNotificationStatus",
        valueCodeableConcept: {
          coding: [{ system: "https://fhir.hl7.org.uk/CodeSystem/UKCore-DeathNotificationStatus", version: "1.0.0", code, display }],
        },
      },
      { url: "systemEffectiveDate", valueDateTime: effective },
    ],
  };
}

function pharmacyExtension(kind: "NominatedPharmacy" | "PreferredDispenserOrganization", code: string) {
  return {
    url: `https://fhir.hl7.org.uk/StructureDefinition/Extension-UKCore-${kind}`,
    valueReference: { identifier: { system: ODS_SYSTEM, value: code } },
  };
}

export type FhirPatient = Record<string, unknown> & { id: string; meta: { versionId: string } };

/** How every record begins: its NHS number, as its id and as a verified identifier, then its version and confidentiality. */
function pdsRecord(nhsNumber: string, versionId: number, confidentiality: Confidentiality) {
  return { resourceType: "Patient", id: nhsNumber, identifier: [nhsNumberIdentifier(nhsNumber)], meta: meta(versionId, confidentiality) };
}

const janeSmith: FhirPatient = {
  ...pdsRecord("9000000009", 2, "U"),
  name: [
    { id: "NAME-1", use: "usual", period: { start: "2010-10-22" }, given: ["Jane"], family: "Smith", prefix: ["Miss"] },
    { id: "NAME-2", use: "nickname", given: ["Janey"], family: "Smith" },
  ],
  gender: "female",
  birthDate: "2010-10-22",
  multipleBirthInteger: 1,
  deceasedDateTime: "2010-10-22T00:00:00+00:00",
  generalPractitioner: [odsReference("Y12345", "GP-1")],
  extension: [
    pharmacyExtension("NominatedPharmacy", "Y23456"),
    deathNotification("2", "Formal - death notice received from Registrar of Deaths", "2010-10-22T00:00:00+00:00"),
    {
      url: "https://fhir.hl7.org.uk/StructureDefinition/Extension-UKCore-NHSCommunication",
      extension: [
        {
          url: "language",
          valueCodeableConcept: {
            coding: [{ system: "https://fhir.hl7.org.uk/CodeSystem/UKCore-HumanLanguage", version: "1.0.0", code: "fr", display: "French" }],
          },
        },
        { url: "interpreterRequired", valueBoolean: true },
      ],
    },
  ],
  telecom: [
    { id: "TEL-1", period: { start: "2020-01-01" }, system: "phone", value: "01632960587", use: "home" },
    { id: "TEL-2", period: { start: "2019-01-01" }, system: "email", value: "jane.smith@example.com", use: "home" },
  ],
  contact: [
    {
      id: "CONTACT-1",
      relationship: [{ coding: [{ system: "http://terminology.hl7.org/CodeSystem/v2-0131", code: "C", display: "Emergency Contact" }] }],
      telecom: [{ system: "phone", value: "01632960587" }],
    },
  ],
  address: [
    {
      id: "ADDR-1",
      period: { start: "2020-01-01" },
      use: "home",
      line: ["1 Trevelyan Square", "Boar Lane", "City Centre", "Leeds", "West Yorkshire"],
      postalCode: "LS1 6AE",
      extension: [
        {
          url: "https://fhir.hl7.org.uk/StructureDefinition/Extension-UKCore-AddressKey",
          extension: [
            { url: "type", valueCoding: { system: "https://fhir.hl7.org.uk/CodeSystem/UKCore-AddressKeyType", code: "PAF" } },
            { url: "value", valueString: "12345678" },
          ],
        },
      ],
    },
    {
      id: "ADDR-2",
      period: { start: "2020-01-01", end: "2030-12-31" },
      use: "temp",
      text: "Student Accommodation",
      line: ["1 Trevelyan Square", "Boar Lane", "City Centre", "Leeds", "West Yorkshire"],
      postalCode: "LS1 6AE",
    },
  ],
};

const janetSmythe: FhirPatient = {
  ...pdsRecord("9000000025", 2, "R"),
  name: [{ id: "NAME-1", use: "usual", period: { start: "2010-10-22" }, given: ["Janet"], family: "Smythe", prefix: ["Mrs"], suffix: ["MBE"] }],
  gender: "female",
  birthDate: "2010-10-22",
  multipleBirthInteger: 1,
  deceasedDateTime: "2010-10-22T00:00:00+00:00",
  extension: [deathNotification("2", "Formal - death notice received from Registrar of Deaths", "2010-10-22T00:00:00+00:00")],
};

/** A record with an NHS number and nothing else: the "bad data quality" case. */
const minimalRecord: FhirPatient = {
  ...pdsRecord("9000000033", 2, "U"),
};

/**
 * Not in the NHS sandbox: a record whose text fields carry markup, to show that upstream content is
 * displayed as text and never run.
 */
const untrustedContent: FhirPatient = {
  ...pdsRecord("9000000076", 1, "U"),
  name: [
    {
      id: "NAME-1",
      use: "usual",
      period: { start: "1980-01-01" },
      // within PDS's 35 characters a name, as every name in PDS is
      given: ['<script>__injected="pds"</script>'],
      family: "<img src=x onerror=__injected=1>X",
    },
  ],
  gender: "unknown",
  birthDate: "1980-01-01",
  address: [{ id: "ADDR-1", use: "home", period: { start: "1980-01-01" }, line: ["<b>1</b> Markup Street"], postalCode: "LS1 1AA" }],
};

export const PDS_PATIENTS: ReadonlyMap<string, FhirPatient> = new Map(
  [janeSmith, janetSmythe, minimalRecord, untrustedContent, ...PDS_POPULATION].map((patient) => [patient.id, patient]),
);
