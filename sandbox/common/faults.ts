import type { IncomingMessage, ServerResponse } from "node:http";
import type { FastifyInstance } from "fastify";
import { z } from "zod";
import { STAND_IN_API_NAMES, STAND_IN_APIS, type StandInApi } from "./apis";
import { operationOutcome } from "./fhir";

/**
 * What a fault does to a request:
 * - status: answers with that status and an NHS-style OperationOutcome (Retry-After if given);
 * - rate-limit: enforces the API's documented requests per second, answering 429 beyond it;
 * - timeout: never answers (the connection is closed after two minutes);
 * - reset: drops the connection without an answer;
 * - malformed-json: 200 with a body that is not JSON;
 * - html: a 502 HTML error page, as a gateway in front of an API would send;
 * - wrong-content-type: 200 with a text/plain body;
 * - latency: only delays (latencyMs), then answers normally;
 * - lost-response: the API handles the request (a write takes effect), then the connection drops
 *   before the answer goes out, as when a gateway times out after the receiver has acted.
 */
export const FAULT_KINDS = ["status", "rate-limit", "timeout", "reset", "malformed-json", "html", "wrong-content-type", "latency", "lost-response"] as const;

export const faultSchema = z
  .object({
    target: z.enum(STAND_IN_API_NAMES),
    kind: z.enum(FAULT_KINDS).default("status"),
    status: z.number().int().min(400).max(599).optional(),
    retryAfterSeconds: z.number().int().min(0).max(3600).optional(),
    latencyMs: z.number().int().min(0).max(120_000).optional(),
    /** How many requests the fault applies to before it clears itself; absent means until removed. */
    times: z.number().int().min(1).optional(),
  })
  .refine((fault) => fault.kind !== "status" || fault.status !== undefined, {
    message: "a status fault needs a status (400-599)",
    path: ["status"],
  });

export type Fault = z.infer<typeof faultSchema>;

const ERROR_CODES: Record<number, { code: string; display: string; issue: string }> = {
  400: { code: "BAD_REQUEST", display: "Bad request", issue: "invalid" },
  401: { code: "ACCESS_DENIED", display: "Access Denied - Unauthorised", issue: "forbidden" },
  403: { code: "ACCESS_DENIED", display: "Access denied", issue: "forbidden" },
  408: { code: "UNABLE_TO_CALL_SERVICE", display: "The downstream service did not respond in time", issue: "timeout" },
  429: { code: "TOO_MANY_REQUESTS", display: "You have exceeded your application's rate limit", issue: "throttled" },
  500: { code: "UNKNOWN_ERROR", display: "An unknown error occurred processing this request", issue: "exception" },
  502: { code: "BAD_GATEWAY", display: "Bad gateway", issue: "exception" },
  503: { code: "SERVICE_UNAVAILABLE", display: "Service unavailable", issue: "timeout" },
  504: { code: "GATEWAY_TIMEOUT", display: "The downstream service did not respond in time", issue: "timeout" },
};

const sleep = (milliseconds: number) => new Promise((resolve) => setTimeout(resolve, milliseconds));

type ActiveFault = Fault & { remaining: number | null; window: number[] };

/** Forced failures, set by environment (SANDBOX_FAULTS) or the control endpoint; off unless turned on. */
export class FaultInjector {
  private readonly faults = new Map<StandInApi, ActiveFault>();

  set(fault: Fault) {
    this.faults.set(fault.target, { ...fault, remaining: fault.times ?? null, window: [] });
  }

  clear(target?: StandInApi) {
    if (target) this.faults.delete(target);
    else this.faults.clear();
  }

  list(): Fault[] {
    return [...this.faults.values()].map(({ remaining: _remaining, window: _window, ...fault }) => fault);
  }

  /** The fault to apply to this request, if any, counting it down. A rate limit applies only over its limit. */
  take(target: StandInApi, now = Date.now()): Fault | undefined {
    const fault = this.faults.get(target);
    if (!fault) return undefined;
    if (fault.kind === "rate-limit") {
      const limit = STAND_IN_APIS[target].ratePerSecond ?? Number.POSITIVE_INFINITY;
      fault.window = fault.window.filter((at) => now - at < 1000);
      fault.window.push(now);
      if (fault.window.length <= limit) return undefined;
    }
    if (fault.remaining !== null) {
      fault.remaining -= 1;
      if (fault.remaining <= 0) this.faults.delete(target);
    }
    return fault;
  }

  /**
   * Applies the fault to the raw response. Resolves "handled" when the fault answered (or dropped)
   * the request, or "continue" when the request should go on to the real handler (latency only).
   */
  static async apply(fault: Fault, request: IncomingMessage, response: ServerResponse): Promise<"handled" | "continue"> {
    if (fault.latencyMs) await sleep(fault.latencyMs);
    const requestId = request.headers["x-request-id"];
    const mirrored: Record<string, string> = typeof requestId === "string" ? { "x-request-id": requestId } : {};
    switch (fault.kind) {
      case "latency":
        return "continue";
      case "lost-response": {
        const drop = () => {
          request.socket.destroy();
          return response;
        };
        response.writeHead = drop as unknown as typeof response.writeHead;
        response.write = (() => true) as unknown as typeof response.write;
        response.end = drop as unknown as typeof response.end;
        return "continue";
      }
      case "timeout": {
        const closeLater = setTimeout(() => request.socket.destroy(), 120_000);
        request.socket.once("close", () => clearTimeout(closeLater));
        return "handled";
      }
      case "reset":
        request.socket.destroy();
        return "handled";
      case "malformed-json":
        response.writeHead(200, { "content-type": "application/fhir+json", ...mirrored }).end('{"resourceType": "Patient", "id": ');
        return "handled";
      case "wrong-content-type":
        response.writeHead(200, { "content-type": "text/plain", ...mirrored }).end("OK");
        return "handled";
      case "html":
        response
          .writeHead(502, { "content-type": "text/html", ...mirrored })
          .end("<html><head><title>502 Bad Gateway</title></head><body><h1>Bad Gateway</h1></body></html>");
        return "handled";
      case "status":
      case "rate-limit": {
        const status = fault.kind === "rate-limit" ? 429 : (fault.status ?? 500);
        const known = ERROR_CODES[status] ?? { code: "UNKNOWN_ERROR", display: "Error", issue: "exception" };
        const headers: Record<string, string> = { "content-type": "application/fhir+json", ...mirrored };
        const retryAfter = fault.retryAfterSeconds ?? (fault.kind === "rate-limit" ? 1 : undefined);
        if (retryAfter !== undefined) headers["retry-after"] = String(retryAfter);
        const body = operationOutcome({
          issueCode: known.issue,
          errorCode: known.code,
          display: known.display,
          system: "https://fhir.nhs.uk/CodeSystem/NHSD-API-ErrorOrWarningCode",
        });
        response.writeHead(status, headers).end(JSON.stringify(body));
        return "handled";
      }
      default: {
        const unhandled: never = fault.kind;
        throw new Error(`unknown fault ${String(unhandled)}`);
      }
    }
  }
}

/** Faults from the SANDBOX_FAULTS setting: a JSON array of faults. */
export function parseFaultsSetting(value: string | undefined): Fault[] {
  if (!value) return [];
  const parsed = z.array(faultSchema).safeParse(JSON.parse(value));
  if (!parsed.success) throw new Error(`SANDBOX_FAULTS: ${parsed.error.issues.map((issue) => issue.message).join("; ")}`);
  return parsed.data;
}

export function registerFaultControl(app: FastifyInstance, faults: FaultInjector) {
  app.get("/_stand-in/faults", async () => ({ faults: faults.list() }));
  app.post("/_stand-in/faults", async (request, reply) => {
    const parsed = faultSchema.safeParse(request.body);
    if (!parsed.success) {
      return reply.code(400).send({
        title: "Invalid fault",
        problems: parsed.error.issues.map((issue) => `${issue.path.join(".") || "(body)"}: ${issue.message}`),
      });
    }
    faults.set(parsed.data);
    return reply.code(201).send({ faults: faults.list() });
  });
  app.delete("/_stand-in/faults", async (_request, reply) => {
    faults.clear();
    return reply.code(204).send();
  });
}
