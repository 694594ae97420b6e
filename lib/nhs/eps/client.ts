import "server-only";
import { z } from "zod";
import type { NhsApiClient, NhsCallContext, NhsFailure } from "../transport/client";
import { bundleOf, coding, identifier, nhsNumberOf, patientReference, patientsInBundle, requiredIdentifier } from "../fhir/datatypes";

type Extension = {
  url: string;
  valueCoding?: z.infer<typeof coding>;
  valueInteger?: number;
  valueBoolean?: boolean;
  valueReference?: { identifier?: { value?: string } };
  extension?: Extension[];
};
const extension: z.ZodType<Extension> = z.lazy(() =>
  z.object({
    url: z.string(),
    valueCoding: coding.optional(),
    valueInteger: z.number().optional(),
    valueBoolean: z.boolean().optional(),
    valueReference: z.object({ identifier: identifier.optional() }).optional(),
    extension: z.array(extension).optional(),
  }),
);
const resource = z
  .object({
    resourceType: z.string(),
    id: z.string().optional(),
    identifier: z.union([z.array(requiredIdentifier), z.object({ value: z.string() })]).optional(),
    status: z.string().optional(),
    intent: z.string().optional(),
    authoredOn: z.string().optional(),
    subject: patientReference.optional(),
    extension: z.array(extension).optional(),
  })
  .loose();
const bundleSchema = bundleOf(resource);

export type PrescriptionType = "acute" | "repeat" | "erd";
export type PrescriptionTimeframe = "current" | "future" | "past";

export interface PrescriptionSummary {
  prescriptionId: string;
  issue: { number: number; of: number } | null;
  type: PrescriptionType;
  authoredOn: string;
  status: { code: string; display: string };
  pendingCancellation: boolean;
  timeframe: PrescriptionTimeframe;
  /** The prescriber's ODS code: every prescription ID carries it. */
  prescriberOdsCode: string;
  /** Whom the tracker says this prescription is for (its subject); null when it does not say. */
  patientNhsNumber: string | null;
}

export interface PrescriptionItem {
  name: string;
  dosage: string | null;
  quantity: string | null;
  status: { code: string; display: string } | null;
  cancellationReason: string | null;
  notDispensedReason: string | null;
  dispensedQuantity: string | null;
  pendingCancellation: boolean;
}

export interface PrescriptionDetail extends PrescriptionSummary {
  prescriber: { name: string | null; odsCode: string | null };
  dispenserOdsCode: string | null;
  nominatedDispenserOdsCode: string | null;
  cancellationReason: string | null;
  items: PrescriptionItem[];
  history: Array<{ at: string; title: string; status: string; odsCode: string | null }>;
  otherIssues: Array<{ title: string; status: string; date: string | null }>;
  patientNhsNumber: string | null;
}

export type PrescriptionListOutcome =
  | { kind: "found"; prescriptions: PrescriptionSummary[]; patientNhsNumber: string | null; requestId: string; retrievedAt: Date }
  | { kind: "failed"; failure: NhsFailure };

export type PrescriptionDetailOutcome =
  | { kind: "found"; prescription: PrescriptionDetail; requestId: string; retrievedAt: Date }
  | { kind: "not-found"; requestId: string }
  | { kind: "failed"; failure: NhsFailure };

const TYPE_BY_INTENT: Record<string, PrescriptionType> = { order: "acute", "instance-order": "repeat", "reflex-order": "erd" };
const FUTURE = new Set(["9000", "9001", "9005"]);
const PAST = new Set(["0004", "0005", "0006", "0007", "0008", "0009"]);

export const timeframeOf = (statusCode: string): PrescriptionTimeframe => (FUTURE.has(statusCode) ? "future" : PAST.has(statusCode) ? "past" : "current");

const byUrl = (extensions: Extension[] | undefined, suffix: string) => extensions?.find((entry) => entry.url.endsWith(suffix));

function identifierValue(value: z.infer<typeof resource>["identifier"], system?: string): string | undefined {
  if (!value) return undefined;
  if (!Array.isArray(value)) return value.value;
  return (system ? value.find((entry) => entry.system === system) : value[0])?.value;
}

function summaryOf(group: z.infer<typeof resource>, patients: Map<string, string>): PrescriptionSummary | null {
  const prescriptionId = identifierValue(group.identifier, "https://fhir.nhs.uk/Id/prescription-order-number");
  if (!prescriptionId) return null;
  const status = byUrl(group.extension, "PrescriptionStatusHistory")?.extension?.find((part) => part.url === "status")?.valueCoding;
  const repeat = byUrl(group.extension, "RepeatInformation")?.extension;
  const issued = repeat?.find((part) => part.url === "numberOfRepeatsIssued")?.valueInteger;
  const allowed = repeat?.find((part) => part.url === "numberOfRepeatsAllowed")?.valueInteger;
  const pending = byUrl(group.extension, "PendingCancellation")?.extension?.some((part) => part.valueBoolean === true) ?? false;
  const statusCode = status?.code ?? "unknown";
  return {
    prescriptionId,
    issue: issued !== undefined && allowed !== undefined ? { number: issued, of: allowed } : null,
    type: TYPE_BY_INTENT[group.intent ?? ""] ?? "acute",
    authoredOn: group.authoredOn ?? "",
    status: { code: statusCode, display: status?.display ?? statusCode },
    pendingCancellation: pending,
    timeframe: timeframeOf(statusCode),
    prescriberOdsCode: prescriptionId.split("-")[1]?.replace(/^0+/, "") ?? "",
    patientNhsNumber: nhsNumberOf(group.subject, patients),
  };
}

function detailOf(bundle: z.infer<typeof bundleSchema>): PrescriptionDetail | null {
  const resources = (bundle.entry ?? []).map((entry) => entry.resource as Record<string, unknown> & z.infer<typeof resource>);
  const group = resources.find((entry) => entry.resourceType === "RequestGroup");
  if (!group) return null;
  const summary = summaryOf(group, patientsInBundle(resources));
  if (!summary) return null;
  const requests = resources.filter((entry) => entry.resourceType === "MedicationRequest");
  const dispenses = resources.filter((entry) => entry.resourceType === "MedicationDispense");
  const role = resources.find((entry) => entry.resourceType === "PractitionerRole") as
    | { practitioner?: { display?: string }; organization?: { identifier?: { value?: string } } }
    | undefined;
  const dispenser = resources.find((entry) => entry.resourceType === "Organization") as { identifier?: Array<{ value?: string }> } | undefined;
  const patient = resources.find((entry) => entry.resourceType === "Patient");
  const actions = (group.action as Array<{ title?: string; action?: Array<Record<string, unknown>> }> | undefined) ?? [];
  const history = actions.find((action) => action.title === "Prescription status transitions")?.action ?? [];
  const others = actions.find((action) => action.title === "Other issues of this prescription")?.action ?? [];
  const codeOf = (entry: Record<string, unknown>) =>
    (entry.code as Array<{ coding?: Array<{ code?: string; display?: string }> }> | undefined)?.[0]?.coding?.[0];
  const items: PrescriptionItem[] = requests.map((request) => {
    const itemId = identifierValue(request.identifier);
    const dispense = dispenses.find((candidate) => identifierValue(candidate.identifier) === itemId) as Record<string, unknown> | undefined;
    const quantity = (request.dispenseRequest as { quantity?: { value?: number; unit?: string } } | undefined)?.quantity;
    const dispensed = (dispense?.quantity as { value?: number; unit?: string } | undefined) ?? undefined;
    const status = byUrl(request.extension, "DispensingInformation")?.extension?.find((part) => part.url === "dispenseStatus")?.valueCoding;
    return {
      name: (request.medicationCodeableConcept as { text?: string } | undefined)?.text ?? "Unnamed item",
      dosage: (request.dosageInstruction as Array<{ text?: string }> | undefined)?.[0]?.text ?? null,
      quantity: quantity?.value !== undefined ? `${quantity.value} ${quantity.unit ?? ""}`.trim() : null,
      status: status?.code ? { code: status.code, display: status.display ?? status.code } : null,
      cancellationReason: (request.statusReason as { coding?: Array<{ display?: string }> } | undefined)?.coding?.[0]?.display ?? null,
      notDispensedReason: (dispense?.statusReasonCodeableConcept as { coding?: Array<{ display?: string }> } | undefined)?.coding?.[0]?.display ?? null,
      dispensedQuantity: dispensed?.value !== undefined && dispense ? `${dispensed.value} ${dispensed.unit ?? ""}`.trim() : null,
      pendingCancellation: byUrl(request.extension, "PendingCancellation")?.extension?.some((part) => part.valueBoolean === true) ?? false,
    };
  });
  // the tracker sends the performer's identifier as one object or as a list
  const performerIdentifier = (requests[0]?.dispenseRequest as { performer?: { identifier?: { value?: string } | Array<{ value?: string }> } } | undefined)
    ?.performer?.identifier;
  const nominated = (Array.isArray(performerIdentifier) ? performerIdentifier[0]?.value : performerIdentifier?.value) ?? null;
  return {
    ...summary,
    prescriber: { name: role?.practitioner?.display ?? null, odsCode: role?.organization?.identifier?.value ?? summary.prescriberOdsCode },
    dispenserOdsCode: dispenser?.identifier?.[0]?.value ?? null,
    nominatedDispenserOdsCode: nominated,
    cancellationReason: (byUrl(group.extension, "CancellationReason") as { valueCoding?: { display?: string } } | undefined)?.valueCoding?.display ?? null,
    items,
    history: history.map((entry) => ({
      at: String(entry.timingDateTime ?? ""),
      title: String(entry.title ?? ""),
      status: codeOf(entry)?.display ?? codeOf(entry)?.code ?? "",
      odsCode:
        (entry.participant as Array<{ extension?: Array<{ valueReference?: { identifier?: { value?: string } } }> }> | undefined)?.[0]?.extension?.[0]
          ?.valueReference?.identifier?.value ?? null,
    })),
    otherIssues: others.map((entry) => ({
      title: String(entry.title ?? ""),
      status: codeOf(entry)?.display ?? "",
      date: typeof entry.timingDateTime === "string" ? entry.timingDateTime : null,
    })),
    patientNhsNumber: patient ? (identifierValue(patient.identifier, "https://fhir.nhs.uk/Id/nhs-number") ?? null) : null,
  };
}

export class EpsTrackerClient {
  constructor(
    private readonly client: NhsApiClient,
    private readonly baseUrl: string,
  ) {}

  private headers(context: NhsCallContext): Record<string, string> {
    return {
      ...(context.organisationId ? { "nhsd-organization-uuid": context.organisationId } : {}),
      ...(context.jobRole ? { "nhsd-session-jobrole": context.jobRole } : {}),
    };
  }

  /** By NHS number, or by prescription ID (a tracker search takes one or the other). */
  async search(by: { nhsNumber: string } | { prescriptionId: string }, context: NhsCallContext): Promise<PrescriptionListOutcome> {
    const query = new URLSearchParams("nhsNumber" in by ? { nhsNumber: by.nhsNumber } : { prescriptionId: by.prescriptionId });
    const response = await this.client.call({
      api: "eps",
      baseUrl: this.baseUrl,
      method: "GET",
      path: "/RequestGroup",
      query,
      headers: this.headers(context),
      schema: bundleSchema,
      context,
    });
    if (response.kind !== "ok") return { kind: "failed", failure: response };
    const resources = (response.body.entry ?? []).map((entry) => entry.resource);
    const patients = patientsInBundle(resources);
    const prescriptions = resources
      .filter((entry) => entry.resourceType === "RequestGroup")
      .map((group) => summaryOf(group, patients))
      .filter((entry): entry is PrescriptionSummary => entry !== null)
      .sort((a, b) => b.authoredOn.localeCompare(a.authoredOn));
    const patient = resources.find((entry) => entry.resourceType === "Patient");
    return {
      kind: "found",
      prescriptions,
      patientNhsNumber: patient ? (identifierValue(patient.identifier, "https://fhir.nhs.uk/Id/nhs-number") ?? null) : null,
      requestId: response.requestId,
      retrievedAt: response.receivedAt,
    };
  }

  async detail(prescriptionId: string, issueNumber: number | null, context: NhsCallContext): Promise<PrescriptionDetailOutcome> {
    const query = issueNumber ? new URLSearchParams({ issueNumber: String(issueNumber) }) : undefined;
    const response = await this.client.call({
      api: "eps",
      baseUrl: this.baseUrl,
      method: "GET",
      // a check character can be "+", which must not reach the server as a space
      path: `/RequestGroup/${encodeURIComponent(prescriptionId)}`,
      query,
      headers: this.headers(context),
      schema: bundleSchema,
      context,
    });
    if (response.kind === "operation-outcome" && response.status === 404) return { kind: "not-found", requestId: response.requestId };
    if (response.kind !== "ok") return { kind: "failed", failure: response };
    const prescription = detailOf(response.body);
    if (!prescription) return { kind: "not-found", requestId: response.requestId };
    return { kind: "found", prescription, requestId: response.requestId, retrievedAt: response.receivedAt };
  }
}
