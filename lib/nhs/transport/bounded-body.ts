/** Settings for fetching a patient's document or attachment from where an API points. */
export interface DocumentFetchSettings {
  /** Origins the app may fetch from; anything else is refused. */
  origins: readonly string[];
  timeoutMs: number;
  /** The largest body read; a larger one is refused, never buffered whole. */
  maxBytes: number;
  fetchImpl?: typeof fetch;
}

export type BoundedBody = { kind: "read"; bytes: Uint8Array } | { kind: "too-large"; limitBytes: number };

/**
 * Reads a body up to a limit: refused at once when Content-Length says it is larger, otherwise read a chunk
 * at a time and abandoned as soon as it passes the limit, so a huge or endless body never fills memory.
 */
export async function readBounded(response: Response, maxBytes: number): Promise<BoundedBody> {
  const declared = Number(response.headers.get("content-length"));
  if (Number.isFinite(declared) && declared > maxBytes) {
    await response.body?.cancel().catch(() => undefined);
    return { kind: "too-large", limitBytes: maxBytes };
  }
  if (!response.body) return { kind: "read", bytes: new Uint8Array() };
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel().catch(() => undefined);
      return { kind: "too-large", limitBytes: maxBytes };
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return { kind: "read", bytes };
}
