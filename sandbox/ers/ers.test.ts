import { describe, expect, it } from "vitest";
import { expectFhir } from "../testing/fhir-r4";
import { testSandboxPerFile, uuid } from "../testing/support";
import { NHS_APIS } from "../../lib/nhs/catalogue";

const sandbox = testSandboxPerFile();

const BASE = NHS_APIS.ers.basePath;
const GP = { "nhsd-ers-business-function": "REFERRING_CLINICIAN", "nhsd-end-user-organisation-ods": "Y12345", "nhsd-session-urid": "656014452101" };
const CONSULTANT = { "nhsd-ers-business-function": "SERVICE_PROVIDER_CLINICIAN", "nhsd-end-user-organisation-ods": "RX9", "nhsd-session-urid": "656005762108" };

async function request(method: "GET" | "POST", url: string, headers: Record<string, string>, body?: unknown) {
  const response = await sandbox.app.inject({
    method,
    url: `${BASE}${url}`,
    headers: { "x-request-id": uuid(), ...headers, ...(body ? { "content-type": "application/fhir+json" } : {}) },
    payload: body ? JSON.stringify(body) : undefined,
  });
  return { status: response.statusCode, headers: response.headers, body: response.body ? response.json() : null };
}

const worklistRequest = (listType: string, extra: unknown[] = []) => ({
  resourceType: "Parameters",
  parameter: [
    { name: "listType", valueCodeableConcept: { coding: [{ system: "https://fhir.nhs.uk/STU3/CodeSystem/eRS-ReferralListSelector-1", code: listType }] } },
    ...extra,
  ],
});

const state = (referral: { extension: Array<{ url: string; extension?: Array<{ valueCoding: { code: string } }> }> }) =>
  referral.extension.find((extension) => extension.url.endsWith("ReferralState-1"))?.extension?.[0].valueCoding.code;

describe("stand-in e-RS: A030 roles", () => {
  it("gives each user's e-RS roles; the NHS sandbox's two roles for anyone else", async () => {
    const gp = await request("GET", "/R4/PractitionerRole", { "nhsd-session-urid": "656014452101" });
    expectFhir(gp.body, "Bundle");
    expect(gp.body.entry[0].resource.organization.identifier.value).toBe("Y12345");
    expect(gp.body.entry[0].resource.code[0].coding[0].code).toBe("REFERRING_CLINICIAN");
    const anyone = await request("GET", "/R4/PractitionerRole", {});
    expect(
      anyone.body.entry.map((entry: { resource: { organization: { identifier: { value: string } } } }) => entry.resource.organization.identifier.value),
    ).toEqual(["R69", "R68"]);
  });
});

describe("stand-in e-RS: A005 referral by UBRN", () => {
  it.each([
    ["000000070000", "NOT_BOOKED"],
    ["000000070001", "BOOKED"],
    ["000000070002", "BOOKED"],
    ["000000070003", "DEFERRED_TO_PROVIDER"],
    ["000000070004", "NOT_BOOKED"],
    ["000000070005", "BOOKED"],
    ["000000070011", "NOT_BOOKED"],
    ["000000070012", "NOT_BOOKED"],
  ])("%s is %s, version 5", async (ubrn, expected) => {
    const response = await request("GET", `/STU3/ReferralRequest/${ubrn}`, GP);
    expect(response.status).toBe(200);
    expect(response.headers.etag).toBe('W/"5"');
    expectFhir(response.body, "ReferralRequest");
    expect(state(response.body)).toBe(expected);
  });

  it("shows what each scenario is about: appointment, related referral, advice conversion, requirements, unavailable attachments", async () => {
    const booked = (await request("GET", "/STU3/ReferralRequest/000000070001", GP)).body;
    expect(booked.contained.find((resource: { resourceType: string }) => resource.resourceType === "Appointment").start).toBe("2026-11-26T10:30:00.000Z");
    const related = (await request("GET", "/STU3/ReferralRequest/000000070005", GP)).body;
    expect(related.supportingInfo).toContainEqual({ reference: "ReferralRequest/000000070000" });
    const converted = (await request("GET", "/STU3/ReferralRequest/000000070004", GP)).body;
    expect(converted.supportingInfo).toContainEqual({ reference: "CommunicationRequest/000000070004" });
    const requirements = (await request("GET", "/STU3/ReferralRequest/000000070011", GP)).body;
    expect(
      requirements.extension
        .filter((extension: { url: string }) => extension.url.endsWith("PatientAdditionalRequirement-1"))
        .map((extension: { valueCoding: { code: string } }) => extension.valueCoding.code),
    ).toEqual(["TRANSPORT", "INTERPRETER"]);
    // e-RS does not return who referred or the clinical information in A005: they are in the referral letter
    expect(booked).not.toHaveProperty("requester");
    expect(booked).not.toHaveProperty("description");
    const unavailable = (await request("GET", "/STU3/ReferralRequest/000000070012", GP)).body;
    const statuses = unavailable.contained
      .filter((resource: { resourceType: string }) => resource.resourceType === "DocumentReference")
      .map(
        (document: { content: Array<{ attachment: { extension: Array<{ valueCoding: { code: string } }> } }> }) =>
          document.content[0].attachment.extension[0].valueCoding.code,
      );
    expect(statuses).toEqual(["PENDING", "THREATS_FOUND", "VALIDATION_FAILED"]);
  });

  it("answers an unknown UBRN or another version with the sandbox's 422, and a malformed UBRN with 400", async () => {
    expect((await request("GET", "/STU3/ReferralRequest/000000070009", GP)).status).toBe(422);
    expect((await request("GET", "/STU3/ReferralRequest/000000070000/_history/4", GP)).status).toBe(422);
    expect((await request("GET", "/STU3/ReferralRequest/000000070000/_history/5", GP)).status).toBe(200);
    expect((await request("GET", "/STU3/ReferralRequest/12345", GP)).status).toBe(400);
  });
});

describe("stand-in e-RS: business function rules", () => {
  it("refuses without the header, with a function not allowed for the endpoint, and a function the user does not hold", async () => {
    expect((await request("GET", "/STU3/ReferralRequest/000000070000", {})).status).toBe(403);
    const referrerOnProviderList = await request("POST", "/STU3/ReferralRequest/$ers.fetchworklist", GP, worklistRequest("REFERRALS_FOR_REVIEW"));
    expect(referrerOnProviderList.status).toBe(403);
    expectFhir(referrerOnProviderList.body, "OperationOutcome");
    const notTheirs = await request("GET", "/STU3/ReferralRequest/000000070000", { ...GP, "nhsd-ers-business-function": "SERVICE_PROVIDER_CLINICIAN" });
    expect(notTheirs.body.issue[0].diagnostics).toBe("The user has no e-RS role with business function SERVICE_PROVIDER_CLINICIAN at Y12345");
  });

  it("requires the on-behalf-of user exactly when the function is SERVICE_PROVIDER_CLINICIAN_ADMIN", async () => {
    const admin = { "nhsd-ers-business-function": "SERVICE_PROVIDER_CLINICIAN_ADMIN", "nhsd-end-user-organisation-ods": "R69" };
    expect((await request("GET", "/STU3/ReferralRequest/000000070000", admin)).status).toBe(403);
    expect((await request("GET", "/STU3/ReferralRequest/000000070000", { ...admin, "nhsd-ers-on-behalf-of-user-id": "021600556514" })).status).toBe(200);
    expect((await request("GET", "/STU3/ReferralRequest/000000070000", { ...GP, "nhsd-ers-on-behalf-of-user-id": "021600556514" })).status).toBe(403);
  });
});

describe("stand-in e-RS: A008 worklists", () => {
  it("lists the trust's referrals for review with their patients, filtered by specialty, service and clinician", async () => {
    const all = await request("POST", "/STU3/ReferralRequest/$ers.fetchworklist", CONSULTANT, worklistRequest("REFERRALS_FOR_REVIEW"));
    expect(all.status).toBe(200);
    expectFhir(all.body, "List");
    const ubrns = all.body.entry.map((entry: { item: { reference: string } }) => entry.item.reference.split("/")[1]);
    expect(ubrns.sort()).toEqual(["000000070001", "000000070003", "000000070011"]);
    const cardiology = await request(
      "POST",
      "/STU3/ReferralRequest/$ers.fetchworklist",
      CONSULTANT,
      worklistRequest("REFERRALS_FOR_REVIEW", [
        { name: "specialty", valueCodeableConcept: { coding: [{ code: "CARDIOLOGY" }] } },
        { name: "service", valueIdentifier: { system: "http://fhir.nhs.net/Id/ers-service", value: "11012" } },
      ]),
    );
    expect(cardiology.body.entry).toHaveLength(1);
  });

  it("answers each of its list types, and refuses a body that is not a worklist request", async () => {
    for (const listType of ["APPOINTMENT_SLOT_ISSUES", "AWAITING_BOOKING"]) {
      const response = await request(
        "POST",
        "/STU3/ReferralRequest/$ers.fetchworklist",
        { ...CONSULTANT, "nhsd-end-user-organisation-ods": "R69", "nhsd-session-urid": "" },
        worklistRequest(listType),
      );
      expect(response.status, listType).toBe(200);
    }
    expect((await request("POST", "/STU3/ReferralRequest/$ers.fetchworklist", CONSULTANT, { resourceType: "Parameters", parameter: [] })).status).toBe(422);
  });
});

describe("stand-in e-RS: A041, A042 and A004", () => {
  it("keeps the NHS sandbox's ServiceRequest answers", async () => {
    const categories = async (ubrn: string) =>
      (await request("GET", `/R4/ServiceRequest?identifier=${encodeURIComponent(`https://fhir.nhs.uk/Id/UBRN|${ubrn}`)}`, GP)).body.entry.map(
        (entry: { resource: { category: Array<{ coding: Array<{ code: string }> }> } }) => entry.resource.category[0].coding[0].code,
      );
    expect(await categories("000000070000")).toEqual(["referral"]);
    expect(await categories("000000070001")).toEqual(["advice"]);
    expect(await categories("000000070002")).toEqual(["referral", "advice"]);
    expect(await categories("000000070003")).toEqual([]);
  });

  it("redirects an attachment to a short-lived signed URL that serves the file, and explains an unavailable one", async () => {
    const redirect = await request("GET", "/R4/Binary/att-80010", GP);
    expect(redirect.status).toBe(307);
    const location = new URL(redirect.headers.location as string);
    const file = await sandbox.app.inject({ method: "GET", url: `${location.pathname}${location.search}` });
    expect(file.headers["content-type"]).toBe("application/pdf");
    expect(file.rawPayload.subarray(0, 8).toString()).toBe("%PDF-1.4");
    const tampered = await sandbox.app.inject({ method: "GET", url: `${location.pathname}?expires=${Date.now() + 1000}&signature=forged` });
    expect(tampered.statusCode).toBe(403);
    const unavailable = await request("GET", "/R4/Binary/att-80121", GP);
    expect([unavailable.status, unavailable.body.issue[0].diagnostics]).toEqual([404, "The attachment is not available (THREATS_FOUND)"]);
    expect((await request("GET", `/R4/Binary/${crypto.randomUUID()}`, GP)).status).toBe(307);
    expect((await request("GET", "/R4/Binary/not valid", GP)).status).toBe(400);
  });

  it("serves its code systems", async () => {
    for (const type of [
      "SPECIALTY",
      "CLINIC-TYPE",
      "APPOINTMENT-CANCELLATION-REASON",
      "REFERRAL-CANCELLATION-REASON",
      "APPOINTMENT-NON-ATTENDANCE-REASON",
      "PRIORITY",
    ]) {
      const response = await request("GET", `/STU3/CodeSystem/${type}`, GP);
      expect(response.status, type).toBe(200);
      expectFhir(response.body, "CodeSystem");
    }
    expect((await request("GET", "/STU3/CodeSystem/COLOURS", GP)).status).toBe(404);
  });
});
