import { describe, expect, it } from "vitest";
import { standInClient, gp } from "../testing/stand-in-client";
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
