import "server-only";
import { randomUUID } from "node:crypto";
import type { z } from "zod";
import type { ApimAuthoriser, AuthorisationFailure } from "./apim-auth";
import { startDeadline } from "./deadline";
import { outsideRequest } from "./outside-request";
import type { CircuitBreakers } from "./circuit-breaker";
import { operationOutcomeSchema, summariseOperationOutcome, type OutcomeSummary } from "../fhir/operation-outcome";

import type { NhsApiId } from "../catalogue";
import { observeUpstreamCall } from "../../telemetry/upstream-telemetry";

/** Which national API a call went to: used in messages, logs and provenance. */
export type NhsApiName = NhsApiId;

/** Who is acting, in which role, for the NHS headers every call carries. */
export interface NhsCallContext {
  correlationId: string;
  /** The server-side session of the user the call is for: user-restricted APIs exchange its CIS2 token. */
  sessionId?: string;
  /** The selected CIS2 role's person_roleid, sent as NHSD-Session-URID. */
  sessionUrid?: string;
  /** The selected role's organisation, sent as NHSD-End-User-Organisation-ODS. */
  endUserOrganisationOds?: string;
  /** The role's organisation membership (person_orgid), for EPS. */
  organisationId?: string;
  /** The role's code, for EPS (nhsd-session-jobrole). */
  jobRole?: string;
}

export interface NhsClientSettings {
  timeoutMs: number;
  maxReadRetries: number;
  maxRetryAfterSeconds: number;
  /** Injected so tests can run retries without waiting. */
  sleep?: (milliseconds: number) => Promise<void>;
  fetchImpl?: typeof fetch;
  /** How each API is authorised on the platform (token or API key); absent where nothing is needed. */
  authoriser?: Pick<ApimAuthoriser, "authorise" | "forget">;
  /** Stops calls to an API that keeps failing; absent, every call goes out. */
  circuits?: CircuitBreakers<NhsApiName>;
}

export interface NhsRequest<T> {
  api: NhsApiName;
  baseUrl: string;
  method: "GET" | "POST" | "PATCH" | "PUT" | "DELETE";
  path: string;
  query?: URLSearchParams;
  headers?: Record<string, string>;
  body?: string;
  /**
   * The X-Request-ID to send. Set it when a person retries the same action (a BaRS send), so the
   * receiver can tell a repeat from a new request; otherwise each call gets its own.
   */
  requestId?: string;
  /** A POST that only reads (an e-RS worklist, a FHIR _search) may be retried like a GET. */
  readOnly?: boolean;
  /** The schema of a successful (2xx) body. */
  schema: z.ZodType<T>;
  context: NhsCallContext;
}

interface CallFacts {
  api: NhsApiName;
  requestId: string;
  attempts: number;
}

/** What came back from one logical call (after any retries), as a tagged union. */
export type NhsResponse<T> =
  | (CallFacts & { kind: "ok"; status: number; body: T; etag?: string; location?: string; receivedAt: Date })
  | (CallFacts & { kind: "operation-outcome"; status: number; outcome: OutcomeSummary })
  | (CallFacts & { kind: "http-error"; status: number })
  | (CallFacts & { kind: "invalid-response"; status: number; problem: string })
  | (CallFacts & { kind: "timeout" })
  | (CallFacts & { kind: "network-error"; problem: string })
  /** No call was made: the API platform would not authorise it (its token endpoint's error and description). */
  | (CallFacts & { kind: "auth-failed"; failure: AuthorisationFailure })
  /** No call was made: the API has kept failing, and calls to it are paused until retryAt. */
  | (CallFacts & { kind: "circuit-open"; retryAt: Date });

export type NhsFailure = Exclude<NhsResponse<unknown>, { kind: "ok" }>;

const RETRYABLE_STATUSES = new Set([429, 502, 503, 504]);
const DEFAULT_BACKOFF_SECONDS = 1;

function parseRetryAfterSeconds(header: string | null): number | undefined {
  if (!header) return undefined;
  if (/^\d+$/.test(header.trim())) return Number(header.trim());
  const when = Date.parse(header);
  if (Number.isNaN(when)) return undefined;
  return Math.max(0, Math.ceil((when - Date.now()) / 1000));
}

const defaultSleep = (milliseconds: number) => new Promise<void>((resolve) => setTimeout(resolve, milliseconds));

async function readJson(response: Response): Promise<{ ok: true; json: unknown } | { ok: false }> {
  const text = await response.text();
  // no body at all (a 201 with Location, a 204): null, for a schema that expects none
  if (text === "") return { ok: true, json: null };
  try {
    return { ok: true, json: JSON.parse(text) };
  } catch {
    return { ok: false };
  }
}

export class NhsApiClient {
  constructor(private readonly settings: NhsClientSettings) {}

  /**
   * One logical call. Reads (GET) are retried on 429/502/503/504 and dropped connections,
   * waiting as Retry-After asks, with the same X-Request-ID so the platform can tell it is a retry.
   * Anything else is sent exactly once: a write is never repeated blindly.
   */
  async call<T>(request: NhsRequest<T>): Promise<NhsResponse<T>> {
    const requestId = request.requestId ?? randomUUID();
    const circuits = this.settings.circuits;
    const facts = { api: request.api, method: request.method, requestId, circuit: circuits?.stateOf(request.api) ?? ("closed" as const) };
    return observeUpstreamCall(facts, () => this.callIfCircuitAllows(request, requestId), telemetryFacts);
  }

  private async callIfCircuitAllows<T>(request: NhsRequest<T>, requestId: string): Promise<NhsResponse<T>> {
    const circuit = this.settings.circuits?.allow(request.api) ?? { kind: "allowed" as const };
    if (circuit.kind === "open") return { api: request.api, requestId, attempts: 0, kind: "circuit-open", retryAt: circuit.retryAt };
    const response = await this.callThroughCircuit(request, requestId);
    this.settings.circuits?.record(request.api, isOutage(response) ? "failure" : "success");
    return response;
  }

  private async callThroughCircuit<T>(request: NhsRequest<T>, requestId: string): Promise<NhsResponse<T>> {
    const isRead = request.method === "GET" || request.readOnly === true;
    const maxAttempts = isRead ? 1 + this.settings.maxReadRetries : 1;
    const sleep = this.settings.sleep ?? defaultSleep;
    let last: NhsResponse<T> | undefined;
    let refusedTokenOnce = false;

    for (let attempt = 1; attempt <= maxAttempts; attempt += 1) {
      const authorisation = this.settings.authoriser
        ? await this.settings.authoriser.authorise(request.api, request.context.sessionId)
        : { kind: "ok" as const, headers: {} };
      if (authorisation.kind === "failed") return { api: request.api, requestId, attempts: attempt - 1, kind: "auth-failed", failure: authorisation.failure };
      const { response: result, retryAfterSeconds } = await this.attempt(request, requestId, attempt, authorisation.headers);
      if (result.kind !== "ok" && "status" in result && result.status === 401 && this.settings.authoriser && !refusedTokenOnce) {
        // the token may have been revoked or expired early: drop it, and a read tries once more with a new one
        refusedTokenOnce = true;
        await this.settings.authoriser.forget(request.api, request.context.sessionId);
        if (isRead && attempt < maxAttempts) {
          last = result;
          continue;
        }
      }
      last = result;
      const retryable =
        result.kind === "timeout" || result.kind === "network-error" || (result.kind !== "ok" && "status" in result && RETRYABLE_STATUSES.has(result.status));
      if (!retryable || attempt === maxAttempts) break;
      const waitSeconds = retryAfterSeconds ?? DEFAULT_BACKOFF_SECONDS * attempt;
      if (waitSeconds > this.settings.maxRetryAfterSeconds) break; // the caller is a person waiting at a screen
      await sleep(waitSeconds * 1000);
    }
    return last as NhsResponse<T>;
  }

  private async attempt<T>(
    request: NhsRequest<T>,
    requestId: string,
    attempts: number,
    authorisationHeaders: Record<string, string>,
  ): Promise<{ response: NhsResponse<T>; retryAfterSeconds?: number }> {
    const facts: CallFacts = { api: request.api, requestId, attempts };
    const url = `${request.baseUrl}${request.path}${request.query && [...request.query].length ? `?${request.query}` : ""}`;
    const headers: Record<string, string> = {
      accept: "application/fhir+json",
      "x-request-id": requestId,
      "x-correlation-id": request.context.correlationId,
      ...(request.context.sessionUrid ? { "nhsd-session-urid": request.context.sessionUrid } : {}),
      ...(request.context.endUserOrganisationOds ? { "nhsd-end-user-organisation-ods": request.context.endUserOrganisationOds } : {}),
      ...request.headers,
      ...authorisationHeaders,
    };
    const fetchImpl = this.settings.fetchImpl ?? fetch;

    // covers the body as well as the headers: an answer that stalls halfway is a timeout too
    const deadline = startDeadline(this.settings.timeoutMs);
    let response: Response;
    try {
      response = await outsideRequest(() =>
        fetchImpl(url, {
          method: request.method,
          headers,
          body: request.body,
          signal: deadline.signal,
          cache: "no-store",
          redirect: "manual",
        }),
      );
    } catch (error) {
      deadline.clear();
      const name = error instanceof Error ? error.name : "";
      if (name === "TimeoutError" || name === "AbortError") return { response: { ...facts, kind: "timeout" } };
      return { response: { ...facts, kind: "network-error", problem: error instanceof Error ? error.message : "unknown" } };
    }

    const retryAfterSeconds = parseRetryAfterSeconds(response.headers.get("retry-after"));
    const status = response.status;
    const contentType = response.headers.get("content-type") ?? "";
    const looksLikeJson = /json/i.test(contentType);
    let parsed: Awaited<ReturnType<typeof readJson>>;
    try {
      parsed = await readJson(response);
    } catch (error) {
      return {
        response: { ...facts, kind: "network-error", problem: error instanceof Error ? error.message : "body lost" },
        retryAfterSeconds,
      };
    } finally {
      deadline.clear();
    }

    if (parsed.ok) {
      if (status >= 200 && status < 300) {
        const body = request.schema.safeParse(parsed.json);
        if (body.success) {
          return {
            response: {
              ...facts,
              kind: "ok",
              status,
              body: body.data,
              // the Immunisation API names its header E-Tag
              etag: response.headers.get("etag") ?? response.headers.get("e-tag") ?? undefined,
              location: response.headers.get("location") ?? undefined,
              receivedAt: new Date(),
            },
          };
        }
        // read as an OperationOutcome only when it is not what was asked for: every good answer failing that schema first cost a parse per call
        const outcome = operationOutcomeSchema.safeParse(parsed.json);
        if (outcome.success) {
          // PDS answers some outcomes (TOO_MANY_MATCHES) with HTTP 200
          return { response: { ...facts, kind: "operation-outcome", status, outcome: summariseOperationOutcome(outcome.data) } };
        }
        return {
          response: { ...facts, kind: "invalid-response", status, problem: describeSchemaProblem(body.error) },
        };
      }
      const outcome = operationOutcomeSchema.safeParse(parsed.json);
      if (outcome.success) {
        return {
          response: { ...facts, kind: "operation-outcome", status, outcome: summariseOperationOutcome(outcome.data) },
          retryAfterSeconds,
        };
      }
    }
    if (status >= 200 && status < 300) {
      return {
        response: {
          ...facts,
          kind: "invalid-response",
          status,
          problem: looksLikeJson ? "the body is not valid JSON" : `unexpected content type ${contentType || "(none)"}`,
        },
      };
    }
    return { response: { ...facts, kind: "http-error", status }, retryAfterSeconds };
  }
}

/** What the telemetry records of a response: never its body. */
function telemetryFacts(response: NhsResponse<unknown>) {
  return { outcome: response.kind, status: "status" in response ? response.status : undefined, attempts: response.attempts };
}

/** The API itself is failing (not refusing this request): counts towards opening its circuit. */
function isOutage(response: NhsResponse<unknown>): boolean {
  switch (response.kind) {
    case "timeout":
    case "network-error":
      return true;
    case "http-error":
    case "operation-outcome":
    case "invalid-response":
      return response.status >= 500;
    case "ok":
    case "auth-failed":
    case "circuit-open":
      return false;
    default: {
      const unhandled: never = response;
      return unhandled;
    }
  }
}

function describeSchemaProblem(error: z.ZodError): string {
  return error.issues
    .slice(0, 3)
    .map((issue) => `${issue.path.join(".") || "(body)"}: ${issue.message}`)
    .join("; ");
}
