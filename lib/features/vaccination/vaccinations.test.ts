import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { actingRole } from "@/lib/auth/session";
import { NHS_APIS } from "@/lib/nhs/catalogue";
import { services } from "@/lib/server/services";
import { cis2Origin as standInOrigin, fixture, PATIENTS, restore, startHarness, stopHarness } from "@/tests/handler-harness";
import type { VaccinationValues } from "./vaccination-form";
import { FLU_VALUES as FLU, GOOD_FORM } from "./testing-fixtures";
import { searchPickList, vaccinationFormContext, withPreferredTerms } from "./terminology";
import { codedText } from "@/lib/features/immunisations/coded-text";
import type { Vaccination } from "@/lib/nhs/immunisation/client";
import { validateVaccination } from "./vaccination-form";
import {
  checkVaccinationChangeStatus,
  checkVaccinationStatus,
  isRecordedHere,
  readRecordedVaccination,
  recordVaccination,
  saveVaccinationAnswers,
  sendVaccinationChange,
  startVaccination,
  startVaccinationChange,
  vaccinationAction,
} from "./vaccinations";

beforeAll(() => startHarness(), 60_000);
afterAll(() => stopHarness("Vaccinations"));
afterEach(async () => {
  await fetch(`${standInOrigin}/_stand-in/faults`, { method: "DELETE" });
  await restore("clinician");
});

/** POSTs to the API's base path: a create, whether answered (its route) or its answer lost (the fault's entry). */
const IMMUNISATION = NHS_APIS.immunisation.basePath;

async function fault(body: Record<string, unknown>) {
  await fetch(`${standInOrigin}/_stand-in/faults`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ target: "immunisation", ...body }),
  });
}

/** The creates that reached the stand-in since the log was cleared. */
async function creates() {
  const { requests } = (await (await fetch(`${standInOrigin}/_stand-in/requests`)).json()) as {
    requests: Array<{ method: string; route: string; status: number }>;
  };
  return requests.filter((entry) => entry.method === "POST" && entry.route.startsWith(IMMUNISATION) && !entry.route.includes("_search"));
}

/** The clinician with a vaccination started for a patient, its answers saved: as after "Check your answers". */
async function started(patientRef = fixture.patientRef, values: VaccinationValues = FLU) {
  await fetch(`${standInOrigin}/_stand-in/requests`, { method: "DELETE" });
  const first = (await services().sessions.get(fixture.base.get("clinician")!.id))!;
  const role = actingRole(first)!;
  const actionRef = (await startVaccination(first, role, patientRef))!;
  await saveVaccinationAnswers((await services().sessions.get(first.id))!, patientRef, actionRef, values);
  const session = (await services().sessions.get(first.id))!;
  return { session, role, actionRef, action: vaccinationAction(session, patientRef, actionRef)! };
}

async function auditRows(action: string, requestId: string) {
  return (await services().audit.list({ patientNhsNumber: PATIENTS.withEverything, action: action as "vaccination-record", limit: 50 }))
    .filter((row) => row.upstreamRequestId === requestId)
    .reverse()
    .map((row) => row.outcome);
}

describe("recording a vaccination, exactly once (issue 20)", () => {
  it("records it for the record's patient: attempted is audited before, the outcome after, and the API's record reads back", async () => {
    const { session, role, actionRef, action } = await started();
    const result = await recordVaccination(session, role, fixture.patientRef, actionRef);
    if (result.kind !== "done") throw new Error(result.kind);
    expect(result.action).toMatchObject({ state: "recorded", alreadyRecorded: false, attempts: 1 });
    expect(await auditRows("vaccination-record", action.requestId)).toEqual(["attempted", "sent"]);
    const read = await readRecordedVaccination(session, role, fixture.patientRef, result.action.record!.id);
    expect(read).toMatchObject({
      kind: "found",
      version: 1,
      identifier: action.identifier,
      vaccination: { patientNhsNumber: PATIENTS.withEverything, vaccineType: "FLU", batch: "SUP-2611A" },
    });
    // its identifier is the app's own system for the user's organisation, and a UUID: so the record reads as recorded here
    expect(action.identifier.system).toBe("http://localhost:3000/identifiers/vaccination/Y12345");
    expect(read?.kind === "found" && isRecordedHere(read.vaccination)).toBe(true);
  });

  it("a double click (two sends at once) makes one create at the API; both see the same record", async () => {
    const { session, role, actionRef } = await started();
    const [first, second] = await Promise.all([
      recordVaccination(session, role, fixture.patientRef, actionRef),
      recordVaccination(session, role, fixture.patientRef, actionRef),
    ]);
    expect(await creates()).toHaveLength(1);
    if (first.kind !== "done" || second.kind !== "done") throw new Error("not done");
    expect([first.action.state, second.action.state]).toEqual(["recorded", "recorded"]);
    expect(second.action.record).toEqual(first.action.record);
    // and sending it again later does nothing more
    await recordVaccination((await services().sessions.get(session.id))!, role, fixture.patientRef, actionRef);
    expect(await creates()).toHaveLength(1);
  });

  it("a lost answer is 'not known yet', never resent; Check status finds it by identifier", async () => {
    const { session, role, actionRef, action } = await started();
    await fault({ kind: "lost-response", times: 1 });
    const result = await recordVaccination(session, role, fixture.patientRef, actionRef);
    expect(result.kind === "done" && result.action.state).toBe("unknown");
    expect(await auditRows("vaccination-record", action.requestId)).toEqual(["attempted", "outcome-unknown"]);
    // another click does not send it again while the outcome is unknown
    await recordVaccination((await services().sessions.get(session.id))!, role, fixture.patientRef, actionRef);
    expect(await creates()).toHaveLength(1);
    const checked = await checkVaccinationStatus((await services().sessions.get(session.id))!, role, fixture.patientRef, actionRef);
    expect(checked).toMatchObject({ state: "recorded", alreadyRecorded: true, record: { version: 1 } });
    expect(await creates()).toHaveLength(1);
  });

  it("a 503 is 'not known yet'; Check status finds nothing, and sending again sends the same record", async () => {
    const { session, role, actionRef } = await started();
    await fault({ kind: "status", status: 503, times: 1 });
    expect(await recordVaccination(session, role, fixture.patientRef, actionRef)).toMatchObject({ action: { state: "unknown" } });
    const checked = await checkVaccinationStatus((await services().sessions.get(session.id))!, role, fixture.patientRef, actionRef);
    expect(checked?.state).toBe("not-recorded");
    const again = await recordVaccination((await services().sessions.get(session.id))!, role, fixture.patientRef, actionRef);
    expect(again).toMatchObject({ action: { state: "recorded", attempts: 2 } });
    // the refused one and the one recorded: one record
    expect((await creates()).map((entry) => entry.status).sort()).toEqual([201, 503]);
  });

  it("a token the platform refuses (401) records nothing and says so; trying again sends the same record once", async () => {
    const { session, role, actionRef, action } = await started();
    await fault({ kind: "status", status: 401, times: 1 });
    const refused = await recordVaccination(session, role, fixture.patientRef, actionRef);
    expect(refused).toMatchObject({ action: { state: "not-recorded", refusal: { kind: "failed" } } });
    expect(await auditRows("vaccination-record", action.requestId)).toEqual(["attempted", "upstream-failure"]);
    const again = await recordVaccination((await services().sessions.get(session.id))!, role, fixture.patientRef, actionRef);
    expect(again).toMatchObject({ action: { state: "recorded", attempts: 2, identifier: action.identifier } });
    expect((await creates()).map((entry) => entry.status).sort()).toEqual([201, 401]);
  });

  it("what identifies the record and its version is the server's, not the browser's: a posted identifier or version is never used", async () => {
    const { session, role, actionRef, action } = await started();
    const tampered = { ...FLU, identifier: "https://evil.example|1", version: "99", etag: 'W/"99"' } as VaccinationValues;
    await saveVaccinationAnswers(session, fixture.patientRef, actionRef, tampered);
    await recordVaccination((await services().sessions.get(session.id))!, role, fixture.patientRef, actionRef);
    const recorded = vaccinationAction((await services().sessions.get(session.id))!, fixture.patientRef, actionRef)!;
    expect(recorded).toMatchObject({ state: "recorded", identifier: action.identifier, record: { version: 1 } });
  });

  it("422 DUPLICATE is read back by identifier and shown as recorded", async () => {
    const { session, role, actionRef } = await started();
    await fault({ kind: "lost-response", times: 1 });
    await recordVaccination(session, role, fixture.patientRef, actionRef);
    // as if a status check had wrongly found nothing: the same record goes again, and the API already has it
    await services().sessions.update(session.id, (current) => ({
      ...current,
      vaccinations: { ...current.vaccinations, [actionRef]: { ...current.vaccinations![actionRef]!, state: "not-recorded" } },
    }));
    const again = await recordVaccination((await services().sessions.get(session.id))!, role, fixture.patientRef, actionRef);
    expect(again).toMatchObject({ action: { state: "recorded", alreadyRecorded: true, record: { version: 1 } } });
  });

  it("a vaccine type the API does not grant this application is refused (403), and nothing is recorded", async () => {
    const { session, role, actionRef } = await started(fixture.patientRef, { ...FLU, vaccineType: "MMRV", product: { code: "1", display: "ProQuad" } });
    const result = await recordVaccination(session, role, fixture.patientRef, actionRef);
    expect(result).toMatchObject({ action: { state: "refused", refusal: { kind: "forbidden" } } });
  });

  it("a patient recorded as having died is refused before anything is sent", async () => {
    const { session, role, actionRef } = await started(fixture.otherPatientRef);
    expect(await recordVaccination(session, role, fixture.otherPatientRef, actionRef)).toEqual({ kind: "patient-deceased" });
    expect(await creates()).toHaveLength(0);
    expect(vaccinationAction((await services().sessions.get(session.id))!, fixture.otherPatientRef, actionRef)?.state).toBe("draft");
  });

  it("another patient's reference cannot send or see this vaccination", async () => {
    const { session, role, actionRef } = await started();
    expect(await recordVaccination(session, role, fixture.otherPatientRef, actionRef)).toEqual({ kind: "unknown-action" });
    expect(vaccinationAction(session, fixture.otherPatientRef, actionRef)).toBeNull();
    expect(await creates()).toHaveLength(0);
    // a record of this patient, read under another patient's reference, is withheld
    const recorded = await recordVaccination(session, role, fixture.patientRef, actionRef);
    const id = recorded.kind === "done" ? recorded.action.record!.id : "";
    expect(await readRecordedVaccination((await services().sessions.get(session.id))!, role, fixture.otherPatientRef, id)).toBeNull();
  });
});

describe("changing a recorded vaccination, or marking it entered in error (issue 20)", () => {
  async function recorded() {
    const { session, role, actionRef } = await started();
    const result = await recordVaccination(session, role, fixture.patientRef, actionRef);
    if (result.kind !== "done" || !result.action.record) throw new Error("not recorded");
    return { session: (await services().sessions.get(session.id))!, role, id: result.action.record.id };
  }

  it("changes it as of the version seen; a change made meanwhile is a conflict and writes nothing", async () => {
    const { session, role, id } = await recorded();
    const first = await startVaccinationChange(session, role, fixture.patientRef, id, "update");
    const second = await startVaccinationChange((await services().sessions.get(session.id))!, role, fixture.patientRef, id, "update");
    if (first.kind !== "started" || second.kind !== "started") throw new Error("cannot change");
    const now = () =>
      services()
        .sessions.get(session.id)
        .then((current) => current!);
    expect(await sendVaccinationChange(await now(), role, fixture.patientRef, first.changeRef, { values: { ...FLU, batch: "SUP-2611B" } })).toMatchObject({
      change: { state: "done" },
    });
    expect(await sendVaccinationChange(await now(), role, fixture.patientRef, second.changeRef, { values: { ...FLU, batch: "SUP-LATE" } })).toMatchObject({
      change: { state: "conflict" },
    });
    const read = await readRecordedVaccination(await now(), role, fixture.patientRef, id);
    expect(read).toMatchObject({ kind: "found", version: 2, vaccination: { batch: "SUP-2611B" } });
  });

  it("marks it entered in error: then it is gone from the record; a lost answer is settled by reading it", async () => {
    const { session, role, id } = await recorded();
    const start = await startVaccinationChange(session, role, fixture.patientRef, id, "delete");
    if (start.kind !== "started") throw new Error("cannot mark");
    await fault({ kind: "lost-response", times: 1 });
    const sent = await sendVaccinationChange((await services().sessions.get(session.id))!, role, fixture.patientRef, start.changeRef, {
      reason: "Recorded against the wrong date",
    });
    expect(sent).toMatchObject({ change: { state: "unknown" } });
    const checked = await checkVaccinationChangeStatus((await services().sessions.get(session.id))!, role, fixture.patientRef, start.changeRef);
    expect(checked?.state).toBe("done");
    expect(await readRecordedVaccination((await services().sessions.get(session.id))!, role, fixture.patientRef, id)).toMatchObject({ kind: "not-found" });
  });
});

describe("the form's lists come from the Terminology Server (issue 20)", () => {
  it("a product of another vaccine type, posted directly, is refused; one of the chosen type is taken", async () => {
    const patient = { birthDate: "1955-11-05", deathDate: null };
    const context = await vaccinationFormContext("FLU", patient, new Date("2026-11-20T12:00:00Z"));
    expect(validateVaccination(GOOD_FORM, context).kind).toBe("valid");
    const covidProduct = validateVaccination({ ...GOOD_FORM, product: "39114911000001105" }, context);
    expect(covidProduct.kind === "invalid" && covidProduct.errors).toEqual([
      { fieldId: "product", message: "Select a Flu product: the product chosen is not one" },
    ]);
  });
});

describe("SNOMED CT terms from the Terminology Server (issue 20)", () => {
  const codedOnly: Vaccination = {
    id: "coded-only",
    vaccineType: "PNEUMOCOCCAL",
    targetDisease: null,
    occurredOn: "2020-11-18T14:20:00+00:00",
    product: "Pneumovax 23 vaccine solution for injection 0.5ml pre-filled syringes",
    doseNumber: "1",
    dose: null,
    site: null,
    route: null,
    batch: null,
    location: null,
    recorder: null,
    status: "completed",
    patientNhsNumber: null,
    identifier: null,
    recorded: null,
    uncodedTerms: { site: "368208006", route: "34206005" },
    termsLookedUp: [],
  };

  it("the type-ahead finds only the chosen type's products whose words start with what was typed", async () => {
    const found = await searchPickList({ list: "products", type: "FLU", text: "fluad tet" });
    expect(found.kind === "found" && found.options.map((option) => option.display)).toEqual([
      "Fluad Tetra vaccine suspension for injection 0.5ml pre-filled syringes (Seqirus UK Ltd)",
    ]);
    const covid = await searchPickList({ list: "products", type: "COVID", text: "fluad" });
    expect(covid.kind === "found" && covid.options).toEqual([]);
  });

  it("a site and route sent as codes alone are named with their preferred terms, said to be looked up; the source's own text stays", async () => {
    const [named, withText] = await withPreferredTerms([codedOnly, { ...codedOnly, id: "with-text", site: "Left arm", uncodedTerms: { route: "34206005" } }]);
    expect(named).toMatchObject({ site: "Left upper arm structure", route: "Subcutaneous route", termsLookedUp: ["site", "route"] });
    expect(codedText(named!, "site")).toBe("Left upper arm structure (SNOMED CT term)");
    expect(withText).toMatchObject({ site: "Left arm", route: "Subcutaneous route", termsLookedUp: ["route"] });
    expect(codedText(withText!, "site")).toBe("Left arm");
  });

  it("with the Terminology Server down, a code not held shows as the code, said to be unnamed, and the list still answers", async () => {
    await fetch(`${standInOrigin}/_stand-in/faults`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ target: "terminology", status: 503 }),
    });
    const [unnamed] = await withPreferredTerms([{ ...codedOnly, uncodedTerms: { site: "279549004" } }]);
    expect(unnamed!.termsLookedUp).toEqual([]);
    expect(codedText(unnamed!, "site")).toBe("SNOMED CT code 279549004 (name not available now)");
  });
});
