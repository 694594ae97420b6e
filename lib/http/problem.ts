/** A problem body (RFC 9457), never cached: how every route handler and the proxy refuse a request. */
export function problemResponse(status: number, title: string, extra: Record<string, unknown> = {}, headers: Record<string, string> = {}): Response {
  return Response.json(
    { type: "about:blank", title, status, ...extra },
    { status, headers: { ...headers, "content-type": "application/problem+json", "cache-control": "no-store" } },
  );
}
