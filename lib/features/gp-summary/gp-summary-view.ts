import * as content from "@/lib/content";
import { formatDateTimeWithTime } from "@/lib/format";
import type { GpSummaryRecord, GpSummaryState } from "@/lib/state/gp-summary-store";

/** A summary as the list shows it: no patient identifiers beyond what the record page already shows. */
export interface GpSummaryView {
  id: string;
  state: GpSummaryState;
  stateLabel: string;
  failure: string | null;
  /** What MESH or the practice answered, for a summary that failed or whose send is not known: the code to pass on. */
  upstreamCode: string | null;
  /** The summary's MESH local id, on its audit rows: the reference to quote while it is not settled or has failed. */
  reference: string | null;
  reason: string;
  practice: string;
  sent: string | null;
  author: string;
  canCorrect: boolean;
  canCheck: boolean;
  canResend: boolean;
}

function failureText(record: GpSummaryRecord): string | null {
  if (record.state !== "failed") return null;
  const failures = content.gpSummary.failures;
  const code = record.failureCode;
  if (code && code in failures && code.startsWith("EPL-")) return failures[code as "EPL-150"];
  if (code === "refused") return failures.refused;
  if (code?.startsWith("3") || code === "rejected") return failures.rejected(record.failureDetail);
  return failures.other(code);
}

const UNSETTLED_OR_FAILED: readonly GpSummaryState[] = ["failed", "unknown", "not-received"];

function upstreamCode(record: GpSummaryRecord): string | null {
  if (!UNSETTLED_OR_FAILED.includes(record.state)) return null;
  // a refused send or an unknown one keeps what MESH answered in its detail; a report or a rejection, its code
  if (record.state !== "failed" || record.failureCode === "refused" || !record.failureCode) return record.failureDetail ?? null;
  return record.failureCode;
}

export function gpSummaryView(record: GpSummaryRecord): GpSummaryView {
  return {
    id: record.id,
    state: record.state,
    stateLabel: content.gpSummary.states[record.state] ?? record.state,
    failure: failureText(record),
    upstreamCode: upstreamCode(record),
    reference: UNSETTLED_OR_FAILED.includes(record.state) ? record.id : null,
    reason: record.content?.consultation.reason ?? "",
    practice: record.content ? `${record.content.practice.name} (${record.content.practice.odsCode})` : "",
    sent: record.sentAt ? formatDateTimeWithTime(new Date(record.sentAt)) : null,
    author: record.author.name,
    canCorrect: record.state === "failed",
    canCheck: record.state === "unknown",
    canResend: record.state === "not-received",
  };
}
