import "server-only";
import { headers } from "next/headers";
import type { Feature } from "./policy";
import { REQUESTED_PATH_HEADER } from "./requested-path-header";

const RECORD_PATH = /^\/patient\/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/;

/**
 * Parts of the service that need more than the area around them: a tab of a patient's record, a search
 * mode. Checked where the area's frame is decided, before anything streams, so a refusal is a real 403.
 * More specific paths come first.
 */
const SECTIONS: Array<{ path: RegExp; feature: Feature }> = [
  { path: /^\/patient\/[^/]+\/summary-care-record(\/|$)/, feature: "view-scr" },
  { path: /^\/patient\/[^/]+\/prescriptions(\/|$)/, feature: "view-prescriptions" },
  { path: /^\/patient\/[^/]+\/immunisations(\/|$)/, feature: "view-immunisations" },
  { path: /^\/patient\/[^/]+\/documents(\/|$)/, feature: "view-documents" },
  { path: /^\/patient\/[^/]+\/referrals\/refer(\/|$)/, feature: "send-referrals" },
  { path: /^\/patient\/[^/]+\/referrals(\/|$)/, feature: "view-referrals" },
  { path: /^\/patient\/[^/]+\/details\/contact(\/|$)/, feature: "amend-demographics" },
  { path: /^\/find-patient\/prescription\/?$/, feature: "view-prescriptions" },
  { path: /^\/find-patient\/ubrn\/?$/, feature: "view-referrals" },
];

export function sectionFeature(path: string): Feature | null {
  return SECTIONS.find((section) => section.path.test(path))?.feature ?? null;
}

/** The patient record a path belongs to, for a way back to it. */
export function recordPathOf(path: string): string | null {
  return RECORD_PATH.exec(path)?.[0] ?? null;
}

/** The path of the page being rendered, as the proxy saw it; empty when the proxy did not run. */
export async function requestedPath(): Promise<string> {
  return (await headers()).get(REQUESTED_PATH_HEADER) ?? "";
}
