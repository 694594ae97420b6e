import { describe, expect, it } from "vitest";
import { z } from "zod";
import { NhsApiClient, type NhsRequest } from "./client";
import { NHS_APIS } from "../catalogue";

interface SeenRequest {
  url: string;
  method: string;
  headers: Record<string, string>;
}

function scriptedFetch(responses: Array<Response | Error>) {
  const seen: SeenRequest[] = [];
  const fetchImpl = (async (input: string | URL | Request, init?: RequestInit) => {
    seen.push({
      url: String(input),
      method: init?.method ?? "GET",
      headers: Object.fromEntries(Object.entries((init?.headers ?? {}) as Record<string, string>)),
    });
    const next = responses.shift();
    if (!next) throw new Error("no more scripted responses");
    if (next instanceof Error) throw next;
    return next;
  }) as typeof fetch;
  return { fetchImpl, seen };
}

const fhir = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers: { "content-type": "application/fhir+json", ...headers } });

const outcome = (code: string) => ({
  resourceType: "OperationOutcome",
  issue: [{ severity: "error", code: "processing", details: { coding: [{ code, display: code }] } }],
});

const patientSchema = z.object({ resourceType: z.literal("Patient"), id: z.string() });

function request(method: NhsRequest<unknown>["method"] = "GET"): NhsRequest<z.infer<typeof patientSchema>> {
  return {
    api: "pds",
    baseUrl: `http://stand-in${NHS_APIS.pds.basePath}`,
    method,
    path: "/Patient/9000000009",
    schema: patientSchema,
    context: { correlationId: "correlation-1", sessionUrid: "555254240100", endUserOrganisationOds: "Y12345" },
  };
}

function client(responses: Array<Response | Error>, settings: Partial<ConstructorParameters<typeof NhsApiClient>[0]> = {}) {
  const { fetchImpl, seen } = scriptedFetch(responses);
  const sleeps: number[] = [];
  const nhs = new NhsApiClient({
    timeoutMs: 1000,
    maxReadRetries: 2,
    maxRetryAfterSeconds: 10,
    fetchImpl,
    sleep: async (milliseconds) => {
      sleeps.push(milliseconds);
    },
    ...settings,
  });
  return { nhs, seen, sleeps };
}

describe("NHS API client", () => {
  it("sends the NHS headers on every call", async () => {
    const { nhs, seen } = client([fhir(200, { resourceType: "Patient", id: "9000000009" }, { etag: 'W/"2"' })]);
    const response = await nhs.call(request());
    expect(response).toMatchObject({ kind: "ok", status: 200, etag: 'W/"2"', attempts: 1 });
    expect(seen[0].headers["x-request-id"]).toMatch(/^[0-9a-f-]{36}$/);
    expect(seen[0].headers).toMatchObject({
      "x-correlation-id": "correlation-1",
      "nhsd-session-urid": "555254240100",
      "nhsd-end-user-organisation-ods": "Y12345",
      accept: "application/fhir+json",
    });
  });

  it("retries a read after Retry-After, with the same X-Request-ID", async () => {
    const { nhs, seen, sleeps } = client([
      fhir(503, outcome("SERVICE_UNAVAILABLE"), { "retry-after": "2" }),
      fhir(429, outcome("TOO_MANY_REQUESTS"), { "retry-after": "1" }),
      fhir(200, { resourceType: "Patient", id: "9000000009" }),
    ]);
    const response = await nhs.call(request());
    expect(response).toMatchObject({ kind: "ok", attempts: 3 });
    expect(sleeps).toEqual([2000, 1000]);
    expect(new Set(seen.map((entry) => entry.headers["x-request-id"])).size).toBe(1);
  });

  it("never repeats a write, even when the platform says to retry", async () => {
    const { nhs, seen } = client([fhir(503, outcome("SERVICE_UNAVAILABLE"), { "retry-after": "1" })]);
    const response = await nhs.call(request("PATCH"));
    expect(response).toMatchObject({ kind: "operation-outcome", status: 503, attempts: 1 });
    expect(seen).toHaveLength(1);
  });

  it("retries a POST only when it is marked as a read (an e-RS worklist), with the same X-Request-ID", async () => {
    const { nhs, seen } = client([fhir(503, outcome("SERVICE_UNAVAILABLE"), { "retry-after": "1" }), fhir(200, { resourceType: "Patient", id: "9000000009" })]);
    const response = await nhs.call({ ...request("POST"), readOnly: true });
    expect(response).toMatchObject({ kind: "ok", attempts: 2 });
    expect(seen[1].headers["x-request-id"]).toBe(seen[0].headers["x-request-id"]);
    const plain = client([fhir(503, outcome("SERVICE_UNAVAILABLE"), { "retry-after": "1" })]);
    expect(await plain.nhs.call(request("POST"))).toMatchObject({ attempts: 1 });
  });

  it("gives up rather than keep a person waiting longer than the cap", async () => {
    const { nhs, seen } = client([fhir(503, outcome("SERVICE_UNAVAILABLE"), { "retry-after": "300" })]);
    const response = await nhs.call(request());
    expect(response).toMatchObject({ kind: "operation-outcome", outcome: { code: "SERVICE_UNAVAILABLE" } });
    expect(seen).toHaveLength(1);
  });

  it("stops after the configured number of read retries", async () => {
    const { nhs, seen } = client([fhir(504, outcome("A")), fhir(504, outcome("B")), fhir(504, outcome("C"))], {
      maxReadRetries: 2,
    });
    const response = await nhs.call(request());
    expect(response).toMatchObject({ kind: "operation-outcome", status: 504, attempts: 3, outcome: { code: "C" } });
    expect(seen).toHaveLength(3);
  });

  it("does not retry errors that will not change (400, 404, 500)", async () => {
    for (const status of [400, 404, 500]) {
      const { nhs, seen } = client([fhir(status, outcome("X"))]);
      await nhs.call(request());
      expect(seen).toHaveLength(1);
    }
  });

  it("treats an OperationOutcome sent with HTTP 200 as an outcome (PDS TOO_MANY_MATCHES)", async () => {
    const { nhs } = client([fhir(200, outcome("TOO_MANY_MATCHES"))]);
    expect(await nhs.call(request())).toMatchObject({ kind: "operation-outcome", status: 200, outcome: { code: "TOO_MANY_MATCHES" } });
  });

  it("reports a body that is not the expected resource as invalid, naming the field but no value", async () => {
    const { nhs } = client([fhir(200, { resourceType: "Patient", id: 9000000009 })]);
    const response = await nhs.call(request());
    expect(response.kind).toBe("invalid-response");
    if (response.kind === "invalid-response") {
      expect(response.problem).toContain("id");
      expect(response.problem).not.toContain("9000000009");
    }
  });

  it("tells an HTML error page from a FHIR error", async () => {
    const { nhs } = client([new Response("<html><body>Service Unavailable</body></html>", { status: 500, headers: { "content-type": "text/html" } })]);
    expect(await nhs.call(request())).toMatchObject({ kind: "http-error", status: 500 });
  });

  it("reports timeouts and dropped connections, retrying them for reads", async () => {
    const timeout = new DOMException("The operation was aborted due to timeout", "TimeoutError");
    const { nhs, seen } = client([timeout, new TypeError("fetch failed"), timeout]);
    const response = await nhs.call(request());
    expect(response).toMatchObject({ kind: "timeout", attempts: 3 });
    expect(seen).toHaveLength(3);
  });
});
