import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildTestSandbox } from "@/sandbox/testing/support";
import type { Sandbox } from "@/sandbox/server";
import { meshAuthorization, meshTimestamp, meshTokenSignedBy, parseMeshAuthorization } from "./auth";
import { chunksOf, MeshClient } from "./client";
import { LOCAL_MESH } from "./local";
import { meshInjectFetch } from "./testing/inject-fetch";

const BASE = "http://localhost:9999";

const injectFetch = meshInjectFetch;

describe("the NHSMESH authorisation header", () => {
  const credentials = { mailboxId: "X26HC005", password: "pa55word", sharedKey: "BackBone" };

  it("is the mailbox, nonce, count, timestamp and the HMAC-SHA256 of mailbox:nonce:count:password:timestamp under the shared key", async () => {
    const { createHmac } = await import("node:crypto");
    const at = new Date(Date.UTC(2020, 4, 4, 13, 5));
    const header = meshAuthorization(credentials, at, "bd0e2bd5-218e-41d0-83a9-73fdec414803", 0);
    const expected = createHmac("sha256", "BackBone").update("X26HC005:bd0e2bd5-218e-41d0-83a9-73fdec414803:0:pa55word:202005041305").digest("hex");
    expect(header).toBe(`NHSMESH X26HC005:bd0e2bd5-218e-41d0-83a9-73fdec414803:0:202005041305:${expected}`);
    expect(meshTimestamp(at)).toBe("202005041305");
  });

  it("takes a fresh nonce on every call", () => {
    const at = new Date();
    const nonces = new Set(Array.from({ length: 50 }, () => parseMeshAuthorization(meshAuthorization(credentials, at))!.nonce));
    expect(nonces.size).toBe(50);
  });

  it("verifies only under the same shared key and password", () => {
    const token = parseMeshAuthorization(meshAuthorization(credentials))!;
    expect(meshTokenSignedBy(token, credentials)).toBe(true);
    expect(meshTokenSignedBy(token, { ...credentials, sharedKey: "other" })).toBe(false);
    expect(meshTokenSignedBy(token, { ...credentials, password: "other" })).toBe(false);
    expect(parseMeshAuthorization("Bearer abc")).toBeNull();
    expect(parseMeshAuthorization("NHSMESH x26:1:0:202005041305:00")).toBeNull();
  });
});

describe("chunking", () => {
  it("keeps a body at or under the chunk size whole, and splits a larger one in order without losing a byte", () => {
    const body = Uint8Array.from({ length: 25 }, (_, index) => index);
    expect(chunksOf(body, 25)).toHaveLength(1);
    const chunks = chunksOf(body, 10);
    expect(chunks.map((chunk) => chunk.length)).toEqual([10, 10, 5]);
    expect(Buffer.concat(chunks)).toEqual(Buffer.from(body));
    expect(chunksOf(new Uint8Array(0), 10)).toHaveLength(1);
  });
});

describe("the MESH client against the stand-in", () => {
  let sandbox: Sandbox;
  const seen: string[] = [];
  beforeAll(async () => {
    sandbox = await buildTestSandbox({ meshPracticeDelayMs: 60_000 });
  });
  afterAll(() => sandbox.app.close());
  const client = (options: { chunkBytes?: number; mailbox?: typeof LOCAL_MESH } = {}) =>
    new MeshClient({
      baseUrl: BASE,
      credentials: options.mailbox ?? LOCAL_MESH,
      timeoutMs: 2000,
      chunkBytes: options.chunkBytes,
      fetchImpl: injectFetch(() => sandbox, seen),
    });

  it("handshakes, and is refused with another shared key", async () => {
    expect(await client().handshake()).toEqual({ kind: "ok" });
    expect(await client({ mailbox: { ...LOCAL_MESH, sharedKey: "wrong" } as unknown as typeof LOCAL_MESH }).handshake()).toEqual({
      kind: "failed",
      failure: { kind: "auth-failed", status: 403 },
    });
  });

  it("refuses a token used a second time", async () => {
    const header = meshAuthorization(LOCAL_MESH);
    const first = await sandbox.app.inject({ method: "POST", url: `/messageexchange/${LOCAL_MESH.mailboxId}`, headers: { authorization: header } });
    const again = await sandbox.app.inject({ method: "POST", url: `/messageexchange/${LOCAL_MESH.mailboxId}`, headers: { authorization: header } });
    expect([first.statusCode, again.statusCode]).toEqual([200, 403]);
  });

  it("sends a message in chunks above the chunk size, which the recipient downloads whole", async () => {
    const body = Buffer.from("x".repeat(2500));
    const sent = await client({ chunkBytes: 1000 }).send({
      to: "A20047GP01",
      workflowId: "TEST_WORKFLOW",
      subject: "test",
      localId: "chunk-test",
      fileName: "test.txt",
      contentType: "text/plain",
      body,
    });
    expect(sent).toMatchObject({ kind: "sent", chunks: 3 });
    const practice = client({ mailbox: { mailboxId: "A20047GP01", password: "password", sharedKey: LOCAL_MESH.sharedKey } as unknown as typeof LOCAL_MESH });
    const inbox = await practice.inbox();
    expect(inbox).toEqual({ kind: "ok", messageIds: [(sent as { messageId: string }).messageId] });
    const downloaded = await practice.download((sent as { messageId: string }).messageId);
    expect(downloaded.kind === "ok" && downloaded.message.body.equals(body)).toBe(true);
    expect(await practice.acknowledge((sent as { messageId: string }).messageId)).toEqual({ kind: "ok" });
    const tracked = await client().tracking({ messageId: (sent as { messageId: string }).messageId });
    expect(tracked).toMatchObject({ kind: "found", tracking: { status: "acknowledged", localId: "chunk-test" } });
    expect(await client().tracking({ localId: "chunk-test" })).toMatchObject({ kind: "found", tracking: { status: "acknowledged" } });
  });

  it("gets an error report in its own inbox when GPPROVIDER routing fails", async () => {
    const cases: Array<[string, string]> = [
      ["GPPROVIDER_9000000000_19551105_GARTON", "EPL-152"],
      ["GPPROVIDER_9111231130_19551105_GARTON", "EPL-153"],
      ["GPPROVIDER_9693632109_19551106_GARTON", "EPL-154"],
      ["GPPROVIDER_5900035697_20000101_jones", "EPL-151"],
    ];
    for (const [to, code] of cases) {
      const sent = await client().send({
        to,
        workflowId: "GPFED_CONSULT_REPORT",
        subject: "s",
        localId: `route-${code}`,
        fileName: "f",
        contentType: "application/json",
        body: Buffer.from("{}"),
      });
      expect(sent.kind).toBe("sent");
      const { messageIds } = (await client().inbox()) as { messageIds: string[] };
      const reports = await Promise.all(messageIds.map((id) => client().download(id)));
      const report = reports.find((answer) => answer.kind === "ok" && answer.message.linkedMessageId === (sent as { messageId: string }).messageId);
      expect(report).toMatchObject({ kind: "ok", message: { messageType: "REPORT", statusCode: code, localId: `route-${code}` } });
      for (const id of messageIds) await client().acknowledge(id);
    }
  });

  it("signs every request with a token of its own", () => {
    const nonces = seen.map((header) => parseMeshAuthorization(header)?.nonce);
    expect(nonces.length).toBeGreaterThan(10);
    expect(new Set(nonces).size).toBe(nonces.length);
  });
});
