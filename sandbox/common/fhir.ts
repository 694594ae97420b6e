import type { FastifyReply } from "fastify";

export const SPINE_ERROR_SYSTEM = "https://fhir.nhs.uk/R4/CodeSystem/Spine-ErrorOrWarningCode";

export interface OutcomeSpec {
  /** FHIR issue type, e.g. "not-found", "value", "required". */
  issueCode: string;
  /** The NHS error code, e.g. "RESOURCE_NOT_FOUND". */
  errorCode: string;
  display: string;
  severity?: "fatal" | "error" | "warning" | "information";
  diagnostics?: string;
  system?: string;
}

export function operationOutcome(spec: OutcomeSpec) {
  return {
    resourceType: "OperationOutcome",
    issue: [
      {
        severity: spec.severity ?? "error",
        code: spec.issueCode,
        details: {
          coding: [{ system: spec.system ?? SPINE_ERROR_SYSTEM, version: "1", code: spec.errorCode, display: spec.display }],
        },
        ...(spec.diagnostics ? { diagnostics: spec.diagnostics } : {}),
      },
    ],
  };
}

export function sendFhir(reply: FastifyReply, status: number, body: unknown) {
  return reply.code(status).type("application/fhir+json").send(body);
}

export function sendOutcome(reply: FastifyReply, status: number, spec: OutcomeSpec) {
  return sendFhir(reply, status, operationOutcome(spec));
}
