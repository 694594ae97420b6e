import { randomUUID } from "node:crypto";
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

/** A searchset Bundle's entry: where the resource lives, whether it matched the search or was included alongside, and the resource. */
export function searchEntry<R>(fullUrl: string, mode: "match" | "include", resource: R) {
  return { fullUrl, search: { mode }, resource };
}

/** An entry for a resource that lives only in its Bundle: its id a fresh UUID, its fullUrl that UUID's URN. */
export function uuidEntry<R>(mode: "match" | "include", resource: (id: string) => R) {
  const id = randomUUID();
  return searchEntry(`urn:uuid:${id}`, mode, resource(id));
}

/** A searchset Bundle, with an id of its own, of the resources that matched; `fullUrl` says where each lives. */
export function searchset<R>(resources: R[], fullUrl: (resource: R) => string) {
  return {
    resourceType: "Bundle",
    id: randomUUID(),
    type: "searchset",
    total: resources.length,
    entry: resources.map((resource) => searchEntry(fullUrl(resource), "match", resource)),
  };
}
