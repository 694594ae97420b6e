import "server-only";
import { randomUUID } from "node:crypto";
import type { NhsApiClient, NhsCallContext, NhsFailure } from "../transport/client";
import type { ProviderEndpoint } from "../sds/client";
import { GET_STRUCTURED_RECORD_INTERACTION } from "../sds/client";
import { gpConnectClaims, unsecuredJwt, type GpConnectRequester, type RequestingDevice } from "./jwt";
import { NHS_NUMBER_SYSTEM, structuredRecordBundleSchema, toGpRecordView, type GpRecordView } from "./structured-record";

/**
 * What to ask the practice for. `summary`: every section, with the latest three consultations; `consultations`:
 * every consultation and nothing else, asked for only when the clinician asks to see more.
 */
export type StructuredRecordRequest = "summary" | "consultations";

export const LATEST_CONSULTATIONS = 3;

export type StructuredRecordOutcome =
  | { kind: "found"; record: GpRecordView; requestId: string; retrievedAt: Date }
  /** 403 NO_PATIENT_CONSENT: the patient has dissented from sharing their GP record. */
  | { kind: "no-consent"; requestId: string }
  /** 404: sensitive, deceased, not registered there, or not found; the provider does not say which, nor do we. */
  | { kind: "not-available"; requestId: string }
  /** The practice has GP Connect (or this capability) switched off [unverified: 501 NOT_IMPLEMENTED]. */
  | { kind: "not-enabled"; requestId: string }
  /** The practice's system or the proxy could not answer: timeouts, 429, 5xx, connections lost, the circuit open. */
  | { kind: "practice-unavailable"; failure: NhsFailure }
  /** The SSP (or the provider) refused the request itself: a header, the JWT, routing. Ours to fix, with its reason. */
  | { kind: "refused"; requestId: string; status: number; code: string | null; diagnostics: string | null }
  /** The answer was not a structured record we can read (always an invalid-response failure). */
  | { kind: "malformed"; failure: NhsFailure };

export interface StructuredRecordCall {
  nhsNumber: string;
  endpoint: ProviderEndpoint;
  requester: GpConnectRequester;
  request: StructuredRecordRequest;
  context: NhsCallContext;
}

function parameters(nhsNumber: string, request: StructuredRecordRequest) {
  const flag = (name: string, value: boolean) => ({ name, valueBoolean: value });
  const patient = { name: "patientNHSNumber", valueIdentifier: { system: NHS_NUMBER_SYSTEM, value: nhsNumber } };
  if (request === "consultations") return { resourceType: "Parameters", parameter: [patient, { name: "includeConsultations" }] };
  return {
    resourceType: "Parameters",
    parameter: [
      patient,
      { name: "includeAllergies", part: [flag("includeResolvedAllergies", true)] },
      { name: "includeMedication", part: [flag("includePrescriptionIssues", true)] },
      { name: "includeConsultations", part: [{ name: "includeNumberOfMostRecent", valuePositiveInt: LATEST_CONSULTATIONS }] },
      { name: "includeProblems" },
      { name: "includeImmunisations", part: [flag("includeNotGiven", false), flag("includeDissentConsent", false)] },
      { name: "includeInvestigations" },
      { name: "includeReferrals" },
    ],
  };
}

const isOutage = (failure: NhsFailure) =>
  failure.kind === "timeout" ||
  failure.kind === "network-error" ||
  failure.kind === "circuit-open" ||
  ((failure.kind === "http-error" || failure.kind === "operation-outcome") && (failure.status === 429 || (failure.status >= 500 && failure.status !== 501)));

/**
 * GP Connect Access Record: Structured, through the Spine Secure Proxy: `POST {SSP}/{provider address}/Patient/
 * $gpc.getstructuredrecord` with the Ssp-* headers (Ssp-To is the practice's ASID from SDS) and GP Connect's JWT.
 * The Ssp-TraceID is also the call's X-Request-ID: one reference to quote for both.
 */
export class GpConnectClient {
  constructor(
    private readonly client: NhsApiClient,
    private readonly sspBaseUrl: string,
    private readonly consumerAsid: string,
    private readonly device: RequestingDevice,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** The provider's FHIR base as the SSP is given it: its address from SDS, after the proxy's own. */
  providerBase(endpoint: ProviderEndpoint): string {
    return `${this.sspBaseUrl}/${endpoint.address.replace(/\/+$/, "")}`;
  }

  async structuredRecord(call: StructuredRecordCall): Promise<StructuredRecordOutcome> {
    const traceId = randomUUID();
    const audience = call.endpoint.address.replace(/\/+$/, "");
    const response = await this.client.call({
      api: "gpconnect",
      baseUrl: this.providerBase(call.endpoint),
      method: "POST",
      path: "/Patient/$gpc.getstructuredrecord",
      requestId: traceId,
      // it reads: a lost answer may be asked for again
      readOnly: true,
      headers: {
        accept: "application/fhir+json",
        "content-type": "application/fhir+json",
        "ssp-traceid": traceId,
        "ssp-from": this.consumerAsid,
        "ssp-to": call.endpoint.asid,
        "ssp-interactionid": GET_STRUCTURED_RECORD_INTERACTION,
        authorization: `Bearer ${unsecuredJwt(gpConnectClaims(call.requester, this.device, audience, this.now()))}`,
      },
      body: JSON.stringify(parameters(call.nhsNumber, call.request)),
      schema: structuredRecordBundleSchema,
      context: call.context,
    });
    switch (response.kind) {
      case "ok": {
        const record = toGpRecordView(response.body);
        if (!record)
          return {
            kind: "malformed",
            failure: {
              api: "gpconnect",
              requestId: traceId,
              attempts: response.attempts,
              kind: "invalid-response",
              status: response.status,
              problem: "the bundle holds no Patient",
            },
          };
        return { kind: "found", record, requestId: traceId, retrievedAt: response.receivedAt };
      }
      case "invalid-response":
        return { kind: "malformed", failure: response };
      case "operation-outcome": {
        const code = response.outcome.code ?? null;
        if (response.status === 403 && code === "NO_PATIENT_CONSENT") return { kind: "no-consent", requestId: traceId };
        if (response.status === 404) return { kind: "not-available", requestId: traceId };
        if (response.status === 501) return { kind: "not-enabled", requestId: traceId };
        if (isOutage(response)) return { kind: "practice-unavailable", failure: response };
        return { kind: "refused", requestId: traceId, status: response.status, code, diagnostics: response.outcome.diagnostics ?? null };
      }
      case "http-error":
        if (response.status === 404) return { kind: "not-available", requestId: traceId };
        if (response.status === 501) return { kind: "not-enabled", requestId: traceId };
        if (isOutage(response)) return { kind: "practice-unavailable", failure: response };
        return { kind: "refused", requestId: traceId, status: response.status, code: null, diagnostics: null };
      case "timeout":
      case "network-error":
      case "circuit-open":
      case "auth-failed":
        return { kind: "practice-unavailable", failure: response };
      default: {
        const unhandled: never = response;
        return unhandled;
      }
    }
  }
}
