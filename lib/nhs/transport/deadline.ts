/**
 * A deadline for one upstream exchange, to be cleared the moment the exchange ends.
 *
 * Not AbortSignal.timeout: Node keeps that timer until it fires, and a timer holds the async context
 * it was made in, which here is the whole page render. Under load that kept every page rendered in
 * the last timeout period in memory (the bench saw the live heap climb 55 → 537 MB in two minutes).
 */
export interface Deadline {
  signal: AbortSignal;
  clear: () => void;
}

export function startDeadline(milliseconds: number): Deadline {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(new DOMException(`No answer within ${milliseconds} ms`, "TimeoutError")), milliseconds);
  return { signal: controller.signal, clear: () => clearTimeout(timer) };
}

/** Runs an exchange (request and body) under a deadline that is cleared however it ends. */
export async function withDeadline<T>(milliseconds: number, exchange: (signal: AbortSignal) => Promise<T>): Promise<T> {
  const deadline = startDeadline(milliseconds);
  try {
    return await exchange(deadline.signal);
  } finally {
    deadline.clear();
  }
}
