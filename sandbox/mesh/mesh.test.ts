import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { meshAuthorization } from "../../lib/nhs/mesh/auth";
import { LOCAL_MESH } from "../../lib/nhs/mesh/local";
import { parseItk3Response } from "../../lib/nhs/send-document/itk3-response";
import type { Sandbox } from "../server";
import { buildTestSandbox, listeningTestSandbox } from "../testing/support";

const box = LOCAL_MESH.mailboxId;
const auth = () => ({ authorization: meshAuthorization(LOCAL_MESH) });

/** The smallest ITK3 message that asks for both acknowledgements. */
const itkMessage = (headerId: string) =>
  JSON.stringify({
    resourceType: "Bundle",
    type: "message",
    entry: [
      {
        resource: {
          resourceType: "MessageHeader",
          id: headerId,
          source: { endpoint: box },
          extension: [
            {
              url: "https://fhir.nhs.uk/STU3/StructureDefinition/Extension-ITK-MessageHandling-2",
              extension: [
                { url: "InfAckRequested", valueBoolean: true },
                { url: "BusAckRequested", valueBoolean: true },
              ],
            },
          ],
        },
      },
    ],
  });

describe("the stand-in's MESH", () => {
  let sandbox: Sandbox;
  beforeAll(async () => {
    sandbox = await buildTestSandbox({ meshPracticeDelayMs: 60_000 });
  });
  afterAll(() => sandbox.app.close());

  const send = (to: string, body: string) =>
    sandbox.app.inject({
      method: "POST",
      url: `/messageexchange/${box}/outbox`,
      headers: { ...auth(), "mex-to": to, "mex-workflowid": "GPFED_CONSULT_REPORT", "mex-localid": to, "content-type": "application/fhir+json" },
      payload: body,
    });
  const inbox = async () => (await sandbox.app.inject({ method: "GET", url: `/messageexchange/${box}/inbox`, headers: auth() })).json().messages as string[];

  it("refuses a request without a valid NHSMESH token, or on another mailbox's paths", async () => {
    expect((await sandbox.app.inject({ method: "GET", url: `/messageexchange/${box}/inbox` })).statusCode).toBe(403);
    expect((await sandbox.app.inject({ method: "GET", url: "/messageexchange/A20047GP01/inbox", headers: auth() })).statusCode).toBe(403);
    const stale = meshAuthorization(LOCAL_MESH, new Date(Date.now() - 3 * 60 * 60 * 1000));
    expect((await sandbox.app.inject({ method: "GET", url: `/messageexchange/${box}/inbox`, headers: { authorization: stale } })).statusCode).toBe(403);
  });

  it("refuses a send without Mex-To (417)", async () => {
    const answer = await sandbox.app.inject({
      method: "POST",
      url: `/messageexchange/${box}/outbox`,
      headers: { ...auth(), "mex-workflowid": "W" },
      payload: "x",
    });
    expect(answer.statusCode).toBe(417);
  });

  it("routes GPPROVIDER to the registered practice, whose system sends an infrastructure then a business acknowledgement", async () => {
    const sent = await send("GPPROVIDER_9693632109_19551105_GARTON", itkMessage("header-accepted"));
    expect(sent.statusCode).toBe(202);
    expect(sandbox.mesh.messages.get(sent.json().message_id)).toMatchObject({ status: "accepted", recipient: "A20047GP01" });
    sandbox.mesh.settle();
    expect(sandbox.mesh.messages.get(sent.json().message_id)?.status).toBe("acknowledged");
    const responses = [];
    for (const id of await inbox()) {
      const message = await sandbox.app.inject({ method: "GET", url: `/messageexchange/${box}/inbox/${id}`, headers: auth() });
      expect(message.headers["mex-workflowid"]).toBe("GPFED_CONSULT_REPORT_ACK");
      responses.push(parseItk3Response(message.rawPayload));
      await sandbox.app.inject({ method: "PUT", url: `/messageexchange/${box}/inbox/${id}/status/acknowledged`, headers: auth() });
    }
    expect(responses).toEqual([
      expect.objectContaining({ respondingTo: "header-accepted", kind: "infrastructure", ok: true }),
      expect.objectContaining({ respondingTo: "header-accepted", kind: "business", ok: true }),
    ]);
  });

  it("has a practice whose system rejects the summary in its business acknowledgement", async () => {
    await send("GPPROVIDER_9000000009_20101022_SMITH", itkMessage("header-rejected"));
    sandbox.mesh.settle();
    const ids = await inbox();
    const responses = await Promise.all(
      ids.map(async (id) =>
        parseItk3Response((await sandbox.app.inject({ method: "GET", url: `/messageexchange/${box}/inbox/${id}`, headers: auth() })).rawPayload),
      ),
    );
    for (const id of ids) await sandbox.app.inject({ method: "PUT", url: `/messageexchange/${box}/inbox/${id}/status/acknowledged`, headers: auth() });
    expect(responses.find((response) => response?.kind === "business")).toMatchObject({ respondingTo: "header-rejected", ok: false, code: "30001" });
  });

  it("gives EPL-153 for a number PDS still returns but the merge retired from MESH's routing (Kathy KNAPP)", async () => {
    expect(sandbox.pds.get("9736363120")).toBeDefined();
    const sent = await send("GPPROVIDER_9736363120_19430703_KNAPP", itkMessage("h-153"));
    expect(sandbox.mesh.messages.get(sent.json().message_id)).toMatchObject({ status: "undeliverable", statusCode: "EPL-153" });
  });

  it("gives EPL-150 where two mailboxes match", async () => {
    sandbox.pds.put({ ...sandbox.pds.get("9693632109")!, id: "9693632109", generalPractitioner: [{ identifier: { value: "B86041" } }] } as never);
    const sent = await send("GPPROVIDER_9693632109_19551105_GARTON", itkMessage("h"));
    expect(sandbox.mesh.messages.get(sent.json().message_id)).toMatchObject({ status: "undeliverable", statusCode: "EPL-150" });
  });
});

describe("faults on MESH's paths", () => {
  it("answers with the injected status, then normally once it has cleared", async () => {
    const { sandbox, origin } = await listeningTestSandbox();
    try {
      sandbox.faults.set({ target: "mesh", kind: "status", status: 503, times: 1 });
      const handshake = () => fetch(`${origin}/messageexchange/${box}`, { method: "POST", headers: auth() });
      expect((await handshake()).status).toBe(503);
      expect((await handshake()).status).toBe(200);
    } finally {
      await sandbox.app.close();
    }
  });
});

describe("acknowledgements held for the poller journey", () => {
  it("keeps an acknowledgement undone until release, drops one whose sender went away, and counts those answered", async () => {
    const { sandbox, origin } = await listeningTestSandbox({ meshPracticeDelayMs: 0 });
    try {
      const mesh = sandbox.mesh;
      const url = (id: string) => `${origin}/messageexchange/${box}/inbox/${id}/status/acknowledged`;
      mesh.holdAcknowledgements(true);
      const sent = await fetch(`${origin}/messageexchange/${box}/outbox`, {
        method: "POST",
        headers: {
          ...auth(),
          "mex-to": "GPPROVIDER_9693632109_19551105_GARTON",
          "mex-workflowid": "GPFED_CONSULT_REPORT",
          "content-type": "application/fhir+json",
        },
        body: itkMessage("held"),
      });
      const messageId = ((await sent.json()) as { message_id: string }).message_id;
      // the practice collects and sends its infrastructure acknowledgement; its business one waits for the release
      await expect.poll(() => mesh.inbox(box).length).toBe(1);
      const [infrastructure] = mesh.inbox(box);
      const abandoned = new AbortController();
      const first = fetch(url(infrastructure!), { method: "PUT", headers: auth(), signal: abandoned.signal }).catch(() => "gone");
      await expect.poll(() => mesh.heldAcknowledgementCount).toBe(1);
      abandoned.abort();
      expect(await first).toBe("gone");
      const second = fetch(url(infrastructure!), { method: "PUT", headers: auth() });
      await expect.poll(() => mesh.heldAcknowledgementCount).toBe(2);
      expect(mesh.inbox(box)).toEqual([infrastructure]);

      mesh.holdAcknowledgements(false);
      expect((await second).status).toBe(200);
      expect(mesh.droppedAcknowledgements).toBe(1);
      await expect.poll(() => mesh.inbox(box).length).toBe(1);
      const counts = (await (await fetch(`${origin}/_stand-in/mesh/acknowledgements?replyTo=${messageId}`)).json()) as {
        replies: Array<{ messageId: string; acknowledged: number }>;
        inbox: number;
      };
      expect(counts.replies).toEqual([
        { messageId: infrastructure, acknowledged: 1 },
        { messageId: expect.not.stringMatching(infrastructure!), acknowledged: 0 },
      ]);
      expect(counts.inbox).toBe(1);
    } finally {
      await sandbox.app.close();
    }
  });
});
