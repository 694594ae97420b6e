/**
 * OpenTelemetry for the calls to national APIs, end to end: the app's real client calls the stand-in over real
 * sockets, and the SDK exports over OTLP/HTTP to a collector listening here, which keeps what it receives.
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { context, SpanKind, trace } from "@opentelemetry/api";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Sandbox } from "@/sandbox/server";
import { listeningTestSandbox } from "@/sandbox/testing/support";
import { NHS_APIS } from "../nhs/catalogue";
import { PdsClient } from "../nhs/pds/client";
import { CircuitBreakers } from "../nhs/transport/circuit-breaker";
import { NhsApiClient, type NhsApiName } from "../nhs/transport/client";
import { redactTelemetryText, type RunningTelemetry, startTelemetry } from "./export-telemetry";
import { observeCircuits } from "./upstream-telemetry";

interface Received {
  path: string;
  body: string;
}

let sandbox: Sandbox;
let origin: string;
let collector: Server;
let telemetry: RunningTelemetry;
const received: Received[] = [];

beforeAll(async () => {
  ({ sandbox, origin } = await listeningTestSandbox());
  collector = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      received.push({ path: request.url ?? "", body: Buffer.concat(chunks).toString("utf8") });
      response.writeHead(200, { "content-type": "application/json" }).end("{}");
    });
  });
  await new Promise<void>((resolve) => collector.listen(0, "127.0.0.1", resolve));
  const { port } = collector.address() as AddressInfo;
  telemetry = startTelemetry({
    endpoint: `http://127.0.0.1:${port}`,
    serviceName: "care-record-viewer-test",
    serviceVersion: "test",
    metricExportIntervalMs: 3_600_000,
  });
});

afterAll(async () => {
  await telemetry.shutdown();
  collector.close();
  await sandbox.app.close();
});

const callContext = { correlationId: crypto.randomUUID(), sessionUrid: "656014452101", endUserOrganisationOds: "Y12345" };

function pdsClient(circuits: CircuitBreakers<NhsApiName>) {
  const nhs = new NhsApiClient({ timeoutMs: 2000, maxReadRetries: 2, maxRetryAfterSeconds: 10, sleep: async () => undefined, circuits });
  return new PdsClient(nhs, `${origin}${NHS_APIS.pds.basePath}`);
}

/** The exported spans and metric points, flattened from OTLP JSON. */
async function exported() {
  received.length = 0;
  await telemetry.flush();
  const spans = received
    .filter(({ path }) => path === "/v1/traces")
    .flatMap(({ body }) => JSON.parse(body).resourceSpans.flatMap((resource: OtlpResourceSpans) => resource.scopeSpans.flatMap((scope) => scope.spans)))
    .map((span: OtlpSpan) => ({ name: span.name, kind: span.kind, status: span.status?.code ?? 0, attributes: attributesOf(span.attributes) }));
  const points = received
    .filter(({ path }) => path === "/v1/metrics")
    .flatMap(({ body }) => JSON.parse(body).resourceMetrics.flatMap((resource: OtlpResourceMetrics) => resource.scopeMetrics.flatMap((scope) => scope.metrics)))
    .flatMap(
      (metric: OtlpMetric) =>
        (metric.sum ?? metric.histogram ?? metric.gauge)?.dataPoints.map((point) => ({
          metric: metric.name,
          attributes: attributesOf(point.attributes),
          value: point.asInt ?? point.asDouble ?? point.count,
          sum: point.sum,
        })) ?? [],
    );
  const raw = received.map(({ body }) => body).join("\n");
  return { spans, points, raw };
}

describe("telemetry for national API calls (issue 17)", () => {
  it("exports a client span and metrics for each call: API, outcome, status, attempts and circuit, and never the NHS number in the path", async () => {
    const circuits = new CircuitBreakers<NhsApiName>({ failuresToOpen: 50, openMilliseconds: 60_000 });
    const pds = pdsClient(circuits);
    expect((await pds.retrievePatient("9000000009", callContext)).kind).toBe("found");
    sandbox.faults.set({ target: "pds", kind: "status", status: 503, times: 2 });
    expect((await pds.retrievePatient("9000000009", callContext)).kind).toBe("found");
    sandbox.faults.set({ target: "pds", kind: "status", status: 503 });
    expect((await pds.retrievePatient("9000000009", callContext)).kind).not.toBe("found");
    sandbox.faults.clear();

    const { spans, points, raw } = await exported();
    const pdsSpans = spans.filter((span) => span.attributes["nhs.api"] === "pds");
    expect(
      pdsSpans.map((span) => [
        span.name,
        span.kind,
        span.attributes["nhs.outcome"],
        span.attributes["http.response.status_code"],
        span.attributes["nhs.attempts"],
      ]),
    ).toEqual([
      ["NHS pds GET", SpanKind.CLIENT + 1, "ok", 200, 1],
      ["NHS pds GET", SpanKind.CLIENT + 1, "ok", 200, 3],
      ["NHS pds GET", SpanKind.CLIENT + 1, "operation-outcome", 503, 3],
    ]);
    expect(pdsSpans.map((span) => span.status)).toEqual([0, 0, 2]);
    for (const span of pdsSpans) {
      expect(span.attributes["nhs.request_id"]).toMatch(/^[0-9a-f-]{36}$/);
      expect(span.attributes["nhs.circuit.state"]).toBe("closed");
    }
    expect(raw).not.toContain("9000000009");

    const calls = points.filter((point) => point.metric === "nhs.upstream.calls" && point.attributes["nhs.api"] === "pds");
    expect(calls.map((point) => [point.attributes["nhs.outcome"], point.attributes["http.response.status_code"], point.value])).toEqual(
      expect.arrayContaining([
        ["ok", 200, 2],
        ["operation-outcome", 503, 1],
      ]),
    );
    const attempts = points.find((point) => point.metric === "nhs.upstream.attempts" && point.attributes["nhs.api"] === "pds");
    expect([attempts?.value, attempts?.sum]).toEqual([3, 7]);
    expect(points.some((point) => point.metric === "nhs.upstream.duration" && point.attributes["nhs.api"] === "pds")).toBe(true);
  });

  it("shows an open circuit as a gauge and on the span of a call it stopped", async () => {
    const circuits = new CircuitBreakers<NhsApiName>({ failuresToOpen: 1, openMilliseconds: 60_000 });
    observeCircuits(["pds", "scr"], (api) => circuits.stateOf(api as NhsApiName));
    const pds = pdsClient(circuits);
    sandbox.faults.set({ target: "pds", kind: "status", status: 500 });
    await pds.retrievePatient("9000000009", callContext);
    sandbox.faults.clear();
    await pds.retrievePatient("9000000009", callContext);

    const { spans, points } = await exported();
    const stopped = spans.filter((span) => span.attributes["nhs.api"] === "pds").at(-1);
    expect([stopped?.attributes["nhs.outcome"], stopped?.attributes["nhs.circuit.state"], stopped?.attributes["nhs.attempts"]]).toEqual([
      "circuit-open",
      "open",
      0,
    ]);
    const gauge = Object.fromEntries(
      points.filter((point) => point.metric === "nhs.upstream.circuit").map((point) => [point.attributes["nhs.api"], point.value]),
    );
    expect(gauge).toEqual({ pds: 1, scr: 0 });
  });

  it("cuts query strings and NHS-number-like text out of any span before it leaves, such as Next's own spans for a page", async () => {
    const tracer = trace.getTracer("next.js");
    const span = tracer.startSpan(
      "GET /patient/9000000009?family=Smith&birthdate=2010-10-22",
      {
        attributes: {
          "http.target": "/find-patient?nhs=9449305552",
          "http.url": "https://api.service.nhs.uk/personal-demographics/FHIR/R4/Patient?family=SMITH",
          "next.route": "/patient/[ref]",
        },
      },
      context.active(),
    );
    span.addEvent("looked up 9449305552");
    span.end();

    const { spans, raw } = await exported();
    expect(spans.find((exportedSpan) => exportedSpan.attributes["next.route"] === "/patient/[ref]")).toMatchObject({
      name: "GET /patient/[redacted]?[redacted]",
      attributes: { "http.target": "/find-patient?[redacted]", "http.url": "https://api.service.nhs.uk/personal-demographics/FHIR/R4/Patient?[redacted]" },
    });
    for (const text of ["9000000009", "9449305552", "Smith", "SMITH", "2010-10-22"]) expect(raw).not.toContain(text);
    expect(redactTelemetryText("/Patient/90000000090")).toBe("/Patient/90000000090");
  });
});

interface OtlpAttribute {
  key: string;
  value: { stringValue?: string; intValue?: string | number; doubleValue?: number; boolValue?: boolean };
}
interface OtlpSpan {
  name: string;
  kind: number;
  status?: { code?: number };
  attributes: OtlpAttribute[];
}
interface OtlpResourceSpans {
  scopeSpans: Array<{ spans: OtlpSpan[] }>;
}
interface OtlpPoint {
  attributes: OtlpAttribute[];
  asInt?: number | string;
  asDouble?: number;
  count?: number | string;
  sum?: number;
}
interface OtlpMetric {
  name: string;
  sum?: { dataPoints: OtlpPoint[] };
  histogram?: { dataPoints: OtlpPoint[] };
  gauge?: { dataPoints: OtlpPoint[] };
}
interface OtlpResourceMetrics {
  scopeMetrics: Array<{ metrics: OtlpMetric[] }>;
}

function attributesOf(attributes: OtlpAttribute[] = []): Record<string, string | number | boolean | undefined> {
  return Object.fromEntries(
    attributes.map(({ key, value }) => [
      key,
      value.stringValue ?? (value.intValue !== undefined ? Number(value.intValue) : (value.doubleValue ?? value.boolValue)),
    ]),
  );
}
