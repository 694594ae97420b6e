import { type Attributes, type Counter, type Histogram, type Meter, metrics, SpanKind, SpanStatusCode, trace } from "@opentelemetry/api";

/**
 * Traces and metrics for every call to a national API: which API, the outcome, status, attempts, duration and
 * the API's circuit. Without a registered provider (no exporter configured) the API's no-op tracer and meter are
 * used, and this costs next to nothing.
 *
 * Nothing here may carry patient data: no URL, path or query (PDS paths and searches hold NHS numbers, names,
 * dates of birth), no body. The X-Request-ID is kept: it is what NHS support asks for.
 */
export const TELEMETRY_SCOPE = "care-record-viewer/nhs-apis";

export type CircuitState = "closed" | "open" | "half-open";

export interface UpstreamCallFacts {
  api: string;
  method: string;
  requestId: string;
  circuit: CircuitState;
}

export interface UpstreamCallResult {
  /** The response's kind: ok, operation-outcome, http-error, timeout and so on. */
  outcome: string;
  status?: number;
  attempts: number;
}

interface Instruments {
  calls: Counter;
  duration: Histogram;
  attempts: Histogram;
}

// A meter taken before a provider is registered stays a no-op, so instruments follow the current provider
let instruments: { meter: Meter; provider: unknown; made: Instruments } | undefined;

function currentInstruments(): Instruments {
  const provider = metrics.getMeterProvider();
  if (instruments?.provider === provider) return instruments.made;
  const meter = provider.getMeter(TELEMETRY_SCOPE);
  const made: Instruments = {
    calls: meter.createCounter("nhs.upstream.calls", { description: "Calls to a national API, after any retries" }),
    duration: meter.createHistogram("nhs.upstream.duration", { description: "Time for one call, retries and waits included", unit: "ms" }),
    attempts: meter.createHistogram("nhs.upstream.attempts", { description: "Requests sent for one call (retries included)" }),
  };
  instruments = { meter, provider, made };
  return made;
}

/** One logical call, as a client span around its attempts, with its figures recorded as metrics. */
export async function observeUpstreamCall<R>(facts: UpstreamCallFacts, call: () => Promise<R>, describe: (result: R) => UpstreamCallResult): Promise<R> {
  const started = performance.now();
  return trace.getTracer(TELEMETRY_SCOPE).startActiveSpan(
    `NHS ${facts.api} ${facts.method}`,
    {
      kind: SpanKind.CLIENT,
      attributes: {
        "nhs.api": facts.api,
        "http.request.method": facts.method,
        "nhs.request_id": facts.requestId,
        "nhs.circuit.state": facts.circuit,
      },
    },
    async (span) => {
      try {
        const result = await call();
        const { outcome, status, attempts } = describe(result);
        const labels: Attributes = { "nhs.api": facts.api, "nhs.outcome": outcome };
        if (status !== undefined) labels["http.response.status_code"] = status;
        span.setAttributes({ ...labels, "nhs.attempts": attempts });
        if (outcome !== "ok") span.setStatus({ code: SpanStatusCode.ERROR, message: outcome });
        const made = currentInstruments();
        made.calls.add(1, labels);
        made.duration.record(performance.now() - started, { "nhs.api": facts.api, "nhs.outcome": outcome });
        made.attempts.record(attempts, { "nhs.api": facts.api });
        return result;
      } catch (error) {
        span.setStatus({ code: SpanStatusCode.ERROR, message: error instanceof Error ? error.name : "thrown" });
        throw error;
      } finally {
        span.end();
      }
    },
  );
}

/** The circuit of each API as a gauge (1 open, 0.5 half-open, 0 closed), read when metrics are collected. */
export function observeCircuits(apis: readonly string[], stateOf: (api: string) => CircuitState) {
  const meter = metrics.getMeterProvider().getMeter(TELEMETRY_SCOPE);
  const gauge = meter.createObservableGauge("nhs.upstream.circuit", {
    description: "Whether calls to the API are paused after repeated failures: 1 open, 0.5 one trial call allowed, 0 closed",
  });
  gauge.addCallback((result) => {
    for (const api of apis) {
      const state = stateOf(api);
      result.observe(state === "open" ? 1 : state === "half-open" ? 0.5 : 0, { "nhs.api": api });
    }
  });
}
