import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

vi.mock("next/headers", async () => (await import("@/tests/next-request-scope")).nextHeaders);

import * as statusRoute from "@/app/patient/[ref]/gp-summaries/status/route";
import { actingRole } from "@/lib/auth/session";
import { services } from "@/lib/server/services";
import { cis2Origin as standInOrigin, fixture, PATIENTS, startHarness, stopHarness } from "@/tests/handler-harness";
import { inRequest } from "@/tests/next-request-scope";
import {
  checkGpSummary,
  gpSummaryFor,
  gpSummaryListVersion,
  listGpSummaries,
  meshAnswer,
  saveGpSummaryDraft,
  sendGpSummary,
  startGpSummary,
} from "./gp-summaries";
import type { GpSummaryRecord } from "@/lib/state/gp-summary-store";
import type { GpSummaryValues } from "./gp-summary-form";

beforeAll(() => startHarness(), 60_000);
afterAll(() => stopHarness("Summaries to the GP"));

const CONSULTATION: GpSummaryValues = { reason: "Sore throat", findings: "FeverPAIN 4", actions: "Penicillin V supplied", advice: "Fluids", followUp: "" };

async function clinician() {
  const session = (await services().sessions.get(fixture.base.get("clinician")!.id))!;
  return { session, role: actingRole(session)! };
}

async function sentWith(localId: string): Promise<Array<{ status: string }>> {
  const { messages } = (await (await fetch(`${standInOrigin}/_stand-in/mesh/sent`)).json()) as { messages: Array<{ localId: string; status: string }> };
  return messages.filter((message) => message.localId === localId);
}

async function drafted(patientRef = fixture.patientRef) {
  const { session, role } = await clinician();
  const id = (await startGpSummary(session, role, patientRef, null))!;
  return { session, role, id, saved: await saveGpSummaryDraft(session, role, patientRef, id, CONSULTATION) };
}

describe("a summary to the GP, sent exactly once (issue 23)", () => {
  it("sends one message when three requests send it at once; each is told the same outcome, audited once", async () => {
    const { session, role, id, saved } = await drafted();
    expect(saved).toEqual({ kind: "saved" });
    const results = await Promise.all([1, 2, 3].map(() => sendGpSummary(session, role, fixture.patientRef, id)));
    expect(results.map((result) => result.kind === "done" && result.record.state)).toEqual(["sent", "sent", "sent"]);
    expect(await sentWith(id)).toHaveLength(1);
    const rows = (await services().audit.list({ patientNhsNumber: PATIENTS.withEverything, action: "gp-summary-send", limit: 20 })).filter((row) =>
      row.reason?.includes(id),
    );
    expect(rows.map((row) => row.outcome).sort()).toEqual(["attempted", "sent"]);
    // sent is sent: a later send of it does nothing
    expect(await sendGpSummary(session, role, fixture.patientRef, id)).toMatchObject({ kind: "done", record: { state: "sent" } });
    expect(await sentWith(id)).toHaveLength(1);
  });

  it("after a lost answer says not known yet, and Check status asks MESH's tracking: sent, never sent again", async () => {
    const { session, role, id } = await drafted();
    await fetch(`${standInOrigin}/_stand-in/mesh/settings`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ loseNextSendAnswer: true }),
    });
    expect(await sendGpSummary(session, role, fixture.patientRef, id)).toMatchObject({ kind: "done", record: { state: "unknown", meshMessageId: null } });
    expect(await checkGpSummary(session, role, fixture.patientRef, id)).toMatchObject({ state: "sent" });
    expect(await sentWith(id)).toHaveLength(1);
  });

  it("belongs to the patient it was started for: another patient's reference can neither see nor send it", async () => {
    const { session, role, id } = await drafted();
    expect(await gpSummaryFor(session, role, fixture.otherPatientRef, id)).toBeNull();
    expect(await sendGpSummary(session, role, fixture.otherPatientRef, id)).toEqual({ kind: "unknown-summary" });
    expect(await sentWith(id)).toHaveLength(0);
  });

  it("is refused for a patient PDS records as deceased, before anything is made or sent", async () => {
    const { session, role, id, saved } = await drafted(fixture.otherPatientRef);
    expect(saved).toEqual({ kind: "deceased" });
    expect(await sendGpSummary(session, role, fixture.otherPatientRef, id)).toEqual({ kind: "not-ready" });
    expect(await sentWith(id)).toHaveLength(0);
  });
});

describe("the list following its summaries (the status handler)", () => {
  const viewRowsSince = async (lastId: number) =>
    (await services().audit.list({ patientNhsNumber: PATIENTS.withEverything, action: "gp-summary-view", limit: 50 })).filter((row) => row.id > lastId).length;
  const lastAuditId = async () => (await services().audit.list({ limit: 1 }))[0]?.id ?? 0;
  const poll = async (version: string | null) => {
    let response: Response | undefined;
    await inRequest({ cookies: { "next-auth.session-token": fixture.cookies.get("clinician")! } }, async () => {
      response = await statusRoute.GET(
        new Request(`http://localhost:3000/patient/${fixture.patientRef}/gp-summaries/status`, { headers: version ? { "if-none-match": `"${version}"` } : {} }),
        { params: Promise.resolve({ ref: fixture.patientRef }) },
      );
    });
    return response!;
  };

  it("answers 304 with nothing about the patient and no audit row while nothing moved; the list, audited once, when a summary moved", async () => {
    const { session, role, id } = await drafted();
    const first = await poll(null);
    expect(first.status).toBe(200);
    const version = first.headers.get("etag")!.replaceAll('"', "");
    const since = await lastAuditId();

    for (let times = 0; times < 3; times += 1) {
      const unchanged = await poll(version);
      expect(unchanged.status).toBe(304);
      expect(unchanged.headers.get("cache-control")).toBe("no-store");
      expect(await unchanged.text()).toBe("");
    }
    expect(await viewRowsSince(since)).toBe(0);

    await sendGpSummary(session, role, fixture.patientRef, id);
    const moved = await poll(version);
    expect(moved.status).toBe(200);
    expect(((await moved.json()) as { summaries: Array<{ id: string; state: string }> }).summaries).toContainEqual(
      expect.objectContaining({ id, state: "sent" }),
    );
    expect(await viewRowsSince(since)).toBe(1);
    expect(moved.headers.get("etag")).not.toBe(`"${version}"`);
    // a version it never gave (or none) is a full, audited answer
    expect((await poll("A".repeat(22))).status).toBe(200);
    expect(await viewRowsSince(since)).toBe(2);
    expect(await listGpSummaries(session, role, fixture.otherPatientRef, version)).not.toEqual({ kind: "unchanged", version });
  });
});

describe("what MESH answered, as the list passes it on", () => {
  it("names the status and MESH's error code, or what happened to the call", () => {
    expect(meshAnswer({ kind: "http-error", status: 417, errorCode: "08", description: "Missing Mex-To" })).toBe("HTTP 417 (08)");
    expect(meshAnswer({ kind: "http-error", status: 503, errorCode: null, description: null })).toBe("HTTP 503");
    expect(meshAnswer({ kind: "timeout" })).toBe("no answer in time");
    expect(meshAnswer({ kind: "network-error", message: "socket hang up" })).toBe("connection lost");
  });
});

describe("the list's version, which a poll compares before answering 304", () => {
  it("moves when anything the list shows changes, even with the same state and the same updatedAt", () => {
    const failed: GpSummaryRecord = {
      id: "2b0c7f1e-5d3a-4c8e-9f1b-6a7d8e9f0a1b",
      nhsNumber: PATIENTS.withEverything,
      orgCode: "A20047",
      author: { userId: "656005750104", name: "Priya Raman", roleId: "656014452101", roleName: "Clinical Practitioner Access Role" },
      state: "failed",
      messageHeaderId: "3c1d8e2f-6e4b-4d9f-8a2c-7b8e9f0a1b2c",
      meshMessageId: null,
      failureCode: "EPL-151",
      failureDetail: null,
      corrects: null,
      createdAt: 1_795_000_000_000,
      updatedAt: 1_795_000_060_000,
      sentAt: 1_795_000_030_000,
      sendingSince: null,
      content: null,
    };
    const version = gpSummaryListVersion([failed]);
    expect(gpSummaryListVersion([{ ...failed }])).toBe(version);
    expect(gpSummaryListVersion([{ ...failed, failureCode: "EPL-154" }])).not.toBe(version);
    expect(gpSummaryListVersion([{ ...failed, author: { ...failed.author, name: "Someone Else" } }])).not.toBe(version);
  });
});
