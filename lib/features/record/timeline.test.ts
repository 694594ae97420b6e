import { describe, expect, it } from "vitest";
import type { ScrView } from "@/lib/nhs/scr/client";
import { mergeTimeline, scrEntries } from "./timeline";

const at = new Date("2026-11-21T10:00:00Z");
const emptyScr: ScrView = { patientNhsNumber: null, lastUpdated: null, practice: null, author: null, allergies: [], medications: [], additional: [] };

describe("timeline across sources", () => {
  it("orders entries newest first whatever the source, and labels each with its source and retrieval time", () => {
    const { entries } = mergeTimeline([
      [
        "eps",
        {
          state: "included",
          retrievedAt: at,
          entries: [
            { date: "2026-03-01", kind: "prescription", title: "old", detail: null },
            { date: "2026-10-01T09:00:00+00:00", kind: "prescription", title: "new", detail: null },
          ],
        },
      ],
      ["immunisation", { state: "included", retrievedAt: at, entries: [{ date: "2026-06-15T12:00:00Z", kind: "vaccination", title: "middle", detail: null }] }],
    ]);
    expect(entries.map((entry) => [entry.title, entry.source])).toEqual([
      ["new", "eps"],
      ["middle", "immunisation"],
      ["old", "eps"],
    ]);
    expect(entries.every((entry) => entry.retrievedAt === at)).toBe(true);
  });

  it("keeps a failed source as a gap with its reason, distinct from a source that found nothing", () => {
    const failure = { heading: "We could not get information from the Immunisation service", body: "", reference: "req-1" };
    const { entries, sources } = mergeTimeline([
      ["nrl", { state: "included", retrievedAt: at, entries: [] }],
      ["immunisation", { state: "gap", reason: { kind: "failed", failure } }],
    ]);
    expect(entries).toEqual([]);
    expect(sources).toEqual([
      { source: "nrl", state: "included", count: 0, retrievedAt: at },
      { source: "immunisation", state: "gap", reason: { kind: "failed", failure } },
    ]);
  });

  it("lists entries without a date in a group of their own, never dropped or guessed into place, so each source's count is what is listed", () => {
    const { entries, undated, sources } = mergeTimeline([
      [
        "scr",
        {
          state: "included",
          retrievedAt: at,
          entries: scrEntries({ ...emptyScr, allergies: [{ date: "", description: "Penicillin", certainty: "Confirmed", severity: "Severe" }] }),
        },
      ],
      [
        "nrl",
        {
          state: "included",
          retrievedAt: at,
          entries: [
            { date: null, kind: "document", title: "undated letter", detail: null },
            { date: "2026-01-02", kind: "document", title: "dated letter", detail: null },
          ],
        },
      ],
    ]);
    expect(entries.map((entry) => entry.title)).toEqual(["dated letter"]);
    expect(undated.map((entry) => [entry.title, entry.source])).toEqual([
      ["Penicillin", "scr"],
      ["undated letter", "nrl"],
    ]);
    for (const source of sources) {
      const listed = [...entries, ...undated].filter((entry) => entry.source === source.source).length;
      expect(source).toMatchObject({ state: "included", count: listed });
    }
  });
});
