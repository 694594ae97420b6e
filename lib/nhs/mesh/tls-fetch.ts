import { readFileSync } from "node:fs";
import http from "node:http";
import https from "node:https";

/** The mailbox's TLS client certificate and key, and the CA MESH's server certificate chains to (PEM files). */
export interface MeshTls {
  certPath: string;
  keyPath: string;
  caPath: string | null;
}

/**
 * A fetch over Node's https with the mailbox's client certificate (MESH demands mutual TLS), or plain http for the
 * local stand-in. Node's own fetch cannot present a client certificate without a dispatcher from undici.
 */
export function meshFetch(tls: MeshTls | null): typeof fetch {
  const agent = tls
    ? new https.Agent({
        cert: readFileSync(tls.certPath),
        key: readFileSync(tls.keyPath),
        ...(tls.caPath ? { ca: readFileSync(tls.caPath) } : {}),
        keepAlive: true,
      })
    : new http.Agent({ keepAlive: true });
  return ((input: string | URL | Request, init?: RequestInit) =>
    new Promise<Response>((resolve, reject) => {
      const url = new URL(String(input));
      const transport = url.protocol === "https:" ? https : http;
      if (tls && url.protocol !== "https:") {
        reject(new Error("MESH with a client certificate must be reached over https"));
        return;
      }
      const request = transport.request(
        url,
        { method: init?.method ?? "GET", headers: init?.headers as Record<string, string>, agent, signal: init?.signal ?? undefined },
        (response) => {
          const chunks: Buffer[] = [];
          response.on("data", (chunk: Buffer) => chunks.push(chunk));
          response.on("error", reject);
          response.on("end", () => {
            const headers = new Headers();
            for (const [name, value] of Object.entries(response.headers)) {
              if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(", ") : value);
            }
            const status = response.statusCode ?? 500;
            resolve(new Response(status === 204 || status === 304 ? null : Buffer.concat(chunks), { status, headers }));
          });
        },
      );
      request.on("error", reject);
      if (init?.body) request.end(init.body as Buffer | string);
      else request.end();
    })) as typeof fetch;
}
