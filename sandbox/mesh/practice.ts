import { ITK_RESPONSE_CODES, itk3Response } from "../../lib/nhs/send-document/itk3-response";

/** How a simulated practice system treats the summaries it receives. */
export type PracticeBehaviour = "accepts" | "rejects";

/**
 * The ITK3 acknowledgement a simulated practice sends for a message it collected, or null when the message
 * asked for none (or is not an ITK3 message: the practice then sends only a failed infrastructure response).
 */
export function practiceAcknowledgement(body: Buffer, kind: "infrastructure" | "business", behaviour: PracticeBehaviour): { id: string; body: Buffer } | null {
  let header:
    | { id?: string; source?: { endpoint?: string }; extension?: Array<{ url?: string; extension?: Array<{ url?: string; valueBoolean?: boolean }> }> }
    | undefined;
  try {
    const bundle = JSON.parse(body.toString("utf8")) as { entry?: Array<{ resource?: { resourceType?: string } }> };
    header = bundle.entry?.find((entry) => entry.resource?.resourceType === "MessageHeader")?.resource as typeof header;
  } catch {
    header = undefined;
  }
  if (!header?.id) return null;
  const handling = header.extension?.find((extension) => extension.url?.includes("ITK-MessageHandling"))?.extension ?? [];
  const requested = handling.find((key) => key.url === (kind === "infrastructure" ? "InfAckRequested" : "BusAckRequested"))?.valueBoolean;
  if (requested !== true) return null;
  const ok = kind === "infrastructure" || behaviour === "accepts";
  const code = kind === "infrastructure" ? ITK_RESPONSE_CODES.infrastructureOk : ok ? ITK_RESPONSE_CODES.businessOk : ITK_RESPONSE_CODES.patientNotRegistered;
  const response = itk3Response({ respondingTo: header.id, ok, code, senderOdsCode: "practice", destinationMailbox: header.source?.endpoint ?? "" });
  return { id: String(response.id), body: Buffer.from(JSON.stringify(response)) };
}
