import { describe, expect, it } from "vitest";
import { buildPrescriptionId } from "../../lib/format/prescription-id";
import { expectFhir } from "../testing/fhir-r4";
import { testSandboxPerFile, uuid } from "../testing/support";
import { PRESCRIPTIONS } from "./prescriptions";
import { NHS_APIS } from "../../lib/nhs/catalogue";

const sandbox = testSandboxPerFile();

const trackerHeaders = { "nhsd-session-urid": "656005754108", "nhsd-organization-uuid": "656005754107", "nhsd-session-jobrole": "S8000:G8000:R8003" };

async function get(url: string, headers: Record<string, string> = trackerHeaders) {
  const response = await sandbox.app.inject({ method: "GET", url: `${NHS_APIS.eps.basePath}${url}`, headers: { "x-request-id": uuid(), ...headers } });
  return { status: response.statusCode, body: response.json() };
}

type Entry = { resource: Record<string, unknown> & { resourceType: string } };
const resources = (body: { entry?: Entry[] }, type: string) =>
  (body.entry ?? []).map((entry) => entry.resource).filter((resource) => resource.resourceType === type);
const statusOf = (requestGroup: Record<string, unknown>) =>
  (requestGroup.extension as Array<{ url: string; extension?: Array<{ valueCoding?: { code: string } }> }>).find((extension) =>
    extension.url.endsWith("PrescriptionStatusHistory"),
  )?.extension?.[0].valueCoding?.code;

const erdId = PRESCRIPTIONS.find((prescription) => prescription.type === "erd")!.prescriptionId;
const byName = (name: string) => PRESCRIPTIONS.find((prescription) => prescription.items.some((item) => item.name.startsWith(name)))!.prescriptionId;

describe("stand-in Prescription Tracker: search", () => {
  it("lists every prescription issue for an NHS number, newest first, with status and repeat information", async () => {
    const response = await get("/RequestGroup?nhsNumber=9693632109");
    expect(response.status).toBe(200);
    expectFhir(response.body, "Bundle");
    const groups = resources(response.body, "RequestGroup");
    expect(groups).toHaveLength(12);
    expect(response.body.total).toBe(12);
    const intents = new Set(groups.map((group) => group.intent));
    expect(intents).toEqual(new Set(["order", "instance-order", "reflex-order"]));
    expect(groups.map(statusOf)).toEqual(expect.arrayContaining(["0002", "0003", "0005", "0006", "0007", "9000"]));
    expect(resources(response.body, "Patient")[0].name).toEqual([{ family: "GARTON", given: ["Bill"], prefix: ["MR"] }]);
  });

  it("finds all issues of an eRD by its prescription ID", async () => {
    const response = await get(`/RequestGroup?prescriptionId=${erdId}`);
    expect(resources(response.body, "RequestGroup")).toHaveLength(6);
  });

  it("answers a patient with no prescriptions with an empty searchset", async () => {
    const response = await get("/RequestGroup?nhsNumber=9000000033");
    expect([response.status, response.body.total]).toEqual([200, 0]);
  });

  it.each([
    ["both parameters", "/RequestGroup?nhsNumber=9693632109&prescriptionId=622F04-A83008-A691D5"],
    ["neither parameter", "/RequestGroup"],
    ["a bad NHS number", "/RequestGroup?nhsNumber=9000000000"],
    ["a bad check character", "/RequestGroup?prescriptionId=622F04-A83008-A691D6"],
  ])("refuses %s with 400", async (_name, url) => {
    const response = await get(url);
    expect(response.status).toBe(400);
    expectFhir(response.body, "OperationOutcome");
    expect(response.body.issue[0].code).toBe("value");
  });

  it("demands the session and organisation headers", async () => {
    const response = await get("/RequestGroup?nhsNumber=9693632109", {});
    expect([response.status, response.body.issue[0].diagnostics]).toEqual([400, "Missing required header: nhsd-session-urid"]);
  });
});

describe("stand-in Prescription Tracker: clinical view", () => {
  it("shows a partially dispensed prescription item by item, with what was dispensed", async () => {
    const response = await get(`/RequestGroup/${byName("Glucose")}`);
    expect(response.status).toBe(200);
    expectFhir(response.body, "Bundle");
    const dispenses = resources(response.body, "MedicationDispense");
    expect(dispenses.map((dispense) => (dispense.type as { coding: Array<{ code: string }> }).coding[0].code).sort()).toEqual(["0001", "0003"]);
    const partial = dispenses.find(
      (dispense) => (dispense.quantity as { value: number }).value === 50 && (dispense.medicationCodeableConcept as { text: string }).text.startsWith("Blood"),
    );
    expect(partial).toBeDefined();
  });

  it("gives the reason a prescription was cancelled, and shows a pending cancellation", async () => {
    const cancelled = await get(`/RequestGroup/${byName("Simvastatin")}`);
    const request = resources(cancelled.body, "MedicationRequest")[0];
    expect(request.status).toBe("cancelled");
    expect(request.statusReason).toEqual({ coding: [expect.objectContaining({ code: "0003", display: "Change to medication treatment regime" })] });
    const pending = await get(`/RequestGroup/${byName("Amoxicillin")}`);
    const group = resources(pending.body, "RequestGroup")[0];
    const flags = (group.extension as Array<{ url: string; extension?: Array<{ url: string; valueBoolean?: boolean }> }>).find((extension) =>
      extension.url.endsWith("PendingCancellation"),
    )!.extension!;
    expect(flags.find((flag) => flag.url === "prescriptionPendingCancellation")?.valueBoolean).toBe(true);
  });

  it("gives the reason an item was not dispensed", async () => {
    const response = await get(`/RequestGroup/${byName("Ibuprofen")}`);
    const dispense = resources(response.body, "MedicationDispense")[0];
    expect(dispense.statusReasonCodeableConcept).toEqual({ coding: [expect.objectContaining({ display: "Patient purchased medication over the counter" })] });
  });

  it("shows one issue of an eRD by issue number, the latest current one by default, and lists the others", async () => {
    const latest = await get(`/RequestGroup/${erdId}`);
    expect(statusOf(resources(latest.body, "RequestGroup")[0])).toBe("0002");
    const first = await get(`/RequestGroup/${erdId}?issueNumber=1`);
    const group = resources(first.body, "RequestGroup")[0];
    expect(statusOf(group)).toBe("0006");
    const others = (group.action as Array<{ title: string; action: unknown[] }>).find((action) => action.title === "Other issues of this prescription");
    expect(others?.action).toHaveLength(5);
    expect(resources(first.body, "RequestGroup")[0].intent).toBe("reflex-order");
  });

  it("answers an unknown but valid prescription ID with 404", async () => {
    const response = await get(`/RequestGroup/${buildPrescriptionId("ABCDEF", "Y12345", "12345")}`);
    expect(response.status).toBe(404);
    expectFhir(response.body, "OperationOutcome");
  });

  it("accepts a URL-encoded + check character", async () => {
    const withPlus = Array.from({ length: 400 }, (_, index) => buildPrescriptionId("000000", "A20047", index.toString(16).toUpperCase().padStart(5, "0"))).find(
      (id) => id.endsWith("+"),
    )!;
    const response = await get(`/RequestGroup/${encodeURIComponent(withPlus)}`);
    expect(response.status).toBe(404);
  });
});
