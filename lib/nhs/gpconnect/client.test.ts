import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { nhsSpecsDir } from "@/sandbox/contract/specs";
import { gp, standInClient } from "../testing/stand-in-client";
import { GET_STRUCTURED_RECORD_INTERACTION, SdsClient } from "../sds/client";
import { GpConnectClient, type StructuredRecordRequest } from "./client";
import { structuredRecordBundleSchema, toGpRecordView } from "./structured-record";
import type { GpConnectRequester } from "./jwt";

const standIn = standInClient();
const requester: GpConnectRequester = {
  sdsUserId: "656005750104",
  sdsRoleProfileId: "656014452101",
  name: { family: "RAMAN", given: ["Priya"] },
  organisation: { odsCode: "Y12345", name: "Trevelyan Square Surgery" },
};
const device = { issuer: "http://localhost:3000", model: "Care Record Viewer", version: "1" };
const client = (now?: () => Date) => new GpConnectClient(standIn.nhs(), standIn.baseUrl("gpconnect"), "200000000900", device, now);

async function record(nhsNumber: string, practice: string, request: StructuredRecordRequest = "summary", now?: () => Date) {
  const lookup = await new SdsClient(standIn.nhs(), standIn.baseUrl("sds")).endpointFor(practice, GET_STRUCTURED_RECORD_INTERACTION, gp);
  if (lookup.kind !== "found") throw new Error(`no GP Connect at ${practice}`);
  return client(now).structuredRecord({ nhsNumber, endpoint: lookup.endpoint, requester, request, context: gp });
}

describe("GP Connect client, through the stand-in's SSP", () => {
  it("reads the reference provider's rich record: every section, issues, warnings word for word, the latest three consultations", async () => {
    const outcome = await record("9690937286", "B82617");
    expect(outcome.kind).toBe("found");
    if (outcome.kind !== "found") return;
    const view = outcome.record;
    expect(view.patient).toMatchObject({ nhsNumber: "9690937286", family: "SKELLY", given: ["Horace"], birthDate: "1925-04-21", gender: "male" });
    expect(view.practice).toEqual({ odsCode: "B82617", name: "Orange Test Practice" });
    const bisoprolol = view.medications.find((medication) => medication.name.text === "Bisoprolol 2.5mg tablets")!;
    expect(bisoprolol).toMatchObject({ current: true, issues: 5, lastIssued: "2026-11-23", author: "Dr Amelia HART", practice: "Orange Test Practice" });
    expect(view.medications.filter((medication) => !medication.current).map((medication) => medication.name.text)).toEqual([
      "Furosemide 40mg tablets",
      "Amoxicillin 500mg capsules",
    ]);
    expect(view.allergies.map((allergy) => [allergy.substance.text, allergy.resolved])).toEqual([
      ["Penicillin V", false],
      ["Aspirin", true],
    ]);
    expect(view.allergies[1]).toMatchObject({ endDate: "2023-04-02", endReason: "Tolerated low-dose aspirin under supervision" });
    // active and significant first, then minor, then ended
    expect(view.problems.map((problem) => problem.name.text)).toEqual([
      "Atrial fibrillation",
      "Essential hypertension",
      "Osteoarthritis of knee",
      "Community acquired pneumonia",
    ]);
    expect(view.consultations.map((consultation) => consultation.date)).toEqual(["2026-11-20", "2026-10-09", "2026-10-05"]);
    expect(view.consultations[0].entries).toContainEqual({ heading: "Examination", text: "Pulse rate: 88 /min irregular" });
    expect(view.investigations[0].results).toContainEqual({ name: "Serum potassium", value: "4.6 mmol/L" });
    expect(view.referrals[0]).toMatchObject({ to: "Cardiology", priority: "urgent", reason: "Atrial fibrillation with breathlessness" });
    // the practice recorded the pneumococcal vaccine by its code alone
    expect(view.immunisations.map((immunisation) => immunisation.vaccine)).toEqual([
      { text: "Influenza vaccination", code: "86198006" },
      { text: null, code: "3439211000001108" },
    ]);
    expect(view.warnings.map((warning) => warning.text)).toEqual([
      "Items excluded due to confidentiality and/or patient preferences.",
      "Patient record transfer from previous GP practice not yet complete; information recorded before 14-Mar-2024 may be missing.",
      "Patient data may be incomplete as there is data supplied by a third party awaiting review before becoming available.",
    ]);
    expect(view.unreadable).toBe(0);
  });

  it("asks for every consultation only when asked to, and for nothing else then", async () => {
    const outcome = await record("9690937286", "B82617", "consultations");
    expect(outcome.kind === "found" && outcome.record.consultations).toHaveLength(5);
    expect(outcome.kind === "found" && outcome.record.medications).toEqual([]);
  });

  it("gives each refusal its own outcome", async () => {
    expect((await record("9690938576", "B82617")).kind).toBe("no-consent");
    expect((await record("9690938533", "B82617")).kind).toBe("not-available");
    expect((await record("9690938681", "B82617")).kind).toBe("not-available");
    // registered elsewhere: the practice does not know them
    expect((await record("9693632109", "B82617")).kind).toBe("not-available");
    expect((await record("9690937294", "B82617")).kind === "found").toBe(true);
  });

  it("is refused by the SSP, with the reference provider's reason, for a token that does not hold", async () => {
    // a clock an hour ahead makes iat lie in the future
    const outcome = await record("9690937286", "B82617", "summary", () => new Date(Date.now() + 3_600_000));
    expect(outcome).toMatchObject({ kind: "refused", status: 400, code: "BAD_REQUEST", diagnostics: "Creation time is in the future" });
  });

  it("is refused when Ssp-To is not the ASID SDS holds for the practice", async () => {
    const lookup = await new SdsClient(standIn.nhs(), standIn.baseUrl("sds")).endpointFor("B82617", GET_STRUCTURED_RECORD_INTERACTION, gp);
    if (lookup.kind !== "found") throw new Error("no endpoint");
    const outcome = await client().structuredRecord({
      nhsNumber: "9690937286",
      endpoint: { ...lookup.endpoint, asid: "200000000101" },
      requester,
      request: "summary",
      context: gp,
    });
    expect(outcome).toMatchObject({ kind: "refused", status: 400, diagnostics: "SSP-To header does not match ASID of system" });
  });
});

describe("the structured record mapping", () => {
  it("parses GP Connect's published medication and allergy examples", () => {
    const examples = join(nhsSpecsDir(), "gpconnect/_includes/accessrecord_structured");
    for (const name of [
      "meds_response.json",
      "allergies_response1.json",
      "problems_response2.json",
      "immunizations_response2.json",
      "referrals_response1.json",
    ]) {
      // the examples are Jekyll includes: drop the template tags around the JSON
      const json = JSON.parse(readFileSync(join(examples, name), "utf8").replace(/\{%.*?%\}/g, "")) as unknown;
      const bundle = structuredRecordBundleSchema.parse(json);
      const view = toGpRecordView(bundle);
      expect(view, name).not.toBeNull();
      expect(view!.unreadable, name).toBe(0);
    }
    const meds = toGpRecordView(
      structuredRecordBundleSchema.parse(JSON.parse(readFileSync(join(examples, "meds_response.json"), "utf8").replace(/\{%.*?%\}/g, ""))),
    )!;
    expect(meds.medications.find((medication) => medication.current)).toMatchObject({
      name: { text: "Aspirin 75mg dispersible tablets", code: "319773006" },
      issues: 2,
      lastIssued: "2016-09-11",
      author: "Miss Nichole Gilbert",
    });
  });

  it("counts a resource that does not fit its schema as unreadable, and keeps the rest", () => {
    const view = toGpRecordView({
      resourceType: "Bundle",
      entry: [
        { resource: { resourceType: "Patient", id: "p", identifier: [{ system: "https://fhir.nhs.uk/Id/nhs-number", value: "9690937286" }] } },
        { resource: { resourceType: "Condition", id: "c1", code: { text: "Asthma" } } },
        { resource: { resourceType: "Condition", id: "c2", code: "not a concept" } },
      ],
    })!;
    expect(view.problems.map((problem) => problem.name.text)).toEqual(["Asthma"]);
    expect(view.unreadable).toBe(1);
  });

  it("reads no record from a bundle without a Patient", () => {
    expect(toGpRecordView({ resourceType: "Bundle", entry: [{ resource: { resourceType: "Condition", id: "c" } }] })).toBeNull();
  });
});
