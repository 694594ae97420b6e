import { randomUUID } from "node:crypto";
import { z } from "zod";
import { type MeshCredentials, meshAuthorization } from "./auth";

/** MESH's largest single request is 100 MB; a message above the chunk size goes in ordered chunks. */
export const MESH_MAX_CHUNK_BYTES = 100 * 1000 * 1000;
const ACCEPT_V2 = "application/vnd.mesh.v2+json";
const CLIENT_VERSION = "care-record-viewer==1.0";

export interface MeshClientOptions {
  baseUrl: string;
  credentials: MeshCredentials;
  timeoutMs: number;
  chunkBytes?: number;
  fetchImpl?: typeof fetch;
  now?: () => Date;
}

/** Why a call did not give an answer: typed, never worded (the feature words it). */
export type MeshFailure =
  | { kind: "timeout" }
  | { kind: "network-error"; message: string }
  | { kind: "auth-failed"; status: 401 | 403 }
  | { kind: "http-error"; status: number; errorCode: string | null; description: string | null }
  | { kind: "invalid-response"; detail: string };

export interface MeshOutboundMessage {
  to: string;
  workflowId: string;
  subject: string;
  /** The sender's own id for the message, fixed before the first attempt; never patient data. */
  localId: string;
  fileName: string;
  contentType: string;
  body: Uint8Array;
}

export type MeshSendOutcome =
  | { kind: "sent"; messageId: string; chunks: number }
  /** MESH refused it (4xx/417): nothing was accepted for delivery. */
  | { kind: "rejected"; failure: MeshFailure }
  /** It may or may not have been accepted: only tracking (or a report) can say. messageId when the first chunk was. */
  | { kind: "unknown"; failure: MeshFailure; messageId: string | null };

export interface MeshInboundMessage {
  messageId: string;
  messageType: "DATA" | "REPORT";
  workflowId: string | null;
  from: string | null;
  localId: string | null;
  subject: string | null;
  /** For a report: the message it is about, and its status. */
  linkedMessageId: string | null;
  statusCode: string | null;
  statusDescription: string | null;
  statusEvent: string | null;
  body: Buffer;
}

export interface MeshTracking {
  messageId: string;
  localId: string | null;
  status: string;
  statusCode: string | null;
  statusDescription: string | null;
}

const sendAnswer = z.object({ message_id: z.string().min(1) });
const inboxAnswer = z.object({ messages: z.array(z.string().min(1)), links: z.record(z.string(), z.string()).optional() });
const trackingAnswer = z.object({
  message_id: z.string().min(1),
  local_id: z.string().nullish(),
  status: z.string().min(1),
  status_code: z.string().nullish(),
  status_description: z.string().nullish(),
});
const errorAnswer = z.object({ errorCode: z.string().optional(), errorDescription: z.string().optional() }).partial().passthrough();

/** Splits a body into chunks of at most `size` bytes, in order (at least one, even for an empty body). */
export function chunksOf(body: Uint8Array, size: number): Uint8Array[] {
  if (size < 1) throw new Error("chunk size must be at least one byte");
  if (body.length <= size) return [body];
  const chunks: Uint8Array[] = [];
  for (let start = 0; start < body.length; start += size) chunks.push(body.subarray(start, start + size));
  return chunks;
}

/**
 * The MESH API (mesh-api.yaml): handshake, send (chunked above the chunk size), inbox, download, acknowledge,
 * tracking. Every request carries a new NHSMESH authorisation token. Nothing is retried here: a send whose answer
 * was lost is "unknown", and the caller settles it through tracking.
 */
export class MeshClient {
  private readonly fetchImpl: typeof fetch;
  private readonly chunkBytes: number;
  private readonly now: () => Date;

  constructor(private readonly options: MeshClientOptions) {
    this.fetchImpl = options.fetchImpl ?? fetch;
    this.chunkBytes = Math.min(options.chunkBytes ?? MESH_MAX_CHUNK_BYTES, MESH_MAX_CHUNK_BYTES);
    this.now = options.now ?? (() => new Date());
  }

  get mailboxId() {
    return this.options.credentials.mailboxId;
  }

  private url(path: string) {
    return `${this.options.baseUrl}/messageexchange/${encodeURIComponent(this.mailboxId)}${path}`;
  }

  private async call(
    method: string,
    url: string,
    headers: Record<string, string> = {},
    body?: Uint8Array,
  ): Promise<{ response: Response; bytes: Buffer } | MeshFailure> {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), this.options.timeoutMs);
    try {
      const response = await this.fetchImpl(url, {
        method,
        headers: {
          authorization: meshAuthorization(this.options.credentials, this.now()),
          accept: ACCEPT_V2,
          "mex-clientversion": CLIENT_VERSION,
          "mex-osname": process.platform,
          "mex-osversion": process.version,
          "x-request-id": randomUUID(),
          ...headers,
        },
        body: body ? Buffer.from(body) : undefined,
        signal: controller.signal,
      });
      const bytes = Buffer.from(await response.arrayBuffer());
      return { response, bytes };
    } catch (error) {
      if (controller.signal.aborted) return { kind: "timeout" };
      return { kind: "network-error", message: error instanceof Error ? error.message : String(error) };
    } finally {
      clearTimeout(timer);
    }
  }

  private failureOf(response: Response, bytes: Buffer): MeshFailure {
    if (response.status === 401 || response.status === 403) return { kind: "auth-failed", status: response.status };
    let parsed: z.infer<typeof errorAnswer> = {};
    try {
      parsed = errorAnswer.parse(JSON.parse(bytes.toString("utf8")));
    } catch {
      // an HTML or empty error page: the status is all there is
    }
    return { kind: "http-error", status: response.status, errorCode: parsed.errorCode ?? null, description: parsed.errorDescription ?? null };
  }

  private json<T>(schema: z.ZodType<T>, bytes: Buffer): T | MeshFailure {
    try {
      const result = schema.safeParse(JSON.parse(bytes.toString("utf8")));
      return result.success ? result.data : { kind: "invalid-response", detail: result.error.issues.map((issue) => issue.path.join(".")).join(", ") };
    } catch {
      return { kind: "invalid-response", detail: "not JSON" };
    }
  }

  async handshake(): Promise<{ kind: "ok" } | { kind: "failed"; failure: MeshFailure }> {
    const answer = await this.call("POST", this.url(""));
    if ("kind" in answer) return { kind: "failed", failure: answer };
    return answer.response.ok ? { kind: "ok" } : { kind: "failed", failure: this.failureOf(answer.response, answer.bytes) };
  }

  async send(message: MeshOutboundMessage): Promise<MeshSendOutcome> {
    const chunks = chunksOf(message.body, this.chunkBytes);
    const headers: Record<string, string> = {
      "mex-from": this.mailboxId,
      "mex-to": message.to,
      "mex-workflowid": message.workflowId,
      "mex-subject": message.subject,
      "mex-localid": message.localId,
      "mex-filename": message.fileName,
      "mex-content-compressed": "N",
      "content-type": message.contentType,
      ...(chunks.length > 1 ? { "mex-chunk-range": `1:${chunks.length}` } : {}),
    };
    const first = await this.call("POST", this.url("/outbox"), headers, chunks[0]);
    if ("kind" in first) return { kind: "unknown", failure: first, messageId: null };
    if (!first.response.ok) {
      const failure = this.failureOf(first.response, first.bytes);
      return first.response.status >= 500 || first.response.status === 408 ? { kind: "unknown", failure, messageId: null } : { kind: "rejected", failure };
    }
    const accepted = this.json(sendAnswer, first.bytes);
    if ("kind" in accepted) return { kind: "unknown", failure: accepted, messageId: null };
    for (let index = 1; index < chunks.length; index += 1) {
      const answer = await this.call(
        "POST",
        this.url(`/outbox/${encodeURIComponent(accepted.message_id)}/${index + 1}`),
        { "mex-chunk-range": `${index + 1}:${chunks.length}`, "content-type": message.contentType },
        chunks[index],
      );
      // a message missing a chunk is never delivered; tracking says where it stopped
      if ("kind" in answer) return { kind: "unknown", failure: answer, messageId: accepted.message_id };
      if (!answer.response.ok) return { kind: "unknown", failure: this.failureOf(answer.response, answer.bytes), messageId: accepted.message_id };
    }
    return { kind: "sent", messageId: accepted.message_id, chunks: chunks.length };
  }

  /** Every message id waiting in the inbox, following v2's `links.next` pages. */
  async inbox(): Promise<{ kind: "ok"; messageIds: string[] } | { kind: "failed"; failure: MeshFailure }> {
    const messageIds: string[] = [];
    let url: string | null = this.url("/inbox");
    for (let page = 0; url && page < 100; page += 1) {
      const answer = await this.call("GET", url);
      if ("kind" in answer) return { kind: "failed", failure: answer };
      if (!answer.response.ok) return { kind: "failed", failure: this.failureOf(answer.response, answer.bytes) };
      const inbox = this.json(inboxAnswer, answer.bytes);
      if ("kind" in inbox) return { kind: "failed", failure: inbox };
      messageIds.push(...inbox.messages);
      url = inbox.links?.next ? new URL(inbox.links.next, this.options.baseUrl).toString() : null;
    }
    return { kind: "ok", messageIds };
  }

  /** One message with all its chunks, and the headers that say what it is (a REPORT's body is empty). */
  async download(messageId: string): Promise<{ kind: "ok"; message: MeshInboundMessage } | { kind: "gone" } | { kind: "failed"; failure: MeshFailure }> {
    const path = `/inbox/${encodeURIComponent(messageId)}`;
    const first = await this.call("GET", this.url(path));
    if ("kind" in first) return { kind: "failed", failure: first };
    if (first.response.status === 404 || first.response.status === 410) return { kind: "gone" };
    if (!first.response.ok && first.response.status !== 206) return { kind: "failed", failure: this.failureOf(first.response, first.bytes) };
    const header = (name: string) => first.response.headers.get(name);
    const range = /^(\d+):(\d+)$/.exec(header("mex-chunk-range") ?? "");
    const total = range ? Number(range[2]) : 1;
    const parts = [first.bytes];
    for (let chunk = 2; chunk <= total; chunk += 1) {
      const answer = await this.call("GET", this.url(`${path}/${chunk}`));
      if ("kind" in answer) return { kind: "failed", failure: answer };
      if (!answer.response.ok && answer.response.status !== 206) return { kind: "failed", failure: this.failureOf(answer.response, answer.bytes) };
      parts.push(answer.bytes);
    }
    const messageType = (header("mex-messagetype") ?? "DATA").toUpperCase();
    return {
      kind: "ok",
      message: {
        messageId: header("mex-messageid") ?? messageId,
        messageType: messageType === "REPORT" ? "REPORT" : "DATA",
        workflowId: header("mex-workflowid"),
        from: header("mex-from"),
        localId: header("mex-localid"),
        subject: header("mex-subject"),
        linkedMessageId: header("mex-linkedmsgid"),
        statusCode: header("mex-statuscode"),
        statusDescription: header("mex-statusdescription"),
        statusEvent: header("mex-statusevent"),
        body: Buffer.concat(parts),
      },
    };
  }

  /** Removes a downloaded message from the inbox; one already gone counts as acknowledged. */
  async acknowledge(messageId: string): Promise<{ kind: "ok" } | { kind: "failed"; failure: MeshFailure }> {
    const answer = await this.call("PUT", this.url(`/inbox/${encodeURIComponent(messageId)}/status/acknowledged`));
    if ("kind" in answer) return { kind: "failed", failure: answer };
    if (answer.response.ok || answer.response.status === 404 || answer.response.status === 410) return { kind: "ok" };
    return { kind: "failed", failure: this.failureOf(answer.response, answer.bytes) };
  }

  /**
   * What MESH knows of a message this mailbox sent, by its MESH message id, or (when a send's answer was lost and
   * there is no message id) by the sender's local id, which the spec keeps though it calls it deprecated.
   */
  async tracking(
    by: { messageId: string } | { localId: string },
  ): Promise<{ kind: "found"; tracking: MeshTracking } | { kind: "not-found" } | { kind: "failed"; failure: MeshFailure }> {
    const url =
      "messageId" in by
        ? `${this.url("/outbox/tracking")}?messageID=${encodeURIComponent(by.messageId)}`
        : this.url(`/outbox/tracking/${encodeURIComponent(by.localId)}`);
    const answer = await this.call("GET", url);
    if ("kind" in answer) return { kind: "failed", failure: answer };
    if (answer.response.status === 404) return { kind: "not-found" };
    if (!answer.response.ok) return { kind: "failed", failure: this.failureOf(answer.response, answer.bytes) };
    const tracking = this.json(trackingAnswer, answer.bytes);
    if ("kind" in tracking) return { kind: "failed", failure: tracking };
    return {
      kind: "found",
      tracking: {
        messageId: tracking.message_id,
        localId: tracking.local_id ?? null,
        status: tracking.status,
        statusCode: tracking.status_code ?? null,
        statusDescription: tracking.status_description ?? null,
      },
    };
  }
}
