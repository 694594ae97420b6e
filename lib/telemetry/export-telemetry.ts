import { hostname } from "node:os";
import { metrics } from "@opentelemetry/api";
import { OTLPMetricExporter } from "@opentelemetry/exporter-metrics-otlp-http";
import { OTLPTraceExporter } from "@opentelemetry/exporter-trace-otlp-http";
import { resourceFromAttributes } from "@opentelemetry/resources";
import { MeterProvider, PeriodicExportingMetricReader } from "@opentelemetry/sdk-metrics";
import { BatchSpanProcessor, type ReadableSpan, type SpanExporter } from "@opentelemetry/sdk-trace-base";
import { NodeTracerProvider } from "@opentelemetry/sdk-trace-node";
import type { Attributes, AttributeValue } from "@opentelemetry/api";

export interface TelemetrySettings {
  /** The OTLP/HTTP collector's base URL: traces go to /v1/traces, metrics to /v1/metrics. */
  endpoint: string;
  serviceName: string;
  serviceVersion: string;
  metricExportIntervalMs: number;
}

export interface RunningTelemetry {
  /** Sends what is buffered now (tests, and shutdown). */
  flush(): Promise<void>;
  shutdown(): Promise<void>;
}

// Next's own spans name the page's URL; ours never carry patient data, but a URL might (a query string, an
// NHS number in an upstream path), so every exported name and attribute is cut down before it leaves
const QUERY = /\?[^\s#"]*/g;
const NHS_NUMBER_LIKE = /(?<!\d)\d{10}(?!\d)/g;

export function redactTelemetryText(text: string): string {
  return text.replace(QUERY, "?[redacted]").replace(NHS_NUMBER_LIKE, "[redacted]");
}

function redactValue(value: AttributeValue | undefined): AttributeValue | undefined {
  if (typeof value === "string") return redactTelemetryText(value);
  if (Array.isArray(value)) return value.map((item) => (typeof item === "string" ? redactTelemetryText(item) : item)) as AttributeValue;
  return value;
}

function redactAttributes(attributes: Attributes): Attributes {
  return Object.fromEntries(Object.entries(attributes).map(([key, value]) => [key, redactValue(value)]));
}

function redactSpan(span: ReadableSpan): ReadableSpan {
  // the span's other fields and methods are read through the prototype
  return Object.create(span, {
    name: { value: redactTelemetryText(span.name) },
    attributes: { value: redactAttributes(span.attributes) },
    events: {
      value: span.events.map((event) => ({
        ...event,
        name: redactTelemetryText(event.name),
        attributes: event.attributes && redactAttributes(event.attributes),
      })),
    },
  }) as ReadableSpan;
}

/** Passes spans on to the collector only once their names and attributes hold nothing that could name a patient. */
export class RedactingSpanExporter implements SpanExporter {
  constructor(private readonly next: SpanExporter) {}

  export(spans: ReadableSpan[], done: Parameters<SpanExporter["export"]>[1]) {
    this.next.export(spans.map(redactSpan), done);
  }

  shutdown() {
    return this.next.shutdown();
  }

  forceFlush() {
    return this.next.forceFlush?.() ?? Promise.resolve();
  }
}

/**
 * Registers the trace and meter providers, exporting over OTLP/HTTP. Called at start-up only when an exporter is
 * configured; otherwise the API's no-ops stay in place. Next's own spans (requests, rendering) come through the
 * same provider; its spans for each fetch are turned off, as the app's own upstream spans say more and say it safely.
 */
export function startTelemetry(settings: TelemetrySettings): RunningTelemetry {
  process.env.NEXT_OTEL_FETCH_DISABLED = "1";
  const resource = resourceFromAttributes({
    "service.name": settings.serviceName,
    "service.version": settings.serviceVersion,
    "service.instance.id": `${hostname()}:${process.pid}`,
  });
  const tracing = new NodeTracerProvider({
    resource,
    spanProcessors: [new BatchSpanProcessor(new RedactingSpanExporter(new OTLPTraceExporter({ url: `${settings.endpoint}/v1/traces` })))],
  });
  tracing.register();
  const meters = new MeterProvider({
    resource,
    readers: [
      new PeriodicExportingMetricReader({
        exporter: new OTLPMetricExporter({ url: `${settings.endpoint}/v1/metrics` }),
        exportIntervalMillis: settings.metricExportIntervalMs,
      }),
    ],
  });
  metrics.setGlobalMeterProvider(meters);
  return {
    flush: async () => {
      await Promise.all([tracing.forceFlush(), meters.forceFlush()]);
    },
    shutdown: async () => {
      await Promise.all([tracing.shutdown(), meters.shutdown()]);
    },
  };
}
