"use server";

import { redirect } from "next/navigation";
import { canUse } from "@/lib/access/policy";
import { requireActingRole } from "@/lib/auth/session";
import * as content from "@/lib/content";
import { formatNhsNumber } from "@/lib/format";
import { postedForm, readForm, validateForm, type FieldError, type FormState } from "@/lib/forms";
import { itemRefsAfterChange } from "@/lib/features/record/item-refs";
import { logger } from "@/lib/log";
import { describeFailure, type FailureMessage } from "@/lib/features/failure-message";
import { referenceForSuperseded, referencesFor } from "@/lib/features/record/patient-context";
import { retrievePatientAudited } from "@/lib/features/record/retrieve-patient";
import {
  ADVANCED_FIELDS,
  BASIC_FIELDS,
  nhsNumberSearchSchema,
  prescriptionIdSearchSchema,
  validateAdvancedSearch,
  validateBasicSearch,
} from "@/lib/features/search/search-forms";
import { updateSession } from "@/lib/features/session/session-state";
import { findByPrescriptionId } from "@/lib/features/prescriptions/find-by-prescription-id";
import { paths } from "@/lib/routes";
import { takeAllowance } from "@/lib/features/rate-limit/allowance";

/** What a search form says when the user has searched too often: how long to wait. */
async function searchAllowanceRefusal(userId: string): Promise<string | null> {
  const allowance = await takeAllowance(userId, "search");
  return allowance.allowed ? null : content.tooManyRequests.inForm(content.sessionWarning.minutesAndSeconds(allowance.retryAfterSeconds));
}

export type NhsNumberSearchState =
  | { status: "idle" }
  | { status: "invalid"; value: string; errors: FieldError[] }
  | { status: "not-found"; value: string; formattedNhsNumber: string }
  | { status: "invalidated"; value: string }
  | { status: "rejected"; value: string }
  | { status: "failed"; value: string; failure: FailureMessage }
  | { status: "rate-limited"; value: string; message: string }
  | { status: "not-permitted" };

const MAX_ECHOED_INPUT = 40;

export async function searchByNhsNumberAction(_previous: NhsNumberSearchState, posted: unknown): Promise<NhsNumberSearchState> {
  const typed = readForm(posted, { nhsNumber: Infinity });
  const { session, role } = await requireActingRole();
  if (!canUse("find-patient", role, session.assurance.authenticationLevel)) return { status: "not-permitted" };

  const value = typed.nhsNumber.slice(0, MAX_ECHOED_INPUT);
  const validated = validateForm(nhsNumberSearchSchema, typed);
  if (validated.kind === "invalid") return { status: "invalid", value, errors: validated.errors };
  const parsed = validated.value;
  const refusal = await searchAllowanceRefusal(session.user.uid);
  if (refusal) return { status: "rate-limited", value, message: refusal };

  const outcome = await retrievePatientAudited(session, role, parsed.nhsNumber, "patient-search");

  switch (outcome.kind) {
    case "found":
    case "superseded": {
      const ref =
        outcome.kind === "superseded"
          ? await referenceForSuperseded(session.id, outcome.patient.nhsNumber, outcome.requestedNhsNumber)
          : (await referencesFor(session.id, [outcome.patient.nhsNumber]))[outcome.patient.nhsNumber];
      redirect(paths.record(ref));
    }
    case "not-found":
      return { status: "not-found", value, formattedNhsNumber: formatNhsNumber(parsed.nhsNumber) };
    case "invalidated":
      return { status: "invalidated", value };
    case "invalid-nhs-number":
      return { status: "rejected", value };
    case "failed": {
      const failure = describeFailure(outcome.failure);
      logger.warn(
        { event: "upstream-failure", api: outcome.failure.api, kind: outcome.failure.kind, requestId: failure.reference, code: failure.upstreamCode },
        "PDS retrieve failed",
      );
      return { status: "failed", value, failure };
    }
    default: {
      const unhandled: never = outcome;
      return unhandled;
    }
  }
}

/**
 * Checks a search by details before any call. A valid search is kept in the server-side session and
 * run by the results page, so that the search never travels in a URL and Back returns to it.
 */
export async function searchByDetailsAction(_previous: FormState, posted: unknown): Promise<FormState> {
  const formData = postedForm(posted);
  const { session, role } = await requireActingRole();
  const mode = formData.get("mode") === "advanced" ? "advanced" : "basic";
  const values = readForm(formData, mode === "advanced" ? ADVANCED_FIELDS : BASIC_FIELDS);
  if (!canUse("find-patient", role, session.assurance.authenticationLevel)) {
    return { errors: [{ fieldId: "family", message: content.findPatient.notPermitted }], values };
  }
  const result = mode === "advanced" ? validateAdvancedSearch(values) : validateBasicSearch(values);
  if (result.kind === "invalid") return { errors: result.errors, values };
  await updateSession(session.id, (current) => ({ ...current, lastSearch: { kind: mode, form: values, at: Date.now() } }));
  redirect(paths.searchResults());
}

export type PrescriptionIdSearchState =
  | { status: "idle" }
  | { status: "invalid"; value: string; errors: FieldError[] }
  | { status: "not-found"; value: string; prescriptionId: string }
  | { status: "patient-not-found"; value: string }
  | { status: "failed"; value: string; failure: FailureMessage }
  | { status: "rate-limited"; value: string; message: string }
  | { status: "not-permitted" };

/**
 * A prescription ID leads to its patient: the tracker names them, PDS confirms them, and the
 * prescription opens in their record. Both calls are audited.
 */
export async function searchByPrescriptionIdAction(_previous: PrescriptionIdSearchState, posted: unknown): Promise<PrescriptionIdSearchState> {
  const typed = readForm(posted, { prescriptionId: Infinity });
  const { session, role } = await requireActingRole();
  // it leads to the patient's record, so the role must be able to find patients too: checked before anything is read
  const level = session.assurance.authenticationLevel;
  if (!canUse("view-prescriptions", role, level) || !canUse("find-patient", role, level)) return { status: "not-permitted" };
  const value = typed.prescriptionId.slice(0, MAX_ECHOED_INPUT);
  const validated = validateForm(prescriptionIdSearchSchema, typed);
  if (validated.kind === "invalid") return { status: "invalid", value, errors: validated.errors };
  const parsed = validated.value;
  const refusal = await searchAllowanceRefusal(session.user.uid);
  if (refusal) return { status: "rate-limited", value, message: refusal };

  const found = await findByPrescriptionId({ session, role }, parsed.prescriptionId);
  if (found.kind === "failed") return { status: "failed", value, failure: describeFailure(found.failure) };
  if (found.kind === "not-found") return { status: "not-found", value, prescriptionId: parsed.prescriptionId };
  const { nhsNumber, itemKey: key } = found;

  const patient = await retrievePatientAudited(session, role, nhsNumber, "patient-search");
  if (patient.kind !== "found" && patient.kind !== "superseded") {
    return patient.kind === "failed" ? { status: "failed", value, failure: describeFailure(patient.failure) } : { status: "patient-not-found", value };
  }
  const ref = (await referencesFor(session.id, [patient.patient.nhsNumber]))[patient.patient.nhsNumber]!;
  const refs = await itemRefsAfterChange(session, ref, "prescription", [key]);
  redirect(paths.prescription(ref, refs.get(key)!));
}
