import { randomUUID } from "node:crypto";
import Database from "better-sqlite3";
import pg from "pg";
import { describe, expect, it } from "vitest";
import type { GpSummaryRecord } from "@/lib/state/gp-summary-store";
import { STORE_BACKENDS } from "@/tests/store-backends";

/** The content column as stored, read around the store, as someone with the database would. */
async function rawContents(location: string): Promise<string[]> {
  if (location.startsWith("postgres")) {
    const client = new pg.Client({ connectionString: location });
    await client.connect();
    try {
      return (await client.query<{ content: string }>("SELECT content FROM gp_summaries")).rows.map((row) => row.content);
    } finally {
      await client.end();
    }
  }
  const database = new Database(location, { readonly: true });
  try {
    return (database.prepare("SELECT content FROM gp_summaries").all() as Array<{ content: string }>).map((row) => row.content);
  } finally {
    database.close();
  }
}

const draft = (nhsNumber = "9693632109"): GpSummaryRecord => ({
  id: randomUUID(),
  nhsNumber,
  orgCode: "Y12345",
  author: { userId: "u", name: "A", roleId: "r", roleName: "GP" },
  state: "draft",
  messageHeaderId: randomUUID(),
  meshMessageId: null,
  failureCode: null,
  failureDetail: null,
  corrects: null,
  createdAt: 1,
  updatedAt: 1,
  sentAt: null,
  sendingSince: null,
  content: {
    consultation: { reason: "Sore throat", findings: "f", actions: "a", advice: "", followUp: "" },
    patientName: "GARTON, Bill",
    practice: { odsCode: "A20047", name: "Ancholme Valley" },
    mexTo: "GPPROVIDER_9693632109_19551105_GARTON",
    subject: "s",
    pdf: "JVBERg==",
    message: "e30=",
  },
});

describe.each(STORE_BACKENDS)("summaries to the GP in the $name store", (backend) => {
  it("lets exactly one of many sends racing on two instances claim a draft", async () => {
    const database = await backend.fresh();
    const [first, second] = [database.gpSummaries(), database.gpSummaries()];
    const summary = draft();
    await first.create(summary);
    const claims = await Promise.all(
      Array.from({ length: 8 }, (_, index) =>
        (index % 2 ? first : second).transition(summary.id, ["draft", "not-received"], { state: "sending", sendingSince: 2 }),
      ),
    );
    expect(claims.filter(Boolean)).toHaveLength(1);
    expect((await second.get(summary.id))?.state).toBe("sending");
  });

  it("keeps the content sealed at rest, opening it only through the store, and lists a patient's sent summaries newest first", async () => {
    const database = await backend.fresh();
    const store = database.gpSummaries();
    const [older, newer, other] = [draft(), { ...draft(), createdAt: 5 }, draft("9000000009")];
    for (const summary of [older, newer, other]) await store.create(summary);
    expect(await store.listForPatient("9693632109")).toEqual([]);
    for (const summary of [older, newer, other]) await store.transition(summary.id, ["draft"], { state: "sent", meshMessageId: `m-${summary.id}` });
    expect((await store.listForPatient("9693632109")).map((summary) => summary.id)).toEqual([newer.id, older.id]);
    expect((await store.findByMeshMessageId(`m-${older.id}`))?.content?.consultation.reason).toBe("Sore throat");
    expect(await store.findByMessageHeaderId(newer.messageHeaderId)).toMatchObject({ id: newer.id });
    const raw = await rawContents(database.location);
    expect(raw).toHaveLength(3);
    for (const content of raw) {
      expect(content).toMatch(/^v1\./);
      expect(content).not.toContain("Sore throat");
    }
  });
});

describe("what a failed summary says", () => {
  it("words each MESH report, a refusal and a rejection in plain English", async () => {
    const { gpSummaryView } = await import("./gp-summary-view");
    const failed = (failureCode: string, failureDetail: string | null = null) =>
      gpSummaryView({ ...draft(), state: "failed", failureCode, failureDetail }).failure;
    expect(failed("EPL-150")).toMatch(/more than one mailbox/);
    expect(failed("EPL-151")).toMatch(/no mailbox/);
    expect(failed("EPL-152")).toMatch(/NHS number is not valid/);
    expect(failed("EPL-153")).toMatch(/could not find the NHS number/);
    expect(failed("EPL-154")).toMatch(/do not match the NHS number/);
    expect(failed("refused")).toMatch(/MESH refused the message/);
    expect(failed("30001", "Patient not registered at this practice")).toBe(
      "The practice system rejected the summary: Patient not registered at this practice.",
    );
    expect(failed("99")).toBe("MESH could not deliver the summary (code 99).");
    expect(gpSummaryView({ ...draft(), state: "unknown" })).toMatchObject({ canCheck: true, canCorrect: false, canResend: false, failure: null });
  });
});
