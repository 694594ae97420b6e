/** Related people (next of kin, guardians) for the stand-in's patients. */
const ROLE_SYSTEM = "https://fhir.nhs.uk/R4/CodeSystem/UKCore-AdditionalRelatedPersonRole";
/** PDS names relationship types by this value set, not by HL7's v3 RoleCode code system (PDS spec, codeable/Relationship.yaml). */
const RELATIONSHIP_TYPE_SYSTEM = "http://hl7.org/fhir/ValueSet/relatedperson-relationshiptype";

function relatedPerson(
  id: string,
  patientNhsNumber: string,
  relationship: { system: string; code: string; display: string },
  person: { family: string; given: string[]; prefix?: string; phone?: string; lines?: string[]; postcode?: string; nhsNumber?: string },
  rank: number,
) {
  return {
    resourceType: "RelatedPerson",
    id,
    active: true,
    patient: {
      type: "Patient",
      identifier: { system: "https://fhir.nhs.uk/Id/nhs-number", value: person.nhsNumber ?? patientNhsNumber },
    },
    name: [{ use: "usual", family: person.family, given: person.given, ...(person.prefix ? { prefix: [person.prefix] } : {}) }],
    relationship: [{ coding: [relationship] }],
    ...(person.phone ? { telecom: [{ system: "phone", value: person.phone, use: "home" }] } : {}),
    ...(person.lines ? { address: [{ use: "home", line: person.lines, ...(person.postcode ? { postalCode: person.postcode } : {}) }] } : {}),
    extension: [
      { url: "https://fhir.nhs.uk/R4/StructureDefinition/Extension-UKCore-ContactRank", valuePositiveInt: rank },
      { url: "https://fhir.nhs.uk/R4/StructureDefinition/Extension-UKCore-CopyCorrespondenceIndicator", valueBoolean: rank === 1 },
    ],
  };
}

export const RELATED_PERSONS: ReadonlyMap<string, ReturnType<typeof relatedPerson>[]> = new Map([
  [
    "9000000009",
    [
      relatedPerson(
        "507B7621",
        "9000000009",
        { system: RELATIONSHIP_TYPE_SYSTEM, code: "MTH", display: "mother" },
        { family: "Smith", given: ["Helen"], prefix: "Mrs", phone: "01632960588", lines: ["1 Trevelyan Square", "Boar Lane", "Leeds"], postcode: "LS1 6AE" },
        1,
      ),
      relatedPerson(
        "B3380E98",
        "9000000009",
        { system: ROLE_SYSTEM, code: "Personal", display: "Next-of-Kin" },
        { family: "Smith", given: ["David"], prefix: "Mr", phone: "01632960589" },
        2,
      ),
    ],
  ],
  [
    // a restricted (S) patient of the stand-in's own population: his daughter's address and phone would show where he lives
    "9693632125",
    [
      relatedPerson(
        "C71D0A52",
        "9693632125",
        { system: RELATIONSHIP_TYPE_SYSTEM, code: "CHILD", display: "child" },
        {
          family: "Godsoe",
          given: ["Margaret"],
          prefix: "Mrs",
          phone: "01632960777",
          lines: ["14 Orchard Close", "Scawby", "Brigg"],
          postcode: "DN20 9AB",
          nhsNumber: "9449305552",
        },
        1,
      ),
    ],
  ],
  [
    "9000000017",
    [
      relatedPerson(
        "F4CF8B96",
        "9000000017",
        { system: ROLE_SYSTEM, code: "Guardian", display: "Guardian of patient" },
        { family: "Smith", given: ["Jane"], prefix: "Mrs", nhsNumber: "5328023641" },
        1,
      ),
    ],
  ],
]);
