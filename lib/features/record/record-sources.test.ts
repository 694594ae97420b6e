import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";

vi.hoisted(() => {
  process.env.NEXTAUTH_URL ??= "http://localhost:3000";
});
vi.mock("next/headers", async () => (await import("@/tests/next-request-scope")).nextHeaders);
vi.mock("next/cache", () => ({ revalidatePath: () => undefined, revalidateTag: () => undefined }));

import { services } from "@/lib/server/services";
import { fixture, PATIENTS, restore, startHarness, stopHarness } from "@/tests/handler-harness";
import { inRequest } from "@/tests/next-request-scope";
import { loadDocumentPointers, loadPrescriptions, loadVaccinations, type SourceOutcome } from "./record-sources";

beforeAll(() => startHarness(), 60_000);
afterAll(() => stopHarness("Record sources"));
afterEach(async () => {
  vi.restoreAllMocks();
  await restore("clinician");
});

const asClinician = <T>(load: () => Promise<T>) => inRequest({ cookies: { "next-auth.session-token": fixture.cookies.get("clinician")! } }, load);

async function auditedSince(lastId: number, action: string) {
  return (await services().audit.list({ limit: 100 })).filter((row) => row.id > lastId && row.action === action);
}

/** Each answer with one more item, copied from the first and said to be about another patient (or no one). */
function withStrangers<T extends object>(items: T[], field: keyof T, strangers: Array<string | null>): T[] {
  return [...items, ...strangers.map((nhsNumber) => ({ ...items[0]!, [field]: nhsNumber }))];
}

describe("every item of a list is checked to be this patient's (issue 18 item 8)", () => {
  it.each([
    ["prescriptions", "prescriptions-view", loadPrescriptions, () => services().eps, "search", "prescriptions", "patientNhsNumber"],
    ["immunisations", "immunisations-view", loadVaccinations, () => services().immunisation, "history", "vaccinations", "patientNhsNumber"],
    ["shared documents", "documents-view", loadDocumentPointers, () => services().nrl, "pointers", "pointers", "subjectNhsNumber"],
  ] as const)(
    "%s: an item about another patient, or no one, is withheld and audited as refused",
    async (_name, action, load, client, method, listField, patientField) => {
      const target = client() as unknown as Record<string, (...args: unknown[]) => Promise<Record<string, unknown>>>;
      const real = target[method]!.bind(target);
      vi.spyOn(target, method).mockImplementation(async (...args: unknown[]) => {
        const answer = await real(...args);
        if (answer.kind !== "found") return answer;
        return { ...answer, [listField]: withStrangers(answer[listField] as Array<Record<string, unknown>>, patientField, ["9000000009", null]) };
      });
      const [latest] = await services().audit.list({ limit: 1 });
      const { result } = await asClinician(() => (load as (ref: string) => Promise<SourceOutcome<object>>)(fixture.patientRef));
      if (result.kind !== "found") throw new Error(`${result.kind}`);
      expect(result.withheld).toBe(2);
      expect(result.items.length).toBeGreaterThan(0);
      expect(result.items.every((item) => (item as unknown as Record<string, unknown>)[patientField] === PATIENTS.withEverything)).toBe(true);
      const rows = await auditedSince(latest?.id ?? 0, action);
      expect(rows.map((row) => row.outcome).sort()).toEqual(["data-returned", "refused"]);
      expect(rows.every((row) => row.patientNhsNumber === PATIENTS.withEverything)).toBe(true);
    },
  );
});
