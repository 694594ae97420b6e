import { describe, expect, it } from "vitest";
import { standInClient, gp } from "../testing/stand-in-client";
import { ErsClient } from "./client";

const { nhs, baseUrl, origin, fetch } = standInClient();

describe("e-RS client", () => {
  const client = () => new ErsClient(nhs(), baseUrl("ers"), { origins: [origin], timeoutMs: 2000, maxBytes: 20 * 1024 * 1024, fetchImpl: fetch });

  it("reads the user's e-RS roles for their CIS2 role", async () => {
    expect(await client().roles(gp)).toEqual({
      kind: "found",
      roles: [{ odsCode: "Y12345", organisationName: expect.any(String), businessFunctions: ["REFERRING_CLINICIAN"] }],
    });
  });

  it("reads a booked referral with its appointment, the service booked and attachments", async () => {
    const outcome = await client().referral("000000070001", "REFERRING_CLINICIAN", gp);
    if (outcome.kind !== "found") throw new Error(outcome.kind);
    expect(outcome.referral).toMatchObject({
      ubrn: "000000070001",
      state: "BOOKED",
      priority: "URGENT",
      patientNhsNumber: "9693632109",
      service: { id: "11002", name: "Cardiology Rapid Access Chest Pain Clinic" },
      created: expect.stringMatching(/^2026-/),
    });
    expect(outcome.referral.appointment?.start).toBe("2026-11-26T10:30:00.000Z");
    expect(outcome.referral.attachments.map((attachment) => attachment.title)).toEqual(["Referral letter", "Resting ECG"]);
  });

  it("reads a related referral, advice and guidance and additional requirements where e-RS puts them", async () => {
    const related = await client().referral("000000070005", "REFERRING_CLINICIAN", gp);
    const converted = await client().referral("000000070004", "REFERRING_CLINICIAN", { ...gp });
    const requirements = await client().referral("000000070011", "REFERRING_CLINICIAN", gp);
    expect(related.kind === "found" && related.referral.relatedUbrn).toBe("000000070000");
    expect(converted.kind === "found" && converted.referral.convertedFromAdviceUbrn).toBe("000000070004");
    expect(requirements.kind === "found" && requirements.referral.additionalRequirements).toEqual(["Transport", "Interpreter"]);
  });

  it("tells an unknown UBRN and a refused business function apart", async () => {
    expect((await client().referral("000000079999", "REFERRING_CLINICIAN", gp)).kind).toBe("not-found");
    expect((await client().referral("000000070001", "SERVICE_PROVIDER_ADMIN", gp)).kind).toBe("refused");
  });

  it("fetches a provider worklist, filters it upstream, and a referrer's business function is refused it", async () => {
    const consultant = { correlationId: gp.correlationId, sessionUrid: "656005762108", endUserOrganisationOds: "RX9" };
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
    const untrusted = new ErsClient(nhs(), baseUrl("ers"), {
      origins: ["https://object-store.example"],
      timeoutMs: 2000,
      maxBytes: 20 * 1024 * 1024,
      fetchImpl: fetch,
    });
    expect((await untrusted.attachment("att-80010", "REFERRING_CLINICIAN", gp, crypto.randomUUID())).kind).toBe("failed");
  });

  it("caps an attachment's size and never passes on a content type outside the allowed ones (issue 18 item 13)", async () => {
    const objectStore = (response: () => Response) =>
      (async (input: string | URL | Request, init?: RequestInit) =>
        String(input).startsWith(baseUrl("ers")) ? fetch(input, init) : response()) as typeof globalThis.fetch;
    const withStore = (response: () => Response, maxBytes = 1024) =>
      new ErsClient(nhs(), baseUrl("ers"), { origins: [origin], timeoutMs: 2000, maxBytes, fetchImpl: objectStore(response) });
    const big = () => new Response(new Uint8Array(4096), { headers: { "content-type": "application/pdf" } });
    expect(await withStore(big).attachment("att-80010", "REFERRING_CLINICIAN", gp, crypto.randomUUID())).toEqual({ kind: "too-large", limitBytes: 1024 });
    const page = () => new Response("<script>alert(1)</script>", { headers: { "content-type": "text/html; charset=utf-8" } });
    const served = await withStore(page).attachment("att-80010", "REFERRING_CLINICIAN", gp, crypto.randomUUID());
    expect(served.kind === "found" && served.contentType).toBe("application/octet-stream");
    const letter = () => new Response("%PDF-1.7", { headers: { "content-type": "application/pdf" } });
    const pdf = await withStore(letter).attachment("att-80010", "REFERRING_CLINICIAN", gp, crypto.randomUUID());
    expect(pdf.kind === "found" && pdf.contentType).toBe("application/pdf");
  });
});
