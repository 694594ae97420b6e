import * as content from "@/lib/content";
import { parseNhsNumberInput } from "@/lib/format";
import { dateField, type FieldError } from "@/lib/features/search/search-forms";
import type { AuditAction, AuditFilter } from "../../audit/audit-trail";

export const AUDIT_ACTIONS = Object.keys(content.audit.actions) as AuditAction[];
export const AUDIT_FILTER_FIELDS = ["nhsNumber", "userId", "action", "from-day", "from-month", "from-year", "to-day", "to-month", "to-year"] as const;
export const AUDIT_LIMIT = 500;

const errors = content.audit.errors;

export function validateAuditFilter(form: Record<string, string>): { kind: "valid"; filter: AuditFilter } | { kind: "invalid"; errors: FieldError[] } {
  const found: FieldError[] = [];
  const filter: AuditFilter = { limit: AUDIT_LIMIT };
  const nhsNumber = (form.nhsNumber ?? "").trim();
  if (nhsNumber) {
    const parsed = parseNhsNumberInput(nhsNumber);
    if (parsed.kind === "valid") filter.patientNhsNumber = parsed.nhsNumber;
    else found.push({ fieldId: "nhsNumber", message: errors.nhsNumber });
  }
  const userId = (form.userId ?? "").trim();
  if (userId) {
    if (/^[A-Za-z0-9]{1,20}$/.test(userId)) filter.userId = userId;
    else found.push({ fieldId: "userId", message: errors.userId });
  }
  const action = AUDIT_ACTIONS.find((candidate) => candidate === form.action);
  if (action) filter.action = action;
  const farFuture = new Date("2100-01-01T00:00:00Z");
  const from = dateField(form, "from", "From", false, found, farFuture);
  const to = dateField(form, "to", "To", false, found, farFuture);
  if (from) filter.from = `${from}T00:00:00.000Z`;
  if (to) filter.to = `${to}T23:59:59.999Z`;
  if (from && to && from > to) found.push({ fieldId: "from-day", message: errors.order });
  return found.length ? { kind: "invalid", errors: found } : { kind: "valid", filter };
}

const CSV_COLUMNS = [
  "id",
  "occurredAt",
  "userId",
  "userName",
  "roleId",
  "roleName",
  "orgCode",
  "action",
  "patientNhsNumber",
  "basisOfAccess",
  "reason",
  "upstreamRequestId",
  "outcome",
  "hash",
] as const;

/** One CSV cell: quoted, and defused against spreadsheet formula injection. */
function csvCell(value: unknown): string {
  let text = value === null || value === undefined ? "" : String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return `"${text.replace(/"/g, '""')}"`;
}

export function auditCsv(entries: Array<Record<(typeof CSV_COLUMNS)[number], unknown>>): string {
  return [CSV_COLUMNS.join(","), ...entries.map((entry) => CSV_COLUMNS.map((column) => csvCell(entry[column])).join(","))].join("\r\n") + "\r\n";
}
