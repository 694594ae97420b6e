import { AsyncLocalStorage } from "node:async_hooks";

type Runner = <R>(work: () => R) => R;
const START_CONTEXT = Symbol.for("care-record-viewer.start-context");
const holder = globalThis as typeof globalThis & { [START_CONTEXT]?: Runner };

/** Called once as the server starts (instrumentation-node.ts), when no request is running. */
export function captureStartContext() {
  const snapshot = AsyncLocalStorage.snapshot();
  holder[START_CONTEXT] = (work) => snapshot(work);
}

/**
 * Runs an upstream call in the context the server started in rather than the page's.
 *
 * A pooled keep-alive socket keeps the async context it was opened in for as long as it lives. Opened
 * from a page, it kept that page's request state, and through the framework's own links from one
 * request's state to the next, every page after it: under load the live heap grew by about 4 MB a
 * second until the connection closed. The caller still resumes in its own context when it awaits.
 */
export function outsideRequest<R>(work: () => R): R {
  const run = holder[START_CONTEXT];
  return run ? run(work) : work();
}
