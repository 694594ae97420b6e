import { describe, expect, it } from "vitest";
import { standInClient, gp, pharmacy } from "../testing/stand-in-client";
import { ImmunisationClient } from "./client";

const { nhs, baseUrl } = standInClient();

describe("Immunisation client", () => {
  it("asks for every vaccine type and returns the history newest first with the fields a clinician checks", async () => {
    const outcome = await new ImmunisationClient(nhs(), baseUrl("immunisation")).history("9693632109", {}, gp);
    if (outcome.kind !== "found") throw new Error(outcome.kind);
    expect(outcome.vaccinations.map((vaccination) => vaccination.vaccineType)).toEqual(expect.arrayContaining(["FLU", "SHINGLES"]));
    const [latest] = outcome.vaccinations;
    expect(latest).toMatchObject({ vaccineType: "FLU" });
    expect(latest!.batch).toBeTruthy();
    expect(latest!.site).toBeTruthy();
    // a search result names the organisation responsible, not the practitioner (the read by id carries them)
    expect(latest!.recorder).toBe("Ancholme Valley Medical Practice");
  });

  it("narrows by type and date upstream", async () => {
    const outcome = await new ImmunisationClient(nhs(), baseUrl("immunisation")).history("9693632109", { types: ["FLU"], from: "2026-01-01" }, gp);
    expect(outcome.kind === "found" && outcome.vaccinations.map((vaccination) => vaccination.occurredOn.slice(0, 10))).toEqual(["2026-10-09"]);
  });
});

import { immunizationResource, type VaccinationRecordInput } from "./resource";
import { fluRecordInput } from "./testing-fixtures";

/** The flu vaccination given at the pharmacy to Bill GARTON, as the form would record it. */
export function fluGiven(change: Partial<VaccinationRecordInput> = {}): VaccinationRecordInput {
  return fluRecordInput({
    identifier: { system: "https://care-record-viewer.example.nhs.uk/identifiers/vaccination/Y23456", value: crypto.randomUUID() },
    occurredAt: "2026-11-20T10:15:00+00:00",
    recordedAt: "2026-11-20T10:20:00+00:00",
    organisation: { odsCode: "Y23456", name: "Boar Lane Pharmacy" },
    ...change,
  });
}

describe("Immunisation client: writes (issue 20)", () => {
  const client = () => new ImmunisationClient(nhs(), baseUrl("immunisation"));

  it("creates a record (201 with Location), reads it back with its version, and finds it by the app's identifier", async () => {
    const given = fluGiven();
    const created = await client().create(immunizationResource(given), crypto.randomUUID(), pharmacy);
    if (created.kind !== "created") throw new Error(created.kind);
    const read = await client().read(created.id, pharmacy);
    expect(read).toMatchObject({ kind: "found", version: 1, identifier: given.identifier });
    expect(read.kind === "found" && read.vaccination).toMatchObject({
      vaccineType: "FLU",
      batch: "SUP-2611A",
      site: "Left upper arm structure",
      patientNhsNumber: "9693632109",
    });
    expect(await client().findByIdentifier(given.identifier, pharmacy)).toMatchObject({ kind: "found", id: created.id, version: 1 });
    // and it is in the patient's history at once
    const history = await client().history("9693632109", { types: ["FLU"] }, pharmacy);
    expect(history.kind === "found" && history.vaccinations.map((vaccination) => vaccination.id)).toContain(created.id);
  });

  it("a second create with the same identifier is a duplicate, not a second record", async () => {
    const given = fluGiven();
    await client().create(immunizationResource(given), crypto.randomUUID(), pharmacy);
    expect(await client().create(immunizationResource(given), crypto.randomUUID(), pharmacy)).toMatchObject({ kind: "duplicate" });
  });

  it("updates with the version seen; a stale version is a conflict and writes nothing", async () => {
    const given = fluGiven();
    const created = await client().create(immunizationResource(given), crypto.randomUUID(), pharmacy);
    if (created.kind !== "created") throw new Error(created.kind);
    expect(await client().update(created.id, immunizationResource({ ...given, batch: "SUP-2611B" }), 1, crypto.randomUUID(), pharmacy)).toMatchObject({
      kind: "updated",
    });
    expect(await client().update(created.id, immunizationResource({ ...given, batch: "SUP-STALE" }), 1, crypto.randomUUID(), pharmacy)).toMatchObject({
      kind: "version-conflict",
    });
    const read = await client().read(created.id, pharmacy);
    expect(read.kind === "found" && [read.version, read.vaccination.batch]).toEqual([2, "SUP-2611B"]);
  });

  it("marks a record entered in error: then it is not found, nor in a search by identifier or by patient", async () => {
    const given = fluGiven();
    const created = await client().create(immunizationResource(given), crypto.randomUUID(), pharmacy);
    if (created.kind !== "created") throw new Error(created.kind);
    expect(await client().markEnteredInError(created.id, 1, crypto.randomUUID(), pharmacy)).toMatchObject({ kind: "deleted" });
    expect(await client().read(created.id, pharmacy)).toMatchObject({ kind: "not-found" });
    expect(await client().findByIdentifier(given.identifier, pharmacy)).toMatchObject({ kind: "absent" });
    const history = await client().history("9693632109", { types: ["FLU"] }, pharmacy);
    expect(history.kind === "found" && history.vaccinations.map((vaccination) => vaccination.id)).not.toContain(created.id);
    expect(await client().markEnteredInError(created.id, 2, crypto.randomUUID(), pharmacy)).toMatchObject({ kind: "not-found" });
  });

  it("a vaccine type this application may not record is forbidden; a record the API refuses is invalid, with its diagnostics", async () => {
    const mmrv = await client().create(
      immunizationResource(fluGiven({ vaccineType: "MMRV", product: { code: "12345678", display: "ProQuad" } })),
      crypto.randomUUID(),
      pharmacy,
    );
    expect(mmrv).toMatchObject({ kind: "forbidden" });
    // within the published schema, but not an NHS number the API accepts (a record missing an element: sandbox/immunisation)
    const invalid = await client().create(
      immunizationResource(fluGiven({ patient: { ...fluGiven().patient, nhsNumber: "9000000000" } })),
      crypto.randomUUID(),
      pharmacy,
    );
    expect(invalid).toMatchObject({ kind: "invalid", diagnostics: expect.stringContaining("must be a valid NHS number") });
  });
});
