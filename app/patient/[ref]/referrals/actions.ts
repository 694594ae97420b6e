"use server";

import { redirect } from "next/navigation";
import { canUse } from "@/lib/access/policy";
import { requireActingRole } from "@/lib/auth/session";
import * as content from "@/lib/content";
import { itemRefsAfterChange } from "@/lib/features/record/item-refs";
import { ubrnFormStateFor, ubrnSchema, type UbrnFormState } from "@/lib/features/referrals/referral-search";
import { readReferralAudited } from "@/lib/features/referrals/referrals";
import { referencesFor } from "@/lib/features/record/patient-context";
import { retrievePatientAudited } from "@/lib/features/record/retrieve-patient";
import { postedForm, readForm, validateForm } from "@/lib/forms";
import { paths } from "@/lib/routes";
import { takeAllowance } from "@/lib/features/rate-limit/allowance";

/** A UBRN search beyond the user's allowance: how long to wait, in the form's message. */
async function searchAllowanceRefusal(userId: string, value: string): Promise<UbrnFormState | null> {
  const allowance = await takeAllowance(userId, "search");
  if (allowance.allowed) return null;
  return {
    status: "message",
    value,
    message: content.tooManyRequests.inForm(content.sessionWarning.minutesAndSeconds(allowance.retryAfterSeconds)),
    reference: null,
  };
}

const REF = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const MAX_ECHOED_INPUT = 30;

/** From the patient's Referrals tab: the referral must be this patient's. */
export async function openReferralByUbrnAction(_previous: UbrnFormState, posted: unknown): Promise<UbrnFormState> {
  const formData = postedForm(posted);
  const { session, role } = await requireActingRole();
  const ref = String(formData.get("patientRef") ?? "");
  const opened = REF.test(ref) ? session.patientRefs[ref] : undefined;
  if (!opened) redirect(paths.findPatient());
  const typed = readForm(formData, { ubrn: MAX_ECHOED_INPUT });
  const value = typed.ubrn;
  // it leads to the patient's record, so the role must be able to find patients too: checked before anything is read
  const level = session.assurance.authenticationLevel;
  if (!canUse("view-referrals", role, level) || !canUse("find-patient", role, level))
    return { status: "message", value, message: content.referrals.notPermitted, reference: null };
  const validated = validateForm(ubrnSchema, typed);
  if (validated.kind === "invalid") return { status: "invalid", value, errors: validated.errors };
  const parsed = validated.value;
  const refusal = await searchAllowanceRefusal(session.user.uid, value);
  if (refusal) return refusal;
  const lookup = await readReferralAudited(session, role, parsed.ubrn, opened.nhsNumber);
  if (lookup.kind !== "found") return ubrnFormStateFor(lookup, value, parsed.ubrn, role.orgName ?? role.orgCode);
  const refs = await itemRefsAfterChange(session, ref, "referral", [parsed.ubrn]);
  redirect(paths.referral(ref, refs.get(parsed.ubrn)!));
}

/** From the Find page: the referral names its patient, PDS confirms them, and the referral opens in their record. */
export async function findByUbrnAction(_previous: UbrnFormState, posted: unknown): Promise<UbrnFormState> {
  const formData = postedForm(posted);
  const { session, role } = await requireActingRole();
  const typed = readForm(formData, { ubrn: MAX_ECHOED_INPUT });
  const value = typed.ubrn;
  if (!canUse("view-referrals", role, session.assurance.authenticationLevel))
    return { status: "message", value, message: content.referrals.notPermitted, reference: null };
  const validated = validateForm(ubrnSchema, typed);
  if (validated.kind === "invalid") return { status: "invalid", value, errors: validated.errors };
  const parsed = validated.value;
  const refusal = await searchAllowanceRefusal(session.user.uid, value);
  if (refusal) return refusal;
  const lookup = await readReferralAudited(session, role, parsed.ubrn, null);
  if (lookup.kind !== "found") return ubrnFormStateFor(lookup, value, parsed.ubrn, role.orgName ?? role.orgCode);
  const nhsNumber = lookup.referral.patientNhsNumber;
  if (!nhsNumber) return { status: "message", value, message: content.referrals.patientNotFound, reference: lookup.requestId };
  const patient = await retrievePatientAudited(session, role, nhsNumber, "patient-search");
  if (patient.kind !== "found" && patient.kind !== "superseded")
    return { status: "message", value, message: content.referrals.patientNotFound, reference: lookup.requestId };
  const ref = (await referencesFor(session.id, [patient.patient.nhsNumber]))[patient.patient.nhsNumber]!;
  const refs = await itemRefsAfterChange(session, ref, "referral", [parsed.ubrn]);
  redirect(paths.referral(ref, refs.get(parsed.ubrn)!));
}
