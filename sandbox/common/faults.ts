import type { FastifyInstance } from "fastify";
import { z } from "zod";
import { operationOutcome } from "./fhir";

/** Which part of the stand-in a fault applies to. */
export const FAULT_TARGETS = ["cis2", "pds"] as const;
export type FaultTarget = (typeof FAULT_TARGETS)[number];

const faultSchema = z.object({
  target: z.enum(FAULT_TARGETS),
  status: z.number().int().min(400).max(599),
  retryAfterSeconds: z.number().int().min(0).max(3600).optional(),
  /** How many requests the fault applies to before it clears itself; absent means until removed. */
  times: z.number().int().min(1).optional(),
});

export type Fault = z.infer<typeof faultSchema>;

const ERROR_CODES: Record<number, { code: string; display: string; issue: string }> = {
  429: { code: "TOO_MANY_REQUESTS", display: "You have exceeded your application's rate limit", issue: "throttled" },
  500: { code: "UNKNOWN_ERROR", display: "An unknown error occurred processing this request", issue: "exception" },
  503: { code: "SERVICE_UNAVAILABLE", display: "Service unavailable", issue: "timeout" },
  504: { code: "GATEWAY_TIMEOUT", display: "The downstream service did not respond in time", issue: "timeout" },
};

/** Forced failures, set through the stand-in's control endpoint; off unless a test or a person turns one on. */
export class FaultInjector {
  private readonly faults = new Map<FaultTarget, Fault & { remaining: number | null }>();

  set(fault: Fault) {
    this.faults.set(fault.target, { ...fault, remaining: fault.times ?? null });
  }

  clear(target?: FaultTarget) {
    if (target) this.faults.delete(target);
    else this.faults.clear();
  }

  list(): Fault[] {
    return [...this.faults.values()].map(({ remaining: _remaining, ...fault }) => fault);
  }

  /** The fault to apply to this request, if any, counting it down. */
  take(target: FaultTarget): Fault | undefined {
    const fault = this.faults.get(target);
    if (!fault) return undefined;
    if (fault.remaining !== null) {
      fault.remaining -= 1;
      if (fault.remaining <= 0) this.faults.delete(target);
    }
    return fault;
  }

  static responseFor(fault: Fault) {
    const known = ERROR_CODES[fault.status] ?? { code: "UNKNOWN_ERROR", display: "Error", issue: "exception" };
    const headers: Record<string, string> = { "content-type": "application/fhir+json" };
    if (fault.retryAfterSeconds !== undefined) headers["retry-after"] = String(fault.retryAfterSeconds);
    const body = operationOutcome({
      issueCode: known.issue,
      errorCode: known.code,
      display: known.display,
      system: "https://fhir.nhs.uk/CodeSystem/NHSD-API-ErrorOrWarningCode",
    });
    return { status: fault.status, headers, body: JSON.stringify(body) };
  }
}

export function registerFaultControl(app: FastifyInstance, faults: FaultInjector) {
  app.get("/_stand-in/faults", async () => ({ faults: faults.list() }));
  app.post("/_stand-in/faults", async (request, reply) => {
    const parsed = faultSchema.safeParse(request.body);
    if (!parsed.success) {
      return reply.code(400).send({ title: "Invalid fault", problems: parsed.error.issues.map((issue) => issue.message) });
    }
    faults.set(parsed.data);
    return reply.code(201).send({ faults: faults.list() });
  });
  app.delete("/_stand-in/faults", async (_request, reply) => {
    faults.clear();
    return reply.code(204).send();
  });
}
