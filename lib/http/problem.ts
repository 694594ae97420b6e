import { logger } from "@/lib/log";

/** Refusals are logged (status and the fixed title), so that a run of them shows; never a patient detail. */
const LOGGED_REFUSALS = new Set([401, 403, 429]);

/** A problem body (RFC 9457), never cached: how every route handler and the proxy refuse a request. */
export function problemResponse(status: number, title: string, extra: Record<string, unknown> = {}, headers: Record<string, string> = {}): Response {
  if (LOGGED_REFUSALS.has(status)) logger.info({ event: "refused", status, title }, "request refused");
  return Response.json(
    { type: "about:blank", title, status, ...extra },
    { status, headers: { ...headers, "content-type": "application/problem+json", "cache-control": "no-store" } },
  );
}
