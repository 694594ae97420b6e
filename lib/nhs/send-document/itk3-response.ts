import { randomUUID } from "node:crypto";
import { z } from "zod";

/**
 * ITK3 responses (ITK3 FHIR Messaging Distribution, "response patterns"): a message Bundle whose MessageHeader
 * answers the original MessageHeader's id, with an OperationOutcome coded from the ITK response codes. Which code
 * marks an infrastructure response and which a business one is held here alone, since the codes below are this
 * project's reading of the ITK3 response code list [unverified: check against ITK-ResponseCodes at assurance].
 */
export const ITK_RESPONSE_CODE_SYSTEM = "https://fhir.nhs.uk/STU3/CodeSystem/ITK-ResponseCodes-1";
export const ITK_MESSAGE_EVENT_SYSTEM = "https://fhir.nhs.uk/STU3/CodeSystem/ITK-MessageEvent-2";
export const ITK_RESPONSE_EVENT = "ITK008M";
export const ITK_HANDLING_EXTENSION = "https://fhir.nhs.uk/STU3/StructureDefinition/Extension-ITK-MessageHandling-2";

export type Itk3ResponseKind = "infrastructure" | "business";

export const ITK_RESPONSE_CODES = {
  infrastructureOk: { code: "10001", display: "Success: message received and its envelope accepted" },
  businessOk: { code: "10002", display: "Success: payload accepted by the receiving system" },
  infrastructureFailed: { code: "20001", display: "Message could not be processed" },
  patientNotRegistered: { code: "30001", display: "Patient not registered at this practice" },
  payloadRejected: { code: "30002", display: "Payload rejected by the receiving system" },
} as const;

/** Business codes are the 10002 success and the 3xxxx refusals; the rest are the envelope's (infrastructure). */
export function responseKindOf(code: string): Itk3ResponseKind {
  return code === ITK_RESPONSE_CODES.businessOk.code || code.startsWith("3") ? "business" : "infrastructure";
}

export function itk3Response(options: {
  respondingTo: string;
  ok: boolean;
  code: { code: string; display: string };
  senderOdsCode: string;
  destinationMailbox: string;
}): Record<string, unknown> {
  const outcomeId = randomUUID();
  return {
    resourceType: "Bundle",
    id: randomUUID(),
    meta: { profile: ["https://fhir.nhs.uk/STU3/StructureDefinition/ITK-Message-Bundle-1"] },
    identifier: { system: "https://tools.ietf.org/html/rfc4122", value: randomUUID() },
    type: "message",
    entry: [
      {
        fullUrl: `urn:uuid:${randomUUID()}`,
        resource: {
          resourceType: "MessageHeader",
          id: randomUUID(),
          event: { system: ITK_MESSAGE_EVENT_SYSTEM, code: ITK_RESPONSE_EVENT, display: "ITK Response" },
          timestamp: new Date().toISOString(),
          source: { endpoint: options.senderOdsCode },
          destination: [{ endpoint: options.destinationMailbox }],
          response: { identifier: options.respondingTo, code: options.ok ? "ok" : "fatal-error", details: { reference: `urn:uuid:${outcomeId}` } },
        },
      },
      {
        fullUrl: `urn:uuid:${outcomeId}`,
        resource: {
          resourceType: "OperationOutcome",
          id: outcomeId,
          issue: [
            {
              severity: options.ok ? "information" : "error",
              code: options.ok ? "informational" : "processing",
              details: { coding: [{ system: ITK_RESPONSE_CODE_SYSTEM, code: options.code.code, display: options.code.display }] },
            },
          ],
        },
      },
    ],
  };
}

const responseBundle = z.object({
  resourceType: z.literal("Bundle"),
  type: z.literal("message"),
  entry: z.array(z.object({ resource: z.object({ resourceType: z.string() }).passthrough() })).min(1),
});
const responseHeader = z.object({
  resourceType: z.literal("MessageHeader"),
  event: z.object({ code: z.literal(ITK_RESPONSE_EVENT) }).passthrough(),
  response: z.object({ identifier: z.string().min(1), code: z.enum(["ok", "transient-error", "fatal-error"]) }),
});
const responseOutcome = z.object({
  resourceType: z.literal("OperationOutcome"),
  issue: z
    .array(
      z.object({
        details: z.object({ coding: z.array(z.object({ system: z.string().optional(), code: z.string(), display: z.string().optional() })) }).optional(),
      }),
    )
    .min(1),
});

export interface Itk3Response {
  /** The MessageHeader id of the message it answers. */
  respondingTo: string;
  kind: Itk3ResponseKind;
  ok: boolean;
  code: string | null;
  display: string | null;
}

/** An ITK3 response read from a MESH message body, or null when the body is not one. */
export function parseItk3Response(body: Buffer | string): Itk3Response | null {
  let json: unknown;
  try {
    json = JSON.parse(typeof body === "string" ? body : body.toString("utf8"));
  } catch {
    return null;
  }
  const bundle = responseBundle.safeParse(json);
  if (!bundle.success) return null;
  const header = bundle.data.entry.map((entry) => responseHeader.safeParse(entry.resource)).find((result) => result.success)?.data;
  if (!header) return null;
  const outcome = bundle.data.entry.map((entry) => responseOutcome.safeParse(entry.resource)).find((result) => result.success)?.data;
  const coding = outcome?.issue[0]?.details?.coding.find((candidate) => candidate.system === ITK_RESPONSE_CODE_SYSTEM);
  const ok = header.response.code === "ok";
  return {
    respondingTo: header.response.identifier,
    kind: coding ? responseKindOf(coding.code) : "infrastructure",
    ok,
    code: coding?.code ?? null,
    display: coding?.display ?? null,
  };
}
