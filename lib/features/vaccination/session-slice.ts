import type { VaccineType } from "@/lib/nhs/immunisation/vaccine-types";
import type { NhsFailure } from "@/lib/nhs/transport/client";
import type { VaccinationValues } from "./vaccination-form";

/**
 * draft: started, not sent; sending: claimed by one request, whose outcome the others wait for; recorded: the
 * national record holds it (created, or already there); unknown: no answer said whether it was recorded;
 * not-recorded: Check status found nothing, so it may be sent again, as the same record; refused: the API said no.
 */
export type VaccinationState = "draft" | "sending" | "recorded" | "unknown" | "not-recorded" | "refused";

/**
 * One "record a vaccination" by the person. Its identifier (the app's own system and a UUID) and X-Request-ID are
 * fixed when it starts, so every send of it is the same record: the API answers a second one 422 DUPLICATE.
 */
export interface VaccinationAction {
  patientRef: string;
  identifier: { system: string; value: string };
  requestId: string;
  /** The vaccine type chosen first, which decides the products offered; null for one started before it was asked. */
  chosenType?: VaccineType | null;
  /** The checked answers, kept for "Check your answers" and sent as they are. */
  values: VaccinationValues | null;
  state: VaccinationState;
  attempts: number;
  createdAt: number;
  sendingSince: number | null;
  /** When the record was made, fixed at the first send so that a repeat is the same record. */
  recordedAt: string | null;
  settledAt: number | null;
  /** The record the API holds for it, once known. */
  record: { id: string; version: number } | null;
  /** Recorded, found already there (422 DUPLICATE, or by Check status) rather than created by this send. */
  alreadyRecorded: boolean;
  refusal: { kind: "forbidden" | "invalid" | "failed"; diagnostics: string | null } | null;
  /** The last failure: the refusal, the unknown outcome, or a status check that got no answer. */
  failure: NhsFailure | null;
}

/** A change to a record already there (PUT) or marking it entered in error (DELETE), as of the version the person saw. */
export interface VaccinationChange {
  patientRef: string;
  recordId: string;
  /** The record's own identifier, which an update must carry unchanged. */
  identifier: { system: string; value: string };
  kind: "update" | "delete";
  /** The E-Tag the person saw: a newer one there is a conflict, and nothing is written. */
  version: number;
  requestId: string;
  values: VaccinationValues | null;
  reason: string | null;
  state: "draft" | "sending" | "done" | "conflict" | "gone" | "unknown" | "refused";
  sendingSince: number | null;
  settledAt: number | null;
  refusal: { kind: "forbidden" | "invalid" | "failed"; diagnostics: string | null } | null;
  failure: NhsFailure | null;
}

/** What the vaccination feature keeps in the server session. */
export interface VaccinationSessionSlice {
  /** Vaccinations started or recorded in this session, by opaque reference. */
  vaccinations?: Record<string, VaccinationAction>;
  /** Changes and entered-in-error marks started in this session, by opaque reference. */
  vaccinationChanges?: Record<string, VaccinationChange>;
}
