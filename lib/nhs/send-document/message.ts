import { z } from "zod";
import { ITK_HANDLING_EXTENSION, ITK_MESSAGE_EVENT_SYSTEM } from "./itk3-response";

/** GP Connect Send Document's MESH workflow, and its acknowledgements' (GPCM-SD-056...064). */
export const SEND_DOCUMENT_WORKFLOW = "GPFED_CONSULT_REPORT";
export const SEND_DOCUMENT_ACK_WORKFLOW = "GPFED_CONSULT_REPORT_ACK";

const NHS_NUMBER_SYSTEM = "https://fhir.nhs.uk/Id/nhs-number";
const ODS_SYSTEM = "https://fhir.nhs.uk/Id/ods-organization-code";
const SDS_ROLE_PROFILE_SYSTEM = "https://fhir.nhs.uk/Id/sds-role-profile-id";

export const sendDocumentPatient = z.object({
  nhsNumber: z.string().regex(/^\d{10}$/),
  family: z.string().min(1),
  given: z.array(z.string()),
  /** YYYY-MM-DD */
  birthDate: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  gender: z.string().nullable(),
});
export type SendDocumentPatient = z.infer<typeof sendDocumentPatient>;

export interface SendDocumentMessage {
  /** The MessageHeader's id: what ITK3 responses answer. Fixed when the summary is started. */
  messageHeaderId: string;
  bundleId: string;
  taskId: string;
  patient: SendDocumentPatient;
  /** The registered practice, from PDS (and its name from ODS). */
  practice: { odsCode: string; name: string };
  sender: { odsCode: string; organisationName: string; practitionerName: string; sdsRoleProfileId: string; mailboxId: string };
  /** When the consultation was written, ISO 8601: also the PDF's and the message's date. */
  writtenAt: string;
  title: string;
  pdf: Uint8Array;
}

/** `GPPROVIDER_{NHS number}_{date of birth YYYYMMDD}_{surname}`: automated routing to the registered practice. */
export function gpProviderAddress(patient: Pick<SendDocumentPatient, "nhsNumber" | "birthDate" | "family">): string {
  return `GPPROVIDER_${patient.nhsNumber}_${patient.birthDate.replaceAll("-", "")}_${patient.family.toUpperCase()}`;
}

/**
 * Mex-Subject as GPCM-SD-064 has it: "Consultation report for {patient}, NHS Number {n}, seen at {organisation},
 * ODS Code {code}". MESH headers are printable ASCII: anything else in a name is dropped.
 */
export function sendDocumentSubject(message: Pick<SendDocumentMessage, "patient" | "sender">): string {
  const name = [...message.patient.given, message.patient.family.toUpperCase()].join(" ");
  const text = `Consultation report for ${name}, NHS Number ${message.patient.nhsNumber}, seen at ${message.sender.organisationName}, ODS Code ${message.sender.odsCode}`;
  return text.replace(/[^\x20-\x7e]/g, "").slice(0, 500);
}

const fullUrl = (id: string) => `urn:uuid:${id}`;

/**
 * The ITK3 message: a MessageHeader asking for infrastructure and business acknowledgements, then the payload
 * bundle (senddocument_fedcon_payload) with the Task whose input is the PDF, the Patient, the sending Organization
 * and the Practitioner, and the registered practice as the Task's owner.
 */
export function sendDocumentBundle(message: SendDocumentMessage): Record<string, unknown> {
  const ids = { patient: `${message.taskId}-p`, sender: `${message.taskId}-o`, practice: `${message.taskId}-g`, practitioner: `${message.taskId}-u` };
  const payloadId = `${message.bundleId}-payload`;
  const organisation = (id: string, odsCode: string, name: string) => ({
    fullUrl: fullUrl(id),
    resource: { resourceType: "Organization", id, identifier: [{ system: ODS_SYSTEM, value: odsCode }], name },
  });
  const payload = {
    resourceType: "Bundle",
    id: payloadId,
    meta: { profile: ["https://fhir.nhs.uk/STU3/StructureDefinition/ITK-Payload-Bundle-1"] },
    type: "collection",
    entry: [
      {
        fullUrl: fullUrl(message.taskId),
        resource: {
          resourceType: "Task",
          id: message.taskId,
          status: "completed",
          intent: "order",
          code: { coding: [{ system: "http://snomed.info/sct", code: "371531000", display: "Report of clinical encounter" }] },
          description: message.title,
          for: { reference: fullUrl(ids.patient) },
          authoredOn: message.writtenAt,
          requester: { agent: { reference: fullUrl(ids.practitioner) }, onBehalfOf: { reference: fullUrl(ids.sender) } },
          owner: { reference: fullUrl(ids.practice) },
          input: [
            {
              type: { coding: [{ system: "http://snomed.info/sct", code: "371531000", display: "Report of clinical encounter" }] },
              valueAttachment: {
                contentType: "application/pdf",
                data: Buffer.from(message.pdf).toString("base64"),
                title: message.title,
                creation: message.writtenAt,
              },
            },
          ],
        },
      },
      {
        fullUrl: fullUrl(ids.patient),
        resource: {
          resourceType: "Patient",
          id: ids.patient,
          identifier: [{ system: NHS_NUMBER_SYSTEM, value: message.patient.nhsNumber }],
          name: [{ use: "official", family: message.patient.family, given: message.patient.given }],
          birthDate: message.patient.birthDate,
          ...(message.patient.gender ? { gender: message.patient.gender } : {}),
          generalPractitioner: [{ reference: fullUrl(ids.practice) }],
        },
      },
      organisation(ids.sender, message.sender.odsCode, message.sender.organisationName),
      organisation(ids.practice, message.practice.odsCode, message.practice.name),
      {
        fullUrl: fullUrl(ids.practitioner),
        resource: {
          resourceType: "Practitioner",
          id: ids.practitioner,
          identifier: [{ system: SDS_ROLE_PROFILE_SYSTEM, value: message.sender.sdsRoleProfileId }],
          name: [{ text: message.sender.practitionerName }],
        },
      },
    ],
  };
  return {
    resourceType: "Bundle",
    id: message.bundleId,
    meta: { profile: ["https://fhir.nhs.uk/STU3/StructureDefinition/ITK-Message-Bundle-1"] },
    identifier: { system: "https://tools.ietf.org/html/rfc4122", value: message.bundleId },
    type: "message",
    entry: [
      {
        fullUrl: fullUrl(message.messageHeaderId),
        resource: {
          resourceType: "MessageHeader",
          id: message.messageHeaderId,
          extension: [
            {
              url: ITK_HANDLING_EXTENSION,
              extension: [
                { url: "BusAckRequested", valueBoolean: true },
                { url: "InfAckRequested", valueBoolean: true },
                { url: "RecipientType", valueCoding: { system: "https://fhir.nhs.uk/STU3/CodeSystem/ITK-RecipientType-1", code: "FA", display: "For Action" } },
                {
                  url: "MessageDefinition",
                  valueReference: { reference: "https://fhir.nhs.uk/STU3/MessageDefinition/ITK-GPConnect-SendDocument-MessageDefinition-Instance-1" },
                },
                { url: "SenderReference", valueString: "None" },
                { url: "LocalExtension", valueString: "None" },
              ],
            },
          ],
          event: { system: ITK_MESSAGE_EVENT_SYSTEM, code: "ITK-GPC-SEND-DOC", display: "GP Connect Send Document" },
          timestamp: message.writtenAt,
          source: { endpoint: message.sender.mailboxId },
          sender: { reference: fullUrl(ids.sender) },
          focus: { reference: fullUrl(payloadId) },
        },
      },
      { fullUrl: fullUrl(payloadId), resource: payload },
    ],
  };
}
