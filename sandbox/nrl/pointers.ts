/**
 * National Record Locator pointers to documents about the demo patients, and which pointer types
 * each consuming organisation may see. The NHS sandbox's ODS-code rules are kept as they are; the
 * demo organisations are added so that the app's users see pointers (or, at a pharmacy, are refused).
 */

export const POINTER_TYPES = {
  "736253002": { display: "Mental health crisis plan", category: { code: "734163000", display: "Care plan" } },
  "736253001": { display: "Mental health care plan", category: { code: "734163000", display: "Care plan" } },
  "887701000000100": { display: "Emergency health care plan", category: { code: "734163000", display: "Care plan" } },
  "1363501000000100": { display: "Royal College of Physicians NEWS2 chart", category: { code: "1102421000000108", display: "Observations" } },
  "861421000000109": { display: "End of life care coordination summary", category: { code: "734163000", display: "Care plan" } },
} as const;
export type PointerType = keyof typeof POINTER_TYPES;

const ALL_TYPES = Object.keys(POINTER_TYPES) as PointerType[];

export const ALLOWED_POINTER_TYPES: Record<string, PointerType[]> = {
  Y05868: ["736253002", "887701000000100", "1363501000000100", "861421000000109"],
  RJ11: ["736253001", "736253002"],
  "8J008": ["1363501000000100"],
  RY26A: ["861421000000109"],
  RM559: ["736253002"],
  Y12345: ALL_TYPES,
  A20047: ALL_TYPES,
  RX8UC: ["736253002", "887701000000100", "861421000000109"],
  RX9UC: ["736253002", "887701000000100", "861421000000109"],
};

export interface DemoPointer {
  id: string;
  nhsNumber: string;
  type: PointerType;
  custodianOdsCode: string;
  authorOdsCode: string;
  date: string;
  status: "current" | "superseded";
  title: string;
  content: { contentType: "application/pdf"; lines: string[] } | { contentType: "application/fhir+json"; resource: Record<string, unknown> };
}

export const POINTERS: DemoPointer[] = [
  {
    id: "X26-1634567890",
    nhsNumber: "9000000017",
    type: "736253002",
    custodianOdsCode: "X26",
    authorOdsCode: "X26",
    date: "2025-04-12T10:00:00+00:00",
    status: "current",
    title: "Mental health crisis plan",
    content: {
      contentType: "application/pdf",
      lines: [
        "Patient: Jayne SMYTH, NHS number 900 000 0017",
        "Crisis contact: Humber Crisis Response Team, 01482 960 200",
        "Triggers: sleep loss; missed medication",
        "What helps: quiet space, call sister first",
      ],
    },
  },
  {
    id: "Y05868-1234567892",
    nhsNumber: "9000000017",
    type: "736253002",
    custodianOdsCode: "Y05868",
    authorOdsCode: "Y05868",
    date: "2026-02-03T14:20:00+00:00",
    status: "current",
    title: "Mental health crisis plan (updated)",
    content: {
      contentType: "application/pdf",
      lines: ["Patient: Jayne SMYTH, NHS number 900 000 0017", "Reviewed 3 February 2026 by the crisis team", "Crisis contact: 01482 960 200 (24 hours)"],
    },
  },
  {
    id: "Y05868-2000000001",
    nhsNumber: "9000000009",
    type: "736253002",
    custodianOdsCode: "Y05868",
    authorOdsCode: "Y05868",
    date: "2026-08-19T09:30:00+00:00",
    status: "current",
    title: "Mental health crisis plan",
    content: {
      contentType: "application/pdf",
      lines: [
        "Patient: Jane SMITH, NHS number 900 000 0009",
        "Crisis contact: Humber Crisis Response Team, 01482 960 200",
        "Known triggers: hospital admissions",
        "Preferred approach: explain each step before it happens",
      ],
    },
  },
  {
    id: "Y05868-2000000000",
    nhsNumber: "9000000009",
    type: "736253002",
    custodianOdsCode: "Y05868",
    authorOdsCode: "Y05868",
    date: "2025-01-07T09:30:00+00:00",
    status: "superseded",
    title: "Mental health crisis plan (previous version)",
    content: { contentType: "application/pdf", lines: ["Superseded on 19 August 2026"] },
  },
  {
    id: "RY26A-2000000002",
    nhsNumber: "9000000009",
    type: "861421000000109",
    custodianOdsCode: "RY26A",
    authorOdsCode: "RY26A",
    date: "2026-10-30T16:00:00+00:00",
    status: "current",
    title: "End of life care coordination summary",
    content: {
      contentType: "application/fhir+json",
      resource: {
        resourceType: "Composition",
        status: "final",
        type: { coding: [{ system: "http://snomed.info/sct", code: "861421000000109", display: "End of life care coordination summary" }] },
        date: "2026-10-30T16:00:00+00:00",
        author: [{ identifier: { system: "https://fhir.nhs.uk/Id/ods-organization-code", value: "RY26A" } }],
        title: "End of life care coordination summary",
        section: [
          { title: "Preferred place of care", text: { status: "generated", div: '<div xmlns="http://www.w3.org/1999/xhtml">Home</div>' } },
          {
            title: "Resuscitation status",
            text: {
              status: "generated",
              div: '<div xmlns="http://www.w3.org/1999/xhtml">Do not attempt cardiopulmonary resuscitation (DNACPR) decision recorded 30 October 2026</div>',
            },
          },
        ],
      },
    },
  },
  {
    id: "Y12345-2000000003",
    nhsNumber: "9000000009",
    type: "887701000000100",
    custodianOdsCode: "Y12345",
    authorOdsCode: "Y12345",
    date: "2026-05-14T11:10:00+00:00",
    status: "current",
    title: "Emergency health care plan",
    content: {
      contentType: "application/pdf",
      lines: [
        "Patient: Jane SMITH, NHS number 900 000 0009",
        "In an emergency: call 999 and state severe allergy to wasp venom",
        "Adrenaline auto-injector carried in school bag",
      ],
    },
  },
  {
    id: "A20047-3000000001",
    nhsNumber: "9693632109",
    type: "887701000000100",
    custodianOdsCode: "A20047",
    authorOdsCode: "A20047",
    date: "2026-09-22T10:45:00+00:00",
    status: "current",
    title: "Emergency health care plan",
    content: {
      contentType: "application/pdf",
      lines: [
        "Patient: Bill GARTON, NHS number 969 363 2109",
        "Type 2 diabetes: if found drowsy check blood glucose; give glucose tablets if under 4 mmol/L",
        "Allergies: penicillin (rash), codeine (vomiting)",
      ],
    },
  },
  {
    id: "Y05868-3000000002",
    nhsNumber: "9693632109",
    type: "1363501000000100",
    custodianOdsCode: "Y05868",
    authorOdsCode: "Y05868",
    date: "2026-11-12T03:40:00+00:00",
    status: "current",
    title: "NEWS2 chart",
    content: {
      contentType: "application/pdf",
      lines: [
        "Patient: Bill GARTON, NHS number 969 363 2109",
        "12 November 2026 03:40 - NEWS2 score 3 (respiratory rate 21, SpO2 95%)",
        "12 November 2026 07:40 - NEWS2 score 1",
      ],
    },
  },
  {
    // upstream content is untrusted: markup in a title must be shown as text
    id: "Y05868-3000000003",
    nhsNumber: "9000000076",
    type: "1363501000000100",
    custodianOdsCode: "Y05868",
    authorOdsCode: "Y05868",
    date: "2026-10-01T09:00:00+00:00",
    status: "current",
    title: '<img src=x onerror="window.__injected = 2">NEWS2 chart',
    content: { contentType: "application/pdf", lines: ["12 October 2026 09:00 - NEWS2 score 0"] },
  },
];
