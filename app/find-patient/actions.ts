"use server";

import { randomUUID } from "node:crypto";
import { redirect } from "next/navigation";
import { canUse } from "@/lib/access/policy";
import { requireActingRole } from "@/lib/auth/session";
import { content } from "@/lib/content";
import { formatNhsNumber, parseNhsNumberInput } from "@/lib/format";
import { logger } from "@/lib/log";
import { describeFailure, type FailureMessage } from "@/lib/nhs/failure-message";
import { retrievePatientAudited } from "@/lib/patients/retrieve-patient";
import { services } from "@/lib/server/services";

export type NhsNumberSearchState =
  | { status: "idle" }
  | { status: "invalid"; value: string; error: string }
  | { status: "not-found"; value: string; formattedNhsNumber: string }
  | { status: "invalidated"; value: string }
  | { status: "rejected"; value: string }
  | { status: "failed"; value: string; failure: FailureMessage }
  | { status: "not-permitted" };

const MAX_ECHOED_INPUT = 40;

export async function searchByNhsNumberAction(
  _previous: NhsNumberSearchState,
  formData: FormData,
): Promise<NhsNumberSearchState> {
  const { session, role } = await requireActingRole();
  if (!canUse("find-patient", role, session.assurance.authenticationLevel)) return { status: "not-permitted" };

  const raw = String(formData.get("nhsNumber") ?? "");
  const value = raw.slice(0, MAX_ECHOED_INPUT);
  const parsed = parseNhsNumberInput(raw);
  if (parsed.kind === "invalid") {
    return { status: "invalid", value, error: content.findPatient.nhsNumberErrors[parsed.problem] };
  }

  const outcome = await retrievePatientAudited(session, role, parsed.nhsNumber, "patient-search");

  switch (outcome.kind) {
    case "found":
    case "superseded": {
      const ref = randomUUID();
      const latest = await services().sessions.get(session.id);
      if (!latest) redirect("/");
      await services().sessions.save({
        ...latest,
        patientRefs: {
          ...latest.patientRefs,
          [ref]: {
            nhsNumber: outcome.patient.nhsNumber,
            ...(outcome.kind === "superseded" ? { searchedNhsNumber: outcome.requestedNhsNumber } : {}),
            createdAt: Date.now(),
          },
        },
        lastSeenAt: Date.now(),
      });
      redirect(`/patient/${ref}`);
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
