import { describe, expect, it } from "vitest";
import { scrSections } from "@/sandbox/scr/narrative";
import { clinicalRecordFor } from "@/sandbox/world/clinical";
import { gp, standInClient } from "../testing/stand-in-client";
import { narrativeTable, ScrClient, spineDateToIso, toScrView } from "./client";

function bundleFor(nhsNumber: string) {
  const record = clinicalRecordFor(nhsNumber)!.scr!;
  return {
    resourceType: "Bundle" as const,
    entry: [
      {
        resource: {
          resourceType: "Composition",
          date: record.lastUpdated,
          section: scrSections(record, "Ancholme Valley Medical Practice").map((section) => ({
            title: section.title,
            code: { coding: [{ code: section.code }] },
            text: { div: section.div },
          })),
        },
      },
      {
        resource: {
          resourceType: "Organization",
          name: "Ancholme Valley Medical Practice",
          identifier: [{ value: "A20047" }],
          address: [{ line: ["1 Bridge Street"], city: "Brigg", postalCode: "DN20 8LN" }],
        },
      },
      { resource: { resourceType: "Practitioner", name: [{ family: "PATEL", given: ["Nikhil"], prefix: ["Dr"] }] } },
    ],
  };
}

describe("SCR narrative", () => {
  it("reads medications by kind, allergies and additional information from the sections", () => {
    const view = toScrView(bundleFor("9693632109"))!;
    expect(view.practice).toEqual({ name: "Ancholme Valley Medical Practice", odsCode: "A20047", address: "1 Bridge Street, Brigg, DN20 8LN" });
    expect(view.author).toBe("Dr Nikhil PATEL");
    expect(view.medications.filter((row) => row.kind === "repeat").map((row) => row.name)).toEqual([
      "Atorvastatin 20mg tablets",
      "Ramipril 5mg capsules",
      "Metformin 500mg tablets",
    ]);
    expect(view.medications.find((row) => row.kind === "discontinued")).toMatchObject({ name: "Simvastatin 40mg tablets", date: "2026-06-12" });
    expect(view.allergies[0]).toEqual({
      date: "2015-03-02",
      description: "Penicillin: Generalised rash with urticaria",
      certainty: "Confirmed",
      severity: "Moderate",
    });
    expect(view.additional.map((section) => section.title)).toEqual(["Risks to Patient", "Personal Preferences"]);
  });

  it("drops the 'no relevant information' placeholder row", () => {
    const view = toScrView(bundleFor("9000000009"))!;
    expect(view.medications.some((row) => row.kind === "discontinued")).toBe(false);
  });

  it("keeps script and markup in a cell as plain text", () => {
    const table = narrativeTable(
      "<div><table><tbody><tr><td>12-May-2020</td><td>&lt;script&gt;alert(1)&lt;/script&gt;<b>Bold</b></td></tr></tbody></table></div>",
    );
    expect(table.rows).toEqual([["12-May-2020", "<script>alert(1)</script>Bold"]]);
  });

  it("converts Spine dates", () => {
    expect(spineDateToIso("Prescribed: 12-May-2020")).toBe("2020-05-12");
    expect(spineDateToIso("3-Jan-2021")).toBe("2021-01-03");
    expect(spineDateToIso("unknown")).toBe("unknown");
  });
});

describe("SCR client: privacy alerts", () => {
  // the stand-in checks the alert against SCR's published spec; the file fails if it departs from it
  const { nhs, baseUrl, fetch } = standInClient();

  it.each([
    ["self-claimed-relationship", "4", "1"],
    ["emergency-access", "5", "2"],
  ] as const)("sends a %s alert with SCR's alert type and reason codes", async (kind, reasonCode, alertType) => {
    const client = new ScrClient(nhs(), baseUrl("scr"));
    const requestId = crypto.randomUUID();
    const outcome = await client.sendPrivacyAlert(
      { nhsNumber: "9000000009", kind, reasonCode, reason: "Covering for the usual GP", odsCode: "Y12345", userId: "656014452101", roleName: "GP" },
      gp,
      requestId,
    );
    expect(outcome).toEqual({ kind: "sent", requestId });
    const { alerts } = await (await fetch(`${baseUrl("scr").replace(/\/summary-care-record.*$/, "")}/_stand-in/scr/alerts`)).json();
    expect(alerts.at(-1)).toMatchObject({ requestId, alertType, reasonCode, reason: "Covering for the usual GP" });
  });
});
