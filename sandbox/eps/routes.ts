import { randomUUID } from "node:crypto";
import type { FastifyInstance, FastifyReply } from "fastify";
import { isValidNhsNumber } from "../../lib/format/nhs-number";
import { isValidPrescriptionId } from "../../lib/format/prescription-id";
import { searchEntry, sendFhir, uuidEntry } from "../common/fhir";
import type { FhirPatient } from "../pds/fixtures";
import {
  CANCELLATION_REASONS,
  findPrescription,
  issuesOf,
  ITEM_STATUS,
  NOT_DISPENSED_REASONS,
  PRESCRIPTION_STATUS,
  prescriptionsFor,
  type DemoPrescription,
} from "./prescriptions";
import { NHS_APIS } from "../../lib/nhs/catalogue";

export const EPS_BASE_PATH = NHS_APIS.eps.basePath;

const ORDER_NUMBER = "https://fhir.nhs.uk/Id/prescription-order-number";
const ODS = "https://fhir.nhs.uk/Id/ods-organization-code";
const BUSINESS_STATUS = "https://fhir.nhs.uk/CodeSystem/EPS-task-business-status";
const INTENT = { acute: "order", repeat: "instance-order", erd: "reflex-order" } as const;
const COURSE = {
  acute: { code: "acute", display: "Short course (acute) therapy" },
  repeat: { code: "continuous", display: "Continuous long term therapy" },
  erd: { code: "continuous-repeat-dispensing", display: "Continuous long term (repeat dispensing)" },
} as const;

function trackerError(reply: FastifyReply, status: 400 | 404, code: "value" | "not-found", errorCode: string, diagnostics: string) {
  return sendFhir(reply, status, {
    resourceType: "OperationOutcome",
    meta: { lastUpdated: new Date().toISOString() },
    issue: [
      {
        code,
        severity: "error",
        diagnostics,
        details: {
          coding: [
            {
              system: "https://fhir.nhs.uk/CodeSystem/http-error-codes",
              code: errorCode,
              display: status === 400 ? "400: The Server was unable to process the request." : "404: The Server was unable to find the specified resource.",
            },
          ],
        },
      },
    ],
  });
}

const requestGroupStatus = (prescription: DemoPrescription) =>
  prescription.status === "0005" ? "revoked" : ["0004", "0006", "0007"].includes(prescription.status) ? "completed" : "active";

function statusExtensions(prescription: DemoPrescription) {
  return [
    {
      url: "https://fhir.nhs.uk/StructureDefinition/Extension-EPS-PrescriptionStatusHistory",
      extension: [{ url: "status", valueCoding: { system: BUSINESS_STATUS, code: prescription.status, display: PRESCRIPTION_STATUS[prescription.status] } }],
    },
    ...(prescription.issue
      ? [
          {
            url: "https://fhir.nhs.uk/StructureDefinition/Extension-EPS-RepeatInformation",
            extension: [
              { url: "numberOfRepeatsIssued", valueInteger: prescription.issue.number },
              { url: "numberOfRepeatsAllowed", valueInteger: prescription.issue.of },
            ],
          },
        ]
      : []),
    {
      url: "https://fhir.nhs.uk/StructureDefinition/Extension-PendingCancellation",
      extension: [
        { url: "prescriptionPendingCancellation", valueBoolean: Boolean(prescription.pendingCancellation) },
        { url: "lineItemPendingCancellation", valueBoolean: prescription.items.some((item) => item.pendingCancellation) },
      ],
    },
  ];
}

function patientEntry(nhsNumber: string, patient: FhirPatient | undefined, detailed: boolean) {
  const id = randomUUID();
  const source = (patient ?? {}) as Record<string, unknown>;
  return {
    id,
    entry: searchEntry(`urn:uuid:${id}`, "include", {
      resourceType: "Patient",
      id,
      identifier: [{ system: "https://fhir.nhs.uk/Id/nhs-number", value: nhsNumber }],
      ...(source.name
        ? {
            name: (source.name as Array<Record<string, unknown>>)
              .filter((name) => name.use === "usual")
              .map(({ family, given, prefix }) => ({ family, given, prefix })),
          }
        : {}),
      ...(detailed && source.birthDate ? { birthDate: source.birthDate } : {}),
      ...(detailed && source.gender ? { gender: source.gender } : {}),
      ...(detailed && source.address ? { address: source.address } : {}),
    }),
  };
}

function searchBundle(prescriptions: DemoPrescription[], nhsNumber: string, patient: FhirPatient | undefined) {
  const { id: patientId, entry } = patientEntry(nhsNumber, patient, false);
  return {
    resourceType: "Bundle",
    type: "searchset",
    total: prescriptions.length,
    entry: [
      entry,
      ...prescriptions.map((prescription) =>
        uuidEntry("match", (id) => ({
          resourceType: "RequestGroup",
          id,
          identifier: [{ system: ORDER_NUMBER, value: prescription.prescriptionId }],
          subject: { reference: `urn:uuid:${patientId}` },
          status: requestGroupStatus(prescription),
          intent: INTENT[prescription.type],
          authoredOn: prescription.authoredOn,
          extension: statusExtensions(prescription),
        })),
      ),
    ],
  };
}

function clinicalView(prescription: DemoPrescription, patient: FhirPatient | undefined) {
  const { id: patientId, entry: patient_ } = patientEntry(prescription.nhsNumber, patient, true);
  const roleId = randomUUID();
  const dispenserId = randomUUID();
  const course = COURSE[prescription.type];
  const requests = prescription.items.map((item) => {
    const id = randomUUID();
    const cancelled = item.status === "0005";
    return {
      id,
      item,
      resource: {
        resourceType: "MedicationRequest",
        id,
        identifier: [{ system: "https://fhir.nhs.uk/Id/prescription-order-item-number", value: item.itemId }],
        subject: { reference: `urn:uuid:${patientId}` },
        status: cancelled ? "cancelled" : item.status === "0001" || item.status === "0002" ? "completed" : "active",
        ...(item.cancellationReason
          ? {
              statusReason: {
                coding: [
                  {
                    system: "https://fhir.nhs.uk/CodeSystem/medicationrequest-status-reason",
                    code: item.cancellationReason,
                    display: CANCELLATION_REASONS[item.cancellationReason],
                  },
                ],
              },
            }
          : {}),
        intent: "order",
        requester: { reference: `urn:uuid:${roleId}` },
        performer: { identifier: [{ system: ODS, value: prescription.nominatedDispenserOdsCode }] },
        groupIdentifier: { system: ORDER_NUMBER, value: prescription.prescriptionId },
        medicationCodeableConcept: { text: item.name },
        courseOfTherapyType: { coding: [{ system: "http://terminology.hl7.org/CodeSystem/medicationrequest-course-of-therapy", ...course }] },
        dispenseRequest: {
          quantity: { value: item.quantity, unit: item.unit },
          performer: { identifier: [{ system: ODS, value: prescription.nominatedDispenserOdsCode }] },
          ...(prescription.issue ? { numberOfRepeatsAllowed: prescription.issue.of } : {}),
        },
        dosageInstruction: [{ text: item.dosage }],
        substitution: { allowedBoolean: false },
        extension: [
          {
            url: "https://fhir.nhs.uk/StructureDefinition/Extension-EPS-DispensingInformation",
            extension: [
              {
                url: "dispenseStatus",
                valueCoding: { system: "https://fhir.nhs.uk/CodeSystem/medicationdispense-type", code: item.status, display: ITEM_STATUS[item.status] },
              },
            ],
          },
          {
            url: "https://fhir.nhs.uk/StructureDefinition/Extension-PendingCancellation",
            extension: [{ url: "lineItemPendingCancellation", valueBoolean: Boolean(item.pendingCancellation) }],
          },
        ],
      },
    };
  });
  const dispenses = requests
    .filter(({ item }) => ["0001", "0002", "0003", "0004"].includes(item.status))
    .map(({ id: requestId, item }) =>
      uuidEntry("include", (id) => ({
        resourceType: "MedicationDispense",
        id,
        identifier: [{ system: "https://fhir.nhs.uk/Id/prescription-order-item-number", value: item.itemId }],
        subject: { reference: `urn:uuid:${patientId}` },
        status: item.status === "0002" ? "declined" : item.status === "0001" ? "completed" : "in-progress",
        ...(item.notDispensedReason
          ? {
              statusReasonCodeableConcept: {
                coding: [
                  {
                    system: "https://fhir.nhs.uk/CodeSystem/medicationdispense-status-reason",
                    code: item.notDispensedReason,
                    display: NOT_DISPENSED_REASONS[item.notDispensedReason],
                  },
                ],
              },
            }
          : {}),
        performer: [{ actor: { reference: `urn:uuid:${dispenserId}` } }],
        type: { coding: [{ system: "https://fhir.nhs.uk/CodeSystem/medicationdispense-type", code: item.status, display: ITEM_STATUS[item.status] }] },
        authorizingPrescription: [{ reference: `urn:uuid:${requestId}` }],
        medicationCodeableConcept: { text: item.name },
        quantity: { value: item.dispensedQuantity ?? 0, unit: item.unit },
        dosageInstruction: [{ text: item.dosage }],
      })),
    );
  const requestGroupId = randomUUID();
  return {
    resourceType: "Bundle",
    type: "searchset",
    total: 1,
    entry: [
      patient_,
      searchEntry(`urn:uuid:${roleId}`, "include", {
        resourceType: "PractitionerRole",
        id: roleId,
        practitioner: { display: `${prescription.prescriber.prefix} ${prescription.prescriber.given} ${prescription.prescriber.family}` },
        organization: { identifier: { system: ODS, value: prescription.prescriberOdsCode } },
      }),
      ...(prescription.dispenserOdsCode
        ? [
            searchEntry(`urn:uuid:${dispenserId}`, "include", {
              resourceType: "Organization",
              id: dispenserId,
              identifier: [{ system: ODS, value: prescription.dispenserOdsCode }],
            }),
          ]
        : []),
      ...requests.map(({ id, resource }) => searchEntry(`urn:uuid:${id}`, "include", resource)),
      ...dispenses,
      searchEntry(`urn:uuid:${requestGroupId}`, "match", {
        resourceType: "RequestGroup",
        id: requestGroupId,
        identifier: [{ system: ORDER_NUMBER, value: prescription.prescriptionId }],
        subject: { reference: `urn:uuid:${patientId}` },
        status: requestGroupStatus(prescription),
        intent: INTENT[prescription.type],
        author: { identifier: { system: ODS, value: prescription.prescriberOdsCode } },
        authoredOn: prescription.authoredOn,
        extension: [
          ...statusExtensions(prescription),
          ...(prescription.cancellationReason
            ? [
                {
                  url: "https://fhir.nhs.uk/StructureDefinition/Extension-EPS-CancellationReason",
                  valueCoding: {
                    system: "https://fhir.nhs.uk/CodeSystem/medicationrequest-status-reason",
                    code: prescription.cancellationReason,
                    display: CANCELLATION_REASONS[prescription.cancellationReason],
                  },
                },
              ]
            : []),
        ],
        action: [
          {
            title: "Prescription Line Items(Medications)",
            action: requests.map(({ id }) => ({ resource: { reference: `urn:uuid:${id}` } })),
          },
          {
            title: "Prescription status transitions",
            action: prescription.history.map((change) => ({
              title: change.title,
              timingDateTime: change.at,
              code: [{ coding: [{ system: BUSINESS_STATUS, code: change.status, display: PRESCRIPTION_STATUS[change.status] }] }],
              participant: [
                {
                  extension: [
                    {
                      url: "http://hl7.org/fhir/5.0/StructureDefinition/extension-RequestOrchestration.action.participant.typeReference",
                      valueReference: { identifier: { system: ODS, value: change.odsCode } },
                    },
                  ],
                },
              ],
            })),
          },
          ...(issuesOf(prescription.prescriptionId).length > 1
            ? [
                {
                  title: "Other issues of this prescription",
                  action: issuesOf(prescription.prescriptionId)
                    .filter((other) => other.issue?.number !== prescription.issue?.number)
                    .map((other) => ({
                      title: `Issue ${other.issue?.number} of ${other.issue?.of}`,
                      code: [{ coding: [{ system: BUSINESS_STATUS, code: other.status, display: PRESCRIPTION_STATUS[other.status] }] }],
                      timingDateTime: other.authoredOn,
                    })),
                },
              ]
            : []),
        ],
      }),
    ],
  };
}

function missingHeader(headers: Record<string, string | string[] | undefined>): string | undefined {
  return ["nhsd-session-urid", "nhsd-organization-uuid"].find((name) => typeof headers[name] !== "string" || headers[name] === "");
}

export function registerEps(app: FastifyInstance, patient: (nhsNumber: string) => FhirPatient | undefined) {
  app.get<{ Querystring: Record<string, string | undefined> }>(`${EPS_BASE_PATH}/RequestGroup`, async (request, reply) => {
    const header = missingHeader(request.headers);
    if (header) return trackerError(reply, 400, "value", "BAD_REQUEST", `Missing required header: ${header}`);
    const { nhsNumber, prescriptionId } = request.query;
    if (nhsNumber && prescriptionId) return trackerError(reply, 400, "value", "BAD_REQUEST", "Search by either nhsNumber or prescriptionId, not both");
    if (!nhsNumber && !prescriptionId) return trackerError(reply, 400, "value", "BAD_REQUEST", "Either nhsNumber or prescriptionId is required");
    if (nhsNumber !== undefined) {
      if (!isValidNhsNumber(nhsNumber)) return trackerError(reply, 400, "value", "BAD_REQUEST", "nhsNumber is not a valid NHS number");
      const found = prescriptionsFor(nhsNumber).sort((a, b) => b.authoredOn.localeCompare(a.authoredOn));
      return sendFhir(reply, 200, searchBundle(found, nhsNumber, patient(nhsNumber)));
    }
    if (!isValidPrescriptionId(prescriptionId!)) return trackerError(reply, 400, "value", "BAD_REQUEST", "prescriptionId is not a valid prescription ID");
    const issues = issuesOf(prescriptionId!);
    if (issues.length === 0) return sendFhir(reply, 200, { resourceType: "Bundle", type: "searchset", total: 0, entry: [] });
    return sendFhir(reply, 200, searchBundle(issues, issues[0].nhsNumber, patient(issues[0].nhsNumber)));
  });

  app.get<{ Params: { prescriptionId: string }; Querystring: { issueNumber?: string } }>(
    `${EPS_BASE_PATH}/RequestGroup/:prescriptionId`,
    async (request, reply) => {
      const header = missingHeader(request.headers);
      if (header) return trackerError(reply, 400, "value", "BAD_REQUEST", `Missing required header: ${header}`);
      const { prescriptionId } = request.params;
      if (!isValidPrescriptionId(prescriptionId)) return trackerError(reply, 400, "value", "BAD_REQUEST", "prescriptionId is not a valid prescription ID");
      const { issueNumber } = request.query;
      if (issueNumber !== undefined && !/^[1-9]\d{0,2}$/.test(issueNumber)) {
        return trackerError(reply, 400, "value", "BAD_REQUEST", "issueNumber must be a whole number from 1");
      }
      const prescription = findPrescription(prescriptionId, issueNumber === undefined ? undefined : Number(issueNumber));
      if (!prescription) return trackerError(reply, 404, "not-found", "NOT_FOUND", "Prescription not found");
      return sendFhir(reply, 200, clinicalView(prescription, patient(prescription.nhsNumber)));
    },
  );
}
