import { z } from "zod";
import * as content from "@/lib/content";
import { parseNhsNumberInput } from "@/lib/format";
import { addFieldError, dateInputs, evenWithFieldErrors, FAR_FUTURE, nhsDate, oneOf, text, validateForm, type FieldError, type FormValues } from "@/lib/forms";
import type { AuditAction, AuditFilter } from "../../audit/audit-trail";

export const AUDIT_ACTIONS = Object.keys(content.audit.actions) as AuditAction[];
export const AUDIT_FILTER_FIELDS = ["nhsNumber", "userId", "action", "from-day", "from-month", "from-year", "to-day", "to-month", "to-year"] as const;
export const AUDIT_LIMIT = 500;

const errors = content.audit.errors;

/** Each filter is optional; one that is given must be valid. The dates may be any real date, past or future. */
export const auditFilterSchema = z.preprocess(
  (form: Partial<FormValues>) => ({ ...form, ...dateInputs(form, "from", "to") }),
  z
    .object({
      nhsNumber: text.transform((typed, ctx): string | undefined => {
        if (!typed) return undefined;
        const parsed = parseNhsNumberInput(typed);
        if (parsed.kind === "valid") return parsed.nhsNumber;
        ctx.addIssue({ code: "custom", message: errors.nhsNumber });
        return undefined;
      }),
      userId: text.refine((typed) => !typed || /^[A-Za-z0-9]{1,20}$/.test(typed), errors.userId),
      action: oneOf(AUDIT_ACTIONS),
      from: nhsDate({ label: "From", latest: FAR_FUTURE }),
      to: nhsDate({ label: "To", latest: FAR_FUTURE }),
    })
    .superRefine(({ from, to }, ctx) => {
      if (from && to && from > to) addFieldError(ctx, "from-day", errors.order);
    }, evenWithFieldErrors)
    .transform(({ nhsNumber, userId, action, from, to }) => {
      const filter: AuditFilter = { limit: AUDIT_LIMIT };
      if (nhsNumber) filter.patientNhsNumber = nhsNumber;
      if (userId) filter.userId = userId;
      if (action) filter.action = action;
      if (from) filter.from = `${from}T00:00:00.000Z`;
      if (to) filter.to = `${to}T23:59:59.999Z`;
      return filter;
    }),
);

export function validateAuditFilter(form: Partial<FormValues>): { kind: "valid"; filter: AuditFilter } | { kind: "invalid"; errors: FieldError[] } {
  const validated = validateForm(auditFilterSchema, form);
  return validated.kind === "valid" ? { kind: "valid", filter: validated.value } : validated;
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
