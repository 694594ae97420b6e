import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AuditEntry } from "@/lib/audit/audit-trail";
import { MeshClient } from "@/lib/nhs/mesh/client";
import { LOCAL_MESH } from "@/lib/nhs/mesh/local";
import { meshInjectFetch } from "@/lib/nhs/mesh/testing/inject-fetch";
import { gpProviderAddress, SEND_DOCUMENT_WORKFLOW, sendDocumentBundle, type SendDocumentPatient } from "@/lib/nhs/send-document/message";
import type { GpSummaryRecord, GpSummaryStore } from "@/lib/state/gp-summary-store";
import type { Sandbox } from "@/sandbox/server";
import { buildTestSandbox } from "@/sandbox/testing/support";
import { STORE_BACKENDS } from "@/tests/store-backends";
import { pollMeshOnce, type PollerDependencies } from "./mesh-poller";

const GARTON: SendDocumentPatient = { nhsNumber: "9693632109", family: "Garton", given: ["Bill"], birthDate: "1955-11-05", gender: "male" };

let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await buildTestSandbox({ meshPracticeDelayMs: 60_000 });
});
afterAll(() => sandbox.app.close());
const mesh = () => new MeshClient({ baseUrl: "http://localhost:9999", credentials: LOCAL_MESH, timeoutMs: 2000, fetchImpl: meshInjectFetch(() => sandbox) });

/** A draft summary in the store, its message sent to MESH for real: what the feature does, without the pages. */
async function sentSummary(store: GpSummaryStore, patient: SendDocumentPatient = GARTON, send = true): Promise<GpSummaryRecord> {
  const id = randomUUID();
  const messageHeaderId = randomUUID();
  const record: GpSummaryRecord = {
    id,
    nhsNumber: patient.nhsNumber,
    orgCode: "Y23456",
    author: { userId: "u", name: "Alex Example", roleId: "r", roleName: "Pharmacist" },
    state: "sending",
    messageHeaderId,
    meshMessageId: null,
    failureCode: null,
    failureDetail: null,
    corrects: null,
    createdAt: Date.now(),
    updatedAt: Date.now(),
    sentAt: null,
    sendingSince: Date.now(),
    content: null,
  };
  await store.create(record);
  if (!send) return record;
  const bundle = sendDocumentBundle({
    messageHeaderId,
    bundleId: randomUUID(),
    taskId: randomUUID(),
    patient,
    practice: { odsCode: "A20047", name: "Ancholme Valley Medical Practice" },
    sender: {
      odsCode: "Y23456",
      organisationName: "Boar Lane Pharmacy",
      practitionerName: "Alex Example",
      sdsRoleProfileId: "555254240101",
      mailboxId: LOCAL_MESH.mailboxId,
    },
    writtenAt: new Date().toISOString(),
    title: "Consultation summary",
    pdf: Buffer.from("%PDF"),
  });
  const sent = await mesh().send({
    to: gpProviderAddress(patient),
    workflowId: SEND_DOCUMENT_WORKFLOW,
    subject: "s",
    localId: id,
    fileName: "m.json",
    contentType: "application/fhir+json",
    body: Buffer.from(JSON.stringify(bundle)),
  });
  if (sent.kind !== "sent") throw new Error("not sent");
  return (await store.transition(id, ["sending"], { state: "sent", meshMessageId: sent.messageId, sentAt: Date.now(), sendingSince: null }))!;
}

describe.each(STORE_BACKENDS)("the MESH inbox poller on $name", (backend) => {
  const deps = (store: GpSummaryStore, audit: AuditEntry[], overrides: Partial<PollerDependencies> = {}): PollerDependencies => ({
    store,
    mesh: mesh(),
    audit: async (entry) => audit.push(entry),
    holder: "instance-a",
    leaseMilliseconds: 60_000,
    sendingDeadlineMilliseconds: 15_000,
    ...overrides,
  });

  it("moves a summary to delivered then accepted as the practice's acknowledgements arrive, acknowledging each, audited", async () => {
    const store = (await backend.fresh()).gpSummaries();
    const audit: AuditEntry[] = [];
    const summary = await sentSummary(store);
    sandbox.mesh.settle();
    const report = await pollMeshOnce(deps(store, audit));
    expect(report).toMatchObject({ polled: true, applied: 2, acknowledged: 2, alreadyProcessed: 0 });
    expect((await store.get(summary.id))?.state).toBe("accepted");
    expect(audit.map((entry) => [entry.action, entry.reason, entry.patientNhsNumber])).toEqual([
      ["gp-summary-status", "ITK3 acknowledgement: delivered", "9693632109"],
      ["gp-summary-status", "ITK3 acknowledgement: accepted", "9693632109"],
    ]);
    expect(sandbox.mesh.inbox(LOCAL_MESH.mailboxId)).toEqual([]);
  });

  it("applies nothing twice when it stopped after processing a message but before acknowledging it", async () => {
    const store = (await backend.fresh()).gpSummaries();
    const summary = await sentSummary(store);
    sandbox.mesh.settle();
    // the first poller dies as it acknowledges: the messages were processed but stay in the inbox
    const dying = {
      ...mesh(),
      inbox: () => mesh().inbox(),
      download: (id: string) => mesh().download(id),
      tracking: mesh().tracking.bind(mesh()),
      acknowledge: async () => {
        throw new Error("killed");
      },
    };
    await expect(pollMeshOnce(deps(store, [], { mesh: dying }))).rejects.toThrow("killed");
    expect((await store.get(summary.id))?.state).toBe("delivered");
    // a restarted poller (another instance, once the lease has run out) finds them again
    const later = Date.now() + 61_000;
    const audit: AuditEntry[] = [];
    const report = await pollMeshOnce(deps(store, audit, { holder: "instance-b", now: () => later }));
    expect(report).toMatchObject({ polled: true, applied: 1, alreadyProcessed: 1, acknowledged: 2 });
    // the message processed before is neither applied nor audited again
    expect(audit.map((entry) => entry.reason)).toEqual(["ITK3 acknowledgement: accepted"]);
    expect((await store.get(summary.id))?.state).toBe("accepted");
    expect(sandbox.mesh.inbox(LOCAL_MESH.mailboxId)).toEqual([]);
  });

  it("is one poller across instances: a second holder polls only once the first's lease has run out", async () => {
    const database = await backend.fresh();
    const [first, second] = [database.gpSummaries(), database.gpSummaries()];
    const results = await Promise.all([pollMeshOnce(deps(first, [], { holder: "a" })), pollMeshOnce(deps(second, [], { holder: "b" }))]);
    expect(results.filter((result) => result.polled)).toHaveLength(1);
    expect((await pollMeshOnce(deps(second, [], { holder: "b", now: () => Date.now() + 61_000 }))).polled).toBe(true);
  });

  it("fails a summary with the MESH error report's code when routing to the practice fails", async () => {
    const store = (await backend.fresh()).gpSummaries();
    const summary = await sentSummary(store, { ...GARTON, birthDate: "1955-11-06" });
    await pollMeshOnce(deps(store, []));
    expect(await store.get(summary.id)).toMatchObject({ state: "failed", failureCode: "EPL-154" });
  });

  it("settles a send whose answer was lost through tracking: sent when MESH has it, not received when it has not", async () => {
    const store = (await backend.fresh()).gpSummaries();
    const arrived = await sentSummary(store);
    await store.transition(arrived.id, ["sent"], { state: "unknown", meshMessageId: null });
    const lost = await sentSummary(store, GARTON, false);
    await store.transition(lost.id, ["sending"], { state: "unknown" });
    const report = await pollMeshOnce(deps(store, []));
    expect(report.reconciled).toBe(2);
    expect(await store.get(arrived.id)).toMatchObject({ state: "sent", meshMessageId: arrived.meshMessageId });
    expect((await store.get(lost.id))?.state).toBe("not-received");
    sandbox.mesh.settle();
    await pollMeshOnce(deps(store, []));
  });
});
