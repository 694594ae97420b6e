/** One upstream fault the stand-in can inject, and what a read should do about it (tests only). */
export interface FaultCase {
  name: string;
  fault: Record<string, unknown>;
  /** Whether a read should be tried again, and the waits it should make between attempts. */
  retried: boolean;
  waits?: number[];
}

/** The faults every API is tested against: throttling, server errors, gateway timeouts, dropped and malformed answers. */
export const FAULT_CASES: FaultCase[] = [
  { name: "429 + Retry-After", fault: { status: 429, retryAfterSeconds: 2 }, retried: true, waits: [2000, 2000] },
  { name: "500", fault: { status: 500 }, retried: false },
  { name: "503 + Retry-After", fault: { status: 503, retryAfterSeconds: 3 }, retried: true, waits: [3000, 3000] },
  { name: "504", fault: { status: 504 }, retried: true, waits: [1000, 2000] },
  { name: "timeout", fault: { kind: "timeout" }, retried: true, waits: [1000, 2000] },
  { name: "connection reset", fault: { kind: "reset" }, retried: true, waits: [1000, 2000] },
  { name: "malformed JSON", fault: { kind: "malformed-json" }, retried: false },
  { name: "HTML error page", fault: { kind: "html" }, retried: true, waits: [1000, 2000] },
  { name: "wrong content type", fault: { kind: "wrong-content-type" }, retried: false },
];
