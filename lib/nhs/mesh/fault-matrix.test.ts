/**
 * MESH × every fault the stand-in can inject, over real sockets (beside lib/nhs/transport/fault-matrix.test.ts,
 * which covers the API platform's clients). For each cell: the client answers with a typed outcome, never a throw;
 * a send goes once, whatever happens to its answer; an answer that may hide a delivered message is "unknown" and
 * MESH tracking by local id then says whether it arrived; a read that fails is a failure to show, not an empty inbox.
 */
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { faultSchema } from "@/sandbox/common/faults";
import type { Sandbox } from "@/sandbox/server";
import { listeningTestSandbox } from "@/sandbox/testing/support";
import { FAULT_CASES } from "../transport/testing-fault-cases";
import { MeshClient } from "./client";
import { LOCAL_MESH } from "./local";

let sandbox: Sandbox;
let origin: string;
beforeAll(async () => {
  ({ sandbox, origin } = await listeningTestSandbox({ meshPracticeDelayMs: 60_000 }));
});
afterAll(() => sandbox.app.close());

const client = () => new MeshClient({ baseUrl: origin, credentials: LOCAL_MESH, timeoutMs: 1500 });
const uploads = (localId: string) => [...sandbox.mesh.messages.values()].filter((message) => message.localId === localId).length;
const send = (localId: string) =>
  client().send({
    to: "A20047GP01",
    workflowId: "GPFED_CONSULT_REPORT",
    subject: "s",
    localId,
    fileName: "m.json",
    contentType: "application/fhir+json",
    body: Buffer.from("{}"),
  });

const CASES = [...FAULT_CASES.map(({ name, fault }) => ({ name, fault })), { name: "lost response", fault: { kind: "lost-response" } }];
const matrix: string[] = [];
afterAll(() => console.warn(`MESH fault matrix (send, inbox):\n${matrix.join("\n")}`));

describe.each(CASES)("MESH under $name", ({ name, fault }) => {
  it("sends once, and says sent, refused or not known yet; tracking settles what is not known", async () => {
    const localId = randomUUID();
    sandbox.faults.set(faultSchema.parse({ target: "mesh", times: 1, ...fault }));
    const outcome = await send(localId);
    sandbox.faults.clear("mesh");
    expect(uploads(localId)).toBeLessThanOrEqual(1);
    const status = (fault as { status?: number }).status;
    if (status !== undefined && status < 500) expect(outcome.kind).toBe("rejected");
    else expect(outcome.kind).toBe("unknown");
    if (outcome.kind === "unknown") {
      const tracked = await client().tracking({ localId });
      // only a lost answer hides a message MESH took; every other fault stopped it before the mailbox
      expect(tracked.kind).toBe(uploads(localId) === 1 ? "found" : "not-found");
    }
    matrix.push(`  ${name.padEnd(20)} send: ${outcome.kind}, uploaded ${uploads(localId)}`);
  });

  it("reads the inbox as a failure, never as empty", async () => {
    sandbox.faults.set(faultSchema.parse({ target: "mesh", times: 1, ...fault }));
    const inbox = await client().inbox();
    sandbox.faults.clear("mesh");
    // a lost answer to a read is a failure like any other
    expect(inbox.kind).toBe("failed");
    matrix.push(`  ${name.padEnd(20)} inbox: ${inbox.kind}`);
  });
});
