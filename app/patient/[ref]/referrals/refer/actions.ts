"use server";

import { redirect } from "next/navigation";
import { canUse } from "@/lib/access/policy";
import { requireActingRole } from "@/lib/auth/session";
import * as content from "@/lib/content";
import { checkReferralStatus, referralAction, searchReferralServices, sendReferral, startReferral } from "@/lib/features/bars/bars-referrals";
import { SEARCH_FIELD_IDS, validateReferralReason, validateServiceSearch } from "@/lib/features/bars/refer-forms";
import { postedForm, readForm, type FieldError } from "@/lib/forms";
import { paths } from "@/lib/routes";

const REF = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const MAX_FIELD = 120;

export type ServiceSearchFormState = { status: "idle" } | { status: "invalid"; form: Record<string, string>; errors: FieldError[] };
export type ReasonFormState =
  | { status: "idle" }
  | { status: "invalid"; reason: string; errors: FieldError[] }
  | { status: "message"; reason: string; message: string };

const field = (formData: FormData, name: string, max = MAX_FIELD) => String(formData.get(name) ?? "").slice(0, max);

/** The acting user, allowed to refer, with a patient opened in this session; anything else goes back to a safe page. */
async function referringUser(formData: FormData) {
  const { session, role } = await requireActingRole();
  const patientRef = field(formData, "patientRef");
  if (!REF.test(patientRef) || !session.patientRefs[patientRef]) redirect(paths.findPatient());
  if (!canUse("send-referrals", role, session.assurance.authenticationLevel)) redirect(paths.refer(patientRef));
  return { session, role, patientRef };
}

export async function searchServicesAction(_previous: ServiceSearchFormState, posted: unknown): Promise<ServiceSearchFormState> {
  const formData = postedForm(posted);
  const { session, role, patientRef } = await referringUser(formData);
  const form = readForm(formData, { [SEARCH_FIELD_IDS.field]: MAX_FIELD, [SEARCH_FIELD_IDS.text]: MAX_FIELD, [SEARCH_FIELD_IDS.type]: MAX_FIELD });
  const validated = validateServiceSearch(form);
  if (validated.kind === "invalid") return { status: "invalid", form, errors: validated.errors };
  await searchReferralServices(session, role, patientRef, form, validated.query);
  redirect(paths.refer(patientRef));
}

export async function chooseReceiverAction(posted: unknown) {
  const formData = postedForm(posted);
  const { session, patientRef } = await referringUser(formData);
  const actionRef = await startReferral(session, patientRef, field(formData, "choice"));
  redirect(actionRef ? paths.referralAction(patientRef, actionRef) : paths.refer(patientRef));
}

export async function sendReferralAction(_previous: ReasonFormState, posted: unknown): Promise<ReasonFormState> {
  const formData = postedForm(posted);
  const { session, role, patientRef } = await referringUser(formData);
  const actionRef = field(formData, "actionRef");
  const { reason: raw } = readForm(formData, { reason: content.refer.reasonMax * 2 });
  const validated = validateReferralReason(raw);
  if (validated.kind === "invalid") return { status: "invalid", reason: raw, errors: validated.errors };
  const result = await sendReferral(session, role, patientRef, actionRef, validated.reason);
  if (result.kind === "patient-unavailable") return { status: "message", reason: raw, message: content.refer.patientUnavailable };
  if (result.kind === "patient-deceased") return { status: "message", reason: raw, message: content.refer.deceased };
  redirect(result.kind === "done" ? paths.referralAction(patientRef, actionRef) : paths.recordSection(patientRef, "referrals"));
}

/** Only from "not received" (the status check said so) or a rate-limited refusal: the same message again. */
export async function sendAgainAction(posted: unknown) {
  const formData = postedForm(posted);
  const { session, role, patientRef } = await referringUser(formData);
  const actionRef = field(formData, "actionRef");
  if (!referralAction(session, patientRef, actionRef)) redirect(paths.refer(patientRef));
  await sendReferral(session, role, patientRef, actionRef, null);
  redirect(paths.referralAction(patientRef, actionRef));
}

export async function checkStatusAction(posted: unknown) {
  const formData = postedForm(posted);
  const { session, role, patientRef } = await referringUser(formData);
  const actionRef = field(formData, "actionRef");
  if (!referralAction(session, patientRef, actionRef)) redirect(paths.refer(patientRef));
  await checkReferralStatus(session, role, patientRef, actionRef);
  redirect(paths.referralAction(patientRef, actionRef));
}
