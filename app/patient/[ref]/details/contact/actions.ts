"use server";

import { redirect } from "next/navigation";
import { canUse } from "@/lib/access/policy";
import { requireActingRole } from "@/lib/auth/session";
import * as content from "@/lib/content";
import { logger } from "@/lib/log";
import { describeFailure, type FailureMessage } from "@/lib/features/failure-message";
import { CONTACT_FIELDS, contactPatches, contactValuesOf, validateContactForm, type ContactValues } from "@/lib/features/record/contact-update";
import { retrievePatientAudited } from "@/lib/features/record/retrieve-patient";
import { postedForm, readForm, type FieldError, type FormValues } from "@/lib/forms";
import { sendContactUpdate } from "@/lib/features/record/send-contact-update";
import { paths } from "@/lib/routes";

export type ContactUpdateState =
  | { status: "editing"; versionId: string; fields: FormValues; errors: FieldError[] }
  | { status: "conflict"; versionId: string; fields: FormValues; submitted: ContactValues; current: ContactValues }
  | { status: "refused"; versionId: string; fields: FormValues; message: string; reference: string }
  | { status: "failed"; versionId: string; fields: FormValues; failure: FailureMessage; outcomeUnknown: boolean };

const REF = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * Saves contact details to PDS with If-Match on the version the user saw. A newer version is a
 * conflict shown to the user, never overwritten; the write is sent once and never repeated.
 */
export async function updateContactDetailsAction(_previous: ContactUpdateState, posted: unknown): Promise<ContactUpdateState> {
  const formData = postedForm(posted);
  const { session, role } = await requireActingRole();
  const ref = String(formData.get("patientRef") ?? "");
  const versionId = String(formData.get("versionId") ?? "").slice(0, 12);
  const fields = readForm(formData, CONTACT_FIELDS);
  const opened = REF.test(ref) ? session.patientRefs[ref] : undefined;
  if (!opened || !/^\d{1,12}$/.test(versionId)) redirect(paths.findPatient());
  if (!canUse("amend-demographics", role, session.assurance.authenticationLevel)) {
    return { status: "refused", versionId, fields, message: content.patient.updateContact.notPermitted, reference: "" };
  }
  const validated = validateContactForm(fields);
  if (validated.kind === "invalid") return { status: "editing", versionId, fields, errors: validated.errors };

  const read = await retrievePatientAudited(session, role, opened.nhsNumber, "patient-record-view");
  if (read.kind !== "found") {
    const failure = read.kind === "failed" ? describeFailure(read.failure) : null;
    if (failure) return { status: "failed", versionId, fields, failure, outcomeUnknown: false };
    redirect(paths.record(ref));
  }
  const record = read.patient;
  if (record.restricted) return { status: "refused", versionId, fields, message: content.patient.updateContact.restricted, reference: read.requestId };
  if (record.versionId !== versionId) {
    return { status: "conflict", versionId: record.versionId ?? versionId, fields, submitted: validated.values, current: contactValuesOf(record) };
  }
  const change = contactPatches(record, validated.values);
  if (!change)
    return { status: "editing", versionId, fields, errors: [{ fieldId: "homePhone", message: content.patient.updateContact.errors.nothingChanged }] };
  if ("problem" in change) return { status: "refused", versionId, fields, message: content.patient.updateContact.noIdentifier, reference: read.requestId };

  const outcome = await sendContactUpdate({ session, role }, opened.nhsNumber, versionId, change.patches);
  switch (outcome.kind) {
    case "updated":
      logger.info({ event: "patient-updated", requestId: outcome.requestId, version: outcome.patient.versionId }, "contact details updated");
      redirect(`${paths.recordSection(ref, "details")}?updated=${outcome.patient.versionId ?? ""}`);
    case "version-conflict": {
      const latest = await retrievePatientAudited(session, role, opened.nhsNumber, "patient-record-view");
      if (latest.kind !== "found") redirect(paths.record(ref));
      return {
        status: "conflict",
        versionId: latest.patient.versionId ?? versionId,
        fields,
        submitted: validated.values,
        current: contactValuesOf(latest.patient),
      };
    }
    case "precondition-failed":
      return { status: "refused", versionId, fields, message: content.patient.updateContact.preconditionFailed, reference: outcome.requestId };
    case "forbidden":
      return { status: "refused", versionId, fields, message: content.patient.updateContact.forbidden, reference: outcome.requestId };
    case "rejected":
      return { status: "refused", versionId, fields, message: content.patient.updateContact.rejected(outcome.code), reference: outcome.requestId };
    case "failed": {
      // A write that timed out or lost its connection may still have been applied: say so, never resend.
      const outcomeUnknown =
        outcome.failure.kind === "timeout" ||
        outcome.failure.kind === "network-error" ||
        (outcome.failure.kind !== "invalid-response" && "status" in outcome.failure && outcome.failure.status >= 500);
      return { status: "failed", versionId, fields, failure: describeFailure(outcome.failure), outcomeUnknown };
    }
    default: {
      const unhandled: never = outcome;
      return unhandled;
    }
  }
}
