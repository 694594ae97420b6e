import { describe, expect, it } from "vitest";
import type { RelatedPersonSummary } from "@/lib/nhs/pds/client";
import { relatedPeopleShown } from "./related-people";

const daughter: RelatedPersonSummary = {
  name: { family: "Godsoe", given: ["Margaret"], prefix: ["Mrs"] },
  relationship: "daughter",
  phone: "01632960777",
  address: "14 Orchard Close, Scawby, Brigg, DN20 9AB",
  rank: 1,
  nhsNumber: "9449305552",
};

describe("related people as the card shows them", () => {
  it("shows everything PDS holds for a patient whose record is not restricted", () => {
    expect(relatedPeopleShown([daughter], false)).toEqual([
      { name: daughter.name, relationship: "daughter", nhsNumber: "9449305552", phone: "01632960777", address: daughter.address },
    ]);
  });

  it("keeps only the name and relationship for a restricted patient: nothing that leads to where they live", () => {
    const shown = relatedPeopleShown([daughter], true);
    expect(shown).toEqual([{ name: daughter.name, relationship: "daughter", nhsNumber: null, phone: null, address: null }]);
    expect(JSON.stringify(shown)).not.toMatch(/01632960777|Orchard|DN20|9449305552/);
  });
});
