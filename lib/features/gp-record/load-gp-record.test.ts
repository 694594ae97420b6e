import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";

vi.hoisted(() => {
  process.env.NEXTAUTH_URL ??= "http://localhost:3000";
});
vi.mock("next/headers", async () => (await import("@/tests/next-request-scope")).nextHeaders);
vi.mock("next/cache", () => ({ revalidatePath: () => undefined, revalidateTag: () => undefined }));

import { services } from "@/lib/server/services";
import { fixture, PATIENTS, restore, startHarness, stopHarness } from "@/tests/handler-harness";
import { inRequest } from "@/tests/next-request-scope";
import { gp } from "@/lib/nhs/testing/stand-in-client";
import type { GpRecordView } from "@/lib/nhs/gpconnect/structured-record";
import { identityMismatch, loadGpConsultations, loadGpRecordSummary, requesterFor, withSnomedTerms } from "./load-gp-record";

beforeAll(() => startHarness(), 60_000);
afterAll(() => stopHarness("GP record"));
afterEach(async () => {
  vi.restoreAllMocks();
  await restore("clinician");
});

const as = <T>(kind: "clinician" | "admin-aal2", load: () => Promise<T>) =>
  inRequest({ cookies: { "next-auth.session-token": fixture.cookies.get(kind)! } }, load);

async function rowsSince(lastId: number) {
  return (await services().audit.list({ limit: 100 })).filter((row) => row.id > lastId && row.action.startsWith("gp-record"));
}

const latestId = async () => (await services().audit.list({ limit: 1 }))[0]?.id ?? 0;

describe("the GP record for the open patient (issue 21)", () => {
  it("routes through the registered practice's SDS entry to its record, audited before it is returned", async () => {
    const before = await latestId();
    const { result } = await as("clinician", () => loadGpRecordSummary(fixture.patientRef));
    expect(result).toMatchObject({ kind: "answered", practiceOds: "A20047", mismatch: [] });
    if (result.kind !== "answered" || result.outcome.kind !== "found") throw new Error(result.kind);
    expect(result.outcome.record.medications.map((medication) => medication.name.text)).toContain("Metformin 500mg tablets");
    const rows = await rowsSince(before);
    expect(rows.map((row) => [row.action, row.outcome, row.patientNhsNumber, row.upstreamRequestId])).toEqual([
      ["gp-record-view", "data-returned", PATIENTS.withEverything, result.outcome.requestId],
    ]);
  });

  it("asks for every consultation on its own, audited as such", async () => {
    const before = await latestId();
    const { result } = await as("clinician", () => loadGpConsultations(fixture.patientRef));
    expect(result.kind === "answered" && result.outcome.kind === "found" && result.outcome.record.consultations).toHaveLength(2);
    expect((await rowsSince(before)).map((row) => row.action)).toEqual(["gp-record-consultations-view"]);
  });

  it("audits a refusal by the SSP, with the reference, as refused", async () => {
    const gpConnect = services().gpConnect!;
    const real = gpConnect.structuredRecord.bind(gpConnect);
    // a token without the role profile id: the SSP refuses it (400 "JSON Incomplete")
    vi.spyOn(gpConnect, "structuredRecord").mockImplementation((call) =>
      real({ ...call, requester: { ...call.requester, sdsRoleProfileId: undefined as unknown as string } }),
    );
    const before = await latestId();
    const { result } = await as("clinician", () => loadGpRecordSummary(fixture.patientRef));
    expect(result).toMatchObject({ kind: "answered", outcome: { kind: "refused", status: 400, diagnostics: "JSON Incomplete" } });
    const rows = await rowsSince(before);
    expect(rows.map((row) => row.outcome)).toEqual(["refused"]);
    expect(rows[0]!.upstreamRequestId).toBe(result.kind === "answered" && result.outcome.kind === "refused" ? result.outcome.requestId : null);
  });

  it("withholds a record for another NHS number, and audits it as refused", async () => {
    const gpConnect = services().gpConnect!;
    const real = gpConnect.structuredRecord.bind(gpConnect);
    vi.spyOn(gpConnect, "structuredRecord").mockImplementation(async (call) => {
      const answer = await real(call);
      return answer.kind === "found" ? { ...answer, record: { ...answer.record, patient: { ...answer.record.patient, nhsNumber: PATIENTS.another } } } : answer;
    });
    const before = await latestId();
    const { result } = await as("clinician", () => loadGpRecordSummary(fixture.patientRef));
    expect(result.kind).toBe("wrong-patient");
    expect((await rowsSince(before)).map((row) => row.outcome)).toEqual(["refused"]);
  });

  it("refuses a role without smartcard assurance before anything is asked or audited", async () => {
    const sds = vi.spyOn(services().sds, "endpointFor");
    const before = await latestId();
    const adminRef = Object.keys(fixture.base.get("admin-aal2")!.patientRefs)[0]!;
    const { result } = await as("admin-aal2", () => loadGpRecordSummary(adminRef));
    expect(result.kind).toBe("not-permitted");
    expect(sds).not.toHaveBeenCalled();
    expect(await rowsSince(before)).toEqual([]);
  });
});

describe("SNOMED CT terms for items recorded by code alone", () => {
  it("looks up the Terminology Server's term where the record has no text, and never replaces the practice's own", async () => {
    const vaccine = (text: string | null) => ({ id: "i", vaccine: { text, code: "3439211000001108" }, given: true, date: null, author: null, practice: null });
    const record = { medications: [], allergies: [], problems: [], investigations: [], immunisations: [vaccine(null), vaccine("Pneumovax")] };
    await withSnomedTerms(record as unknown as GpRecordView, gp);
    expect(record.immunisations.map((item) => item.vaccine)).toEqual([
      { text: null, code: "3439211000001108", snomed: "Pneumovax 23 vaccine solution for injection 0.5ml pre-filled syringes (Merck Sharp & Dohme (UK) Ltd)" },
      { text: "Pneumovax", code: "3439211000001108" },
    ]);
  });
});

describe("comparing the practice's Patient with PDS", () => {
  const pds = { name: { family: "GARTON", given: ["Bill"] }, birthDate: "1955-11-05", gender: "male" as const };
  it("names each field that differs, ignoring case and spacing", () => {
    expect(identityMismatch(pds, { nhsNumber: "9693632109", family: "Garton ", given: ["BILL"], birthDate: "1955-11-05", gender: "male" })).toEqual([]);
    expect(identityMismatch(pds, { nhsNumber: "9693632109", family: "GARTON", given: ["William"], birthDate: "1955-11-06", gender: "female" })).toEqual([
      "name",
      "date-of-birth",
      "gender",
    ]);
  });

  it("builds the JWT's requester from the CIS2 user and role", () => {
    expect(
      requesterFor({ user: { uid: "656005750104", name: "Priya Devi Raman" } }, {
        personRoleId: "656014452101",
        orgCode: "Y12345",
        orgName: "Trevelyan Square Surgery",
      } as Parameters<typeof requesterFor>[1]),
    ).toEqual({
      sdsUserId: "656005750104",
      sdsRoleProfileId: "656014452101",
      name: { family: "Raman", given: ["Priya", "Devi"] },
      organisation: { odsCode: "Y12345", name: "Trevelyan Square Surgery" },
    });
  });
});
