import "server-only";
import { z } from "zod";
import type { Cis2Role } from "@/lib/auth/cis2-role";
import { recordPatientAccess } from "@/lib/audit/record-access";
import { callContextFor } from "@/lib/nhs/transport/call-context";
import {
  PROVIDER_WORKLISTS,
  REFERRER_WORKLISTS,
  type BusinessFunction,
  type WorklistFilter,
  type WorklistOutcome,
  type WorklistType,
} from "@/lib/nhs/ers/client";
import { services } from "@/lib/server/services";
import type { ServerSession } from "@/lib/state/session-store";

export const WORKLIST_PAGE_SIZE = 20;
/** Worklist items are not yet in any patient's record: their references are kept under this owner. */
export const WORKLIST_OWNER = "worklist";

export function worklistsFor(businessFunction: BusinessFunction): readonly WorklistType[] {
  return businessFunction.startsWith("SERVICE_PROVIDER") ? PROVIDER_WORKLISTS : REFERRER_WORKLISTS;
}

const worklistCode = z
  .string()
  .regex(/^[A-Za-z0-9_-]{1,40}$/)
  .optional()
  .catch(undefined);

/** The query string a worklist page reads; nothing in it is refused, only ignored: an odd code is no filter, an odd page the first. */
const worklistQuerySchema = z.object({
  list: z.unknown().optional(),
  page: z
    .unknown()
    .optional()
    .transform((page) => Math.max(1, Math.min(1000, Number.parseInt(typeof page === "string" ? page : "1", 10) || 1))),
  specialty: worklistCode,
  service: worklistCode,
  clinician: worklistCode,
});

/** The filter travels in the query string: codes for specialty, service and clinician, never a patient. A list the user may not see is their first. */
export function readWorklistQuery(query: Record<string, string | string[] | undefined>, allowed: readonly WorklistType[]) {
  const { list, page, specialty, service, clinician } = worklistQuerySchema.parse(query);
  const listType = allowed.find((candidate) => candidate === list) ?? allowed[0]!;
  const filter: WorklistFilter = { specialty, service, clinician };
  return { listType, page, filter };
}

/**
 * A worklist and, when filtered, the unfiltered one for the filter's choices, in parallel. Everyone
 * on the page shown is recorded in the audit trail before it is returned.
 */
export async function loadWorklist(
  session: ServerSession,
  role: Cis2Role,
  businessFunction: BusinessFunction,
  listType: WorklistType,
  filter: WorklistFilter,
  page: number,
) {
  const context = callContextFor(role, session);
  const filtered = Boolean(filter.specialty || filter.service || filter.clinician);
  const [shown, all]: [WorklistOutcome, WorklistOutcome | null] = await Promise.all([
    services().ers.worklist(listType, filter, businessFunction, context),
    filtered ? services().ers.worklist(listType, {}, businessFunction, context) : null,
  ]);
  if (shown.kind !== "found") return { kind: "unavailable", outcome: shown } as const;
  const pages = Math.max(1, Math.ceil(shown.items.length / WORKLIST_PAGE_SIZE));
  const current = Math.min(page, pages);
  const pageItems = shown.items.slice((current - 1) * WORKLIST_PAGE_SIZE, current * WORKLIST_PAGE_SIZE);
  for (const nhsNumber of new Set(pageItems.map((item) => item.patientNhsNumber))) {
    await recordPatientAccess(session, role, {
      action: "referral-worklist-view",
      patientNhsNumber: nhsNumber,
      upstreamRequestId: shown.requestId,
      outcome: "data-returned",
    });
  }
  const source = all?.kind === "found" ? all.items : shown.items;
  const unique = <T extends { id?: string; code?: string }>(values: Array<T | null>, key: (value: T) => string) => [
    ...new Map(values.filter((value): value is T => value !== null).map((value) => [key(value), value])).values(),
  ];
  const options = {
    specialties: unique(
      source.map((item) => item.specialty),
      (value) => value.code,
    ),
    services: unique(
      source.map((item) => item.service),
      (value) => value.id,
    ),
    clinicians: unique(
      source.map((item) => item.clinician),
      (value) => value.id,
    ),
  };
  return { kind: "listed", outcome: shown, pageItems, options, pages, current } as const;
}
