import * as content from "@/lib/content";
import { formatDateTimeWithTime } from "@/lib/format";
import type { GpSummaryRecord, GpSummaryState } from "@/lib/state/gp-summary-store";

/** A summary as the list shows it: no patient identifiers beyond what the record page already shows. */
export interface GpSummaryView {
  id: string;
  state: GpSummaryState;
  stateLabel: string;
  failure: string | null;
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

export function gpSummaryView(record: GpSummaryRecord): GpSummaryView {
  return {
    id: record.id,
    state: record.state,
    stateLabel: content.gpSummary.states[record.state] ?? record.state,
    failure: failureText(record),
    reason: record.content?.consultation.reason ?? "",
    practice: record.content ? `${record.content.practice.name} (${record.content.practice.odsCode})` : "",
    sent: record.sentAt ? formatDateTimeWithTime(new Date(record.sentAt)) : null,
    author: record.author.name,
    canCorrect: record.state === "failed",
    canCheck: record.state === "unknown",
    canResend: record.state === "not-received",
  };
}
