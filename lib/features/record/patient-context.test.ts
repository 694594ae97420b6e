import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import type { PatientRecord } from "@/lib/nhs/pds/client";
import { services } from "@/lib/server/services";
import { fixture, restore, startHarness, stopHarness } from "@/tests/handler-harness";
import { rememberRecentPatient } from "./patient-context";

beforeAll(() => startHarness(), 60_000);
afterAll(() => stopHarness("Recent patients"));
afterEach(async () => {
  vi.restoreAllMocks();
  await restore("clinician");
});

const patient = (nhsNumber: string, family: string): PatientRecord =>
  ({ nhsNumber, name: { family, given: ["Bill"], prefix: [], use: "usual", period: null }, birthDate: "1970-01-01" }) as unknown as PatientRecord;
const stored = async () => (await services().sessions.get(fixture.base.get("clinician")!.id))!;

describe("the recent patients list (issue 19: no write when nothing changes)", () => {
  it("puts each patient opened at the top, and writes nothing when they are already there", async () => {
    const garton = patient("9693632109", "Garton");
    const smith = patient("9000000009", "Smith");
    await rememberRecentPatient(await stored(), fixture.patientRef, garton);
    await rememberRecentPatient(await stored(), fixture.otherPatientRef, smith);
    expect((await stored()).recentPatients!.map((entry) => entry.nhsNumber)).toEqual(["9000000009", "9693632109"]);

    const update = vi.spyOn(services().sessions, "update");
    await rememberRecentPatient(await stored(), fixture.otherPatientRef, smith);
    expect(update).not.toHaveBeenCalled();

    // back to the first patient: they move to the top again
    await rememberRecentPatient(await stored(), fixture.patientRef, garton);
    expect((await stored()).recentPatients!.map((entry) => entry.nhsNumber)).toEqual(["9693632109", "9000000009"]);
    // the same patient under a name PDS has since changed: written, so the list shows the name as it is now
    await rememberRecentPatient(await stored(), fixture.patientRef, patient("9693632109", "Garton-Jones"));
    expect((await stored()).recentPatients![0]!.name).toContain("GARTON-JONES");
  });
});
