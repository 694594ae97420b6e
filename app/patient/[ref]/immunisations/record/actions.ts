"use server";

import { redirect } from "next/navigation";
import { canUse } from "@/lib/access/policy";
import { requireActingRole } from "@/lib/auth/session";
import * as content from "@/lib/content";
import { retrievePatientAudited } from "@/lib/features/record/retrieve-patient";
import { recordableVaccineTypes, vaccinationFormContext } from "@/lib/features/vaccination/terminology";
import { VACCINATION_FIELD_LENGTHS, VACCINATION_FIELD_IDS as F } from "@/lib/features/vaccination/vaccination-fields";
import { validateVaccination, type VaccinationValues } from "@/lib/features/vaccination/vaccination-form";
import {
  checkVaccinationChangeStatus,
  checkVaccinationStatus,
  recordVaccination,
  saveVaccinationAnswers,
  sendVaccinationChange,
  startVaccination,
  startVaccinationChange,
  vaccinationAction,
  vaccinationChange,
} from "@/lib/features/vaccination/vaccinations";
import { postedForm, readForm, type FieldError, type FormValues } from "@/lib/forms";
import type { VaccineType } from "@/lib/nhs/immunisation/vaccine-types";
import type { ServerSession } from "@/lib/state/session-store";
import type { Cis2Role } from "@/lib/auth/cis2-role";
import { paths } from "@/lib/routes";

const REF = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const text = content.vaccinationPages;

export type VaccinationFormState =
  | { status: "editing"; values: FormValues; errors: FieldError[] }
  | { status: "message"; values: FormValues; errors: FieldError[]; message: string };
export type ActionMessageState = { status: "idle" } | { status: "message"; message: string };

const field = (formData: FormData, name: string, max = 40) => String(formData.get(name) ?? "").slice(0, max);

/** The acting user, allowed to record vaccinations, with a patient opened in this session; anything else goes back to a safe page. */
async function vaccinatingUser(formData: FormData) {
  const { session, role } = await requireActingRole();
  const patientRef = field(formData, "patientRef");
  if (!REF.test(patientRef) || !session.patientRefs[patientRef]) redirect(paths.findPatient());
  if (!canUse("record-vaccinations", role, session.assurance.authenticationLevel)) redirect(paths.recordVaccination(patientRef));
  return { session, role, patientRef };
}

/** The form's answers, checked against the chosen type's products and the patient's dates as PDS holds them now. */
async function checkedAnswers(session: ServerSession, role: Cis2Role, patientRef: string, type: VaccineType, formData: FormData) {
  const values = { ...readForm(formData, VACCINATION_FIELD_LENGTHS), [F.vaccineType]: type };
  const nhsNumber = session.patientRefs[patientRef]!.nhsNumber;
  const read = await retrievePatientAudited(session, role, nhsNumber, "patient-record-view");
  if (read.kind !== "found" && read.kind !== "superseded") return { kind: "message" as const, values, message: content.vaccination.patientUnavailable };
  // a patient recorded as having died is refused outright, so no date given can fall after a death
  if (read.patient.deceased) return { kind: "message" as const, values, message: content.vaccination.patientDeceased };
  const context = await vaccinationFormContext(type, { birthDate: read.patient.birthDate, deathDate: null });
  const validated = validateVaccination(values, context);
  return validated.kind === "valid"
    ? { kind: "valid" as const, values, checked: validated.values }
    : { kind: "invalid" as const, values, errors: validated.errors };
}

export async function chooseVaccineTypeAction(_previous: FieldError[], posted: unknown): Promise<FieldError[]> {
  const formData = postedForm(posted);
  const { session, role, patientRef } = await vaccinatingUser(formData);
  const type = recordableVaccineTypes().find((candidate) => candidate === field(formData, F.vaccineType));
  if (!type) return [{ fieldId: F.vaccineType, message: text.typeMissing }];
  const actionRef = await startVaccination(session, role, patientRef, type);
  redirect(actionRef ? paths.vaccinationAnswers(patientRef, actionRef) : paths.recordVaccination(patientRef));
}

export async function saveVaccinationAnswersAction(_previous: VaccinationFormState, posted: unknown): Promise<VaccinationFormState> {
  const formData = postedForm(posted);
  const { session, role, patientRef } = await vaccinatingUser(formData);
  const actionRef = field(formData, "actionRef");
  const action = vaccinationAction(session, patientRef, actionRef);
  if (!action?.chosenType) redirect(paths.recordVaccination(patientRef));
  const answers = await checkedAnswers(session, role, patientRef, action.chosenType, formData);
  if (answers.kind === "message") return { status: "message", values: answers.values, errors: [], message: answers.message };
  if (answers.kind === "invalid") return { status: "editing", values: answers.values, errors: answers.errors };
  await saveVaccinationAnswers(session, patientRef, actionRef, answers.checked);
  redirect(paths.vaccinationAction(patientRef, actionRef));
}

/** Sends the checked answers once; a second post while the first is in flight waits for its outcome. */
export async function recordVaccinationAction(_previous: ActionMessageState, posted: unknown): Promise<ActionMessageState> {
  const formData = postedForm(posted);
  const { session, role, patientRef } = await vaccinatingUser(formData);
  const actionRef = field(formData, "actionRef");
  const result = await recordVaccination(session, role, patientRef, actionRef);
  if (result.kind === "patient-unavailable") return { status: "message", message: content.vaccination.patientUnavailable };
  if (result.kind === "patient-deceased") return { status: "message", message: content.vaccination.patientDeceased };
  redirect(result.kind === "done" ? paths.vaccinationAction(patientRef, actionRef) : paths.recordSection(patientRef, "immunisations"));
}

/** After an unknown outcome: a search by the record's identifier. Never sends. */
export async function checkVaccinationStatusAction(posted: unknown) {
  const formData = postedForm(posted);
  const { session, role, patientRef } = await vaccinatingUser(formData);
  const actionRef = field(formData, "actionRef");
  if (!vaccinationAction(session, patientRef, actionRef)) redirect(paths.recordSection(patientRef, "immunisations"));
  await checkVaccinationStatus(session, role, patientRef, actionRef);
  redirect(paths.vaccinationAction(patientRef, actionRef));
}

/** "Change this record" or "Mark as entered in error": as of the version read now, which the next page shows. */
export async function startVaccinationChangeAction(posted: unknown) {
  const formData = postedForm(posted);
  const { session, role, patientRef } = await vaccinatingUser(formData);
  const kind = field(formData, "kind") === "delete" ? "delete" : "update";
  const started = await startVaccinationChange(session, role, patientRef, field(formData, "recordId"), kind);
  redirect(started.kind === "started" ? paths.vaccinationChange(patientRef, started.changeRef) : paths.recordSection(patientRef, "immunisations"));
}

export async function sendVaccinationChangeAction(_previous: VaccinationFormState, posted: unknown): Promise<VaccinationFormState> {
  const formData = postedForm(posted);
  const { session, role, patientRef } = await vaccinatingUser(formData);
  const changeRef = field(formData, "actionRef");
  const change = vaccinationChange(session, patientRef, changeRef);
  if (!change) redirect(paths.recordSection(patientRef, "immunisations"));
  let what: { values: VaccinationValues } | { reason: string };
  if (change.kind === "delete") {
    const { reason } = readForm(formData, { reason: 400 });
    const trimmed = reason.trim();
    const problem = !trimmed ? text.reasonMissing : trimmed.length > 200 ? text.reasonLong : null;
    if (problem) return { status: "editing", values: { reason }, errors: [{ fieldId: "reason", message: problem }] };
    what = { reason: trimmed };
  } else {
    const type = recordableVaccineTypes().find((candidate) => candidate === field(formData, F.vaccineType));
    if (!type) redirect(paths.vaccinationChange(patientRef, changeRef));
    const answers = await checkedAnswers(session, role, patientRef, type, formData);
    if (answers.kind === "message") return { status: "message", values: answers.values, errors: [], message: answers.message };
    if (answers.kind === "invalid") return { status: "editing", values: answers.values, errors: answers.errors };
    what = { values: answers.checked };
  }
  const result = await sendVaccinationChange(session, role, patientRef, changeRef, what);
  if (result.kind === "patient-unavailable") return { status: "message", values: {}, errors: [], message: content.vaccination.patientUnavailable };
  if (result.kind === "patient-deceased") return { status: "message", values: {}, errors: [], message: content.vaccination.patientDeceased };
  redirect(paths.vaccinationChange(patientRef, changeRef));
}

export async function checkVaccinationChangeStatusAction(posted: unknown) {
  const formData = postedForm(posted);
  const { session, role, patientRef } = await vaccinatingUser(formData);
  const changeRef = field(formData, "actionRef");
  await checkVaccinationChangeStatus(session, role, patientRef, changeRef);
  redirect(paths.vaccinationChange(patientRef, changeRef));
}
