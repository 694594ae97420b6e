import { describe, expect, it } from "vitest";
import { standInClient, gp } from "../testing/stand-in-client";
import { EpsTrackerClient } from "./client";

const { nhs, baseUrl } = standInClient();

describe("EPS tracker client", () => {
  it("lists a patient's prescriptions newest first, with type, issue, status, timeframe and prescriber ODS code from the ID", async () => {
    const outcome = await new EpsTrackerClient(nhs(), baseUrl("eps")).search({ nhsNumber: "9693632109" }, gp);
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
    const client = new EpsTrackerClient(nhs(), baseUrl("eps"));
    const list = await client.search({ nhsNumber: "9693632109" }, gp);
    if (list.kind !== "found") throw new Error("no list");
    const withPlus =
      list.prescriptions.find((prescription) => prescription.prescriptionId.endsWith("+")) ??
      list.prescriptions.find((prescription) => prescription.timeframe === "past")!;
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
    const outcome = await new EpsTrackerClient(nhs(), baseUrl("eps")).search({ nhsNumber: "9000000033" }, gp);
    expect(outcome).toMatchObject({ kind: "found", prescriptions: [] });
  });
});
