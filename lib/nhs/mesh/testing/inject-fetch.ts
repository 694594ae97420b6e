import type { Sandbox } from "@/sandbox/server";

/** A fetch answered by a (not listening) stand-in through Fastify's inject, bodies as bytes, for MESH clients in tests. */
export function meshInjectFetch(sandbox: () => Sandbox, seenAuthorization: string[] = []): typeof fetch {
  return (async (input: string | URL | Request, init?: RequestInit) => {
    const url = new URL(String(input));
    const headers = init?.headers as Record<string, string>;
    seenAuthorization.push(headers.authorization ?? "");
    const answer = await sandbox().app.inject({
      method: (init?.method ?? "GET") as "GET",
      url: `${url.pathname}${url.search}`,
      headers,
      ...(init?.body ? { payload: init.body as Buffer } : {}),
    });
    const body = answer.statusCode === 204 ? null : new Uint8Array(answer.rawPayload);
    return new Response(body, { status: answer.statusCode, headers: answer.headers as Record<string, string> });
  }) as typeof fetch;
}
