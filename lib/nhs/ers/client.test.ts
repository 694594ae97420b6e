import { describe, expect, it } from "vitest";
import { standInClient, gp } from "../testing/stand-in-client";
import { ErsClient } from "./client";

const { nhs, baseUrl, origin, fetch } = standInClient();

describe("e-RS client", () => {
  const client = () => new ErsClient(nhs(), baseUrl("ers"), [origin], 2000, fetch);

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
    const untrusted = new ErsClient(nhs(), baseUrl("ers"), ["https://object-store.example"], 2000, fetch);
    expect((await untrusted.attachment("att-80010", "REFERRING_CLINICIAN", gp, crypto.randomUUID())).kind).toBe("failed");
  });
});
