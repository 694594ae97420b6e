import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Sandbox } from "@/sandbox/server";
import { buildTestSandbox } from "@/sandbox/testing/support";
import { NhsApiClient } from "./client";
import { EpsTrackerClient } from "./eps";
import { ErsClient } from "./ers";
import { ImmunisationClient } from "./immunisation";
import { NrlClient } from "./nrl";
import { NHS_APIS } from "./catalogue";

const BASE = "http://localhost:9999";
let sandbox: Sandbox;
let fetchViaStandIn: typeof fetch;
beforeAll(async () => {
  sandbox = await buildTestSandbox();
  fetchViaStandIn = (async (input: string | URL | Request, init?: RequestInit) => {
    const url = new URL(String(input));
    const answer = await sandbox.app.inject({ method: (init?.method ?? "GET") as "GET", url: `${url.pathname}${url.search}`, headers: { "x-request-id": crypto.randomUUID(), ...(init?.headers as Record<string, string>) }, ...(init?.body ? { payload: String(init.body) } : {}) });
    return new Response(new Uint8Array(answer.rawPayload), { status: answer.statusCode, headers: answer.headers as Record<string, string> });
  }) as typeof fetch;
});
afterAll(() => sandbox.app.close());

const nhs = () => new NhsApiClient({ timeoutMs: 2000, maxReadRetries: 0, maxRetryAfterSeconds: 1, fetchImpl: fetchViaStandIn });
const gp = { correlationId: "c", sessionUrid: "656014452101", endUserOrganisationOds: "Y12345", organisationId: "org-uuid", jobRole: "R8000" };
const pharmacy = { ...gp, endUserOrganisationOds: "Y23456" };

describe("EPS tracker client", () => {
  it("lists a patient's prescriptions newest first, with type, issue, status, timeframe and prescriber ODS code from the ID", async () => {
    const outcome = await new EpsTrackerClient(nhs(), `${BASE}${NHS_APIS.eps.basePath}`).search({ nhsNumber: "9693632109" }, gp);
    expect(outcome.kind).toBe("found");
    if (outcome.kind !== "found") return;
    const dates = outcome.prescriptions.map((prescription) => prescription.authoredOn);
    expect(dates).toEqual([...dates].sort().reverse());
    expect(new Set(outcome.prescriptions.map((prescription) => prescription.timeframe)).size).toBeGreaterThan(1);
    const repeat = outcome.prescriptions.find((prescription) => prescription.type !== "acute" && prescription.issue);
    expect(repeat?.issue?.number).toBeGreaterThanOrEqual(1);
    for (const prescription of outcome.prescriptions) expect(prescription.prescriptionId.split("-")[1]).toContain(prescription.prescriberOdsCode);
  });

  it("reads a dispensed prescription's items, status history and patient", async () => {
    const client = new EpsTrackerClient(nhs(), `${BASE}${NHS_APIS.eps.basePath}`);
    const list = await client.search({ nhsNumber: "9693632109" }, gp);
    if (list.kind !== "found") throw new Error("no list");
    const withPlus = list.prescriptions.find((prescription) => prescription.prescriptionId.endsWith("+")) ?? list.prescriptions.find((prescription) => prescription.timeframe === "past")!;
    const detail = await client.detail(withPlus.prescriptionId, withPlus.issue?.number ?? null, gp);
    expect(detail.kind).toBe("found");
    if (detail.kind !== "found") return;
    expect(detail.prescription.prescriptionId).toBe(withPlus.prescriptionId);
    expect(detail.prescription.items.length).toBeGreaterThan(0);
    expect(detail.prescription.history.length).toBeGreaterThan(0);
    expect(detail.prescription.patientNhsNumber).toBe("9693632109");
    expect(detail.prescription.nominatedDispenserOdsCode).toMatch(/^[A-Z0-9]{3,6}$/);
  });

  it("an empty list is found-with-none, not a failure", async () => {
    const outcome = await new EpsTrackerClient(nhs(), `${BASE}${NHS_APIS.eps.basePath}`).search({ nhsNumber: "9000000033" }, gp);
    expect(outcome).toMatchObject({ kind: "found", prescriptions: [] });
  });
});

describe("Immunisation client", () => {
  it("asks for every vaccine type and returns the history newest first with the fields a clinician checks", async () => {
    const outcome = await new ImmunisationClient(nhs(), `${BASE}${NHS_APIS.immunisation.basePath}`).history("9693632109", {}, gp);
    if (outcome.kind !== "found") throw new Error(outcome.kind);
    expect(outcome.vaccinations.map((vaccination) => vaccination.vaccineType)).toEqual(expect.arrayContaining(["FLU", "SHINGLES"]));
    const [latest] = outcome.vaccinations;
    expect(latest).toMatchObject({ vaccineType: "FLU" });
    expect(latest!.batch).toBeTruthy();
    expect(latest!.site).toBeTruthy();
    expect(latest!.recorder).toBeTruthy();
  });

  it("narrows by type and date upstream", async () => {
    const outcome = await new ImmunisationClient(nhs(), `${BASE}${NHS_APIS.immunisation.basePath}`).history("9693632109", { types: ["FLU"], from: "2026-01-01" }, gp);
    expect(outcome.kind === "found" && outcome.vaccinations.map((vaccination) => vaccination.occurredOn.slice(0, 10))).toEqual(["2026-10-09"]);
  });
});

describe("NRL client", () => {
  const client = () => new NrlClient(nhs(), `${BASE}${NHS_APIS.nrl.basePath}`, [BASE], 2000, fetchViaStandIn);

  it("lists pointers with type, custodian and subject; a refused organisation is not-permitted, not empty", async () => {
    const found = await client().pointers("9000000009", gp);
    if (found.kind !== "found") throw new Error(found.kind);
    expect(found.pointers.map((pointer) => pointer.type)).toContain("End of life care coordination summary");
    expect(found.pointers.every((pointer) => pointer.subjectNhsNumber === "9000000009")).toBe(true);
    expect((await client().pointers("9000000009", pharmacy)).kind).toBe("not-permitted");
  });

  it("fetches PDF and structured content, and refuses an origin the deployment does not trust", async () => {
    const found = await client().pointers("9000000009", gp);
    if (found.kind !== "found") throw new Error(found.kind);
    const pdf = found.pointers.find((pointer) => pointer.contentType === "application/pdf")!;
    const structured = found.pointers.find((pointer) => pointer.contentType === "application/fhir+json")!;
    const pdfContent = await client().content(pdf, gp, "r");
    expect(pdfContent.kind === "found" && pdfContent.content.kind).toBe("pdf");
    const structuredContent = await client().content(structured, gp, "r");
    expect(structuredContent.kind === "found" && structuredContent.content.kind === "structured" && structuredContent.content.sections.map((section) => section.text)).toContain("Home");
    const elsewhere = await client().content({ ...pdf, url: "https://attacker.example/steal" }, gp, "r");
    expect(elsewhere).toEqual({ kind: "origin-not-allowed", origin: "https://attacker.example" });
  });
});

describe("e-RS client", () => {
  const client = () => new ErsClient(nhs(), `${BASE}${NHS_APIS.ers.basePath}`, [BASE], 2000, fetchViaStandIn);

  it("reads the user's e-RS roles for their CIS2 role", async () => {
    expect(await client().roles(gp)).toEqual({ kind: "found", roles: [{ odsCode: "Y12345", organisationName: expect.any(String), businessFunctions: ["REFERRING_CLINICIAN"] }] });
  });

  it("reads a booked referral with its appointment, referrer, service and attachments", async () => {
    const outcome = await client().referral("000000070001", "REFERRING_CLINICIAN", gp);
    if (outcome.kind !== "found") throw new Error(outcome.kind);
    expect(outcome.referral).toMatchObject({ ubrn: "000000070001", state: "BOOKED", priority: "URGENT", patientNhsNumber: "9693632109", referrer: { name: "Dr Nikhil PATEL" } });
    expect(outcome.referral.appointment?.start).toBe("2026-11-26T10:30:00.000Z");
    expect(outcome.referral.attachments.map((attachment) => attachment.title)).toEqual(["Referral letter", "Resting ECG"]);
  });

  it("tells an unknown UBRN and a refused business function apart", async () => {
    expect((await client().referral("000000079999", "REFERRING_CLINICIAN", gp)).kind).toBe("not-found");
    expect((await client().referral("000000070001", "SERVICE_PROVIDER_ADMIN", gp)).kind).toBe("refused");
  });

  it("fetches a provider worklist, filters it upstream, and a referrer's business function is refused it", async () => {
    const consultant = { correlationId: "c", sessionUrid: "656005762108", endUserOrganisationOds: "RX9" };
    const all = await client().worklist("REFERRALS_FOR_REVIEW", {}, "SERVICE_PROVIDER_CLINICIAN", consultant);
    if (all.kind !== "found") throw new Error(all.kind);
    expect(all.items.length).toBeGreaterThan(0);
    expect(all.items.every((item) => /^\d{12}$/.test(item.ubrn) && item.patientNhsNumber && item.specialty)).toBe(true);
    const specialty = all.items[0]!.specialty!.code;
    const narrowed = await client().worklist("REFERRALS_FOR_REVIEW", { specialty }, "SERVICE_PROVIDER_CLINICIAN", consultant);
    expect(narrowed.kind === "found" && narrowed.items.every((item) => item.specialty?.code === specialty)).toBe(true);
    expect((await client().worklist("REFERRALS_FOR_REVIEW", {}, "REFERRING_CLINICIAN", gp)).kind).toBe("refused");
  });

  it("follows the attachment's 307 to the object store, and explains an attachment that is not available", async () => {
    const file = await client().attachment("att-80010", "REFERRING_CLINICIAN", gp, crypto.randomUUID());
    expect(file.kind === "found" && [file.contentType, new TextDecoder().decode(file.body.slice(0, 5))]).toEqual(["application/pdf", "%PDF-"]);
    expect(await client().attachment("att-80121", "REFERRING_CLINICIAN", gp, crypto.randomUUID())).toEqual({ kind: "unavailable", reason: "THREATS_FOUND" });
    const untrusted = new ErsClient(nhs(), `${BASE}${NHS_APIS.ers.basePath}`, ["https://object-store.example"], 2000, fetchViaStandIn);
    expect((await untrusted.attachment("att-80010", "REFERRING_CLINICIAN", gp, crypto.randomUUID())).kind).toBe("failed");
  });
});
