import * as content from "@/lib/content";
import type { FieldError } from "../search/search-forms";
import { SERVICE_TYPES, type ServiceSearchField, type ServiceSearchQuery, type ServiceType } from "@/lib/nhs/service-search/query";

export { SERVICE_TYPES, type ServiceSearchField, type ServiceSearchQuery, type ServiceType };


const errors = content.refer.errors;
const MAX_SEARCH = 60;
const SEARCH_TEXT = /^[A-Za-z0-9 '&-]+$/;
const ODS_CODE = /^[A-Za-z0-9]{3,10}$/;
/** A whole postcode or its start: area letters, then optionally district and sector, as people type it. */
const POSTCODE_START = /^[A-Za-z]{1,2}(\d[A-Za-z\d]?(\s*\d([A-Za-z]{1,2})?)?)?$/;

export const SEARCH_FIELD_IDS = { field: "searchBy", text: "searchText", type: "serviceType" } as const;
export const REASON_FIELD_ID = "reason";

export type ServiceSearchFormResult = { kind: "valid"; query: ServiceSearchQuery } | { kind: "invalid"; errors: FieldError[] };

/** Checks a Service Search before it is sent, so a typo gets a message rather than an empty list. */
export function validateServiceSearch(form: Record<string, string>): ServiceSearchFormResult {
  const chosen = form[SEARCH_FIELD_IDS.field];
  const field: ServiceSearchField = chosen === "ods" || chosen === "postcode" ? chosen : "name";
  const text = (form[SEARCH_FIELD_IDS.text] ?? "").trim().replace(/\s+/g, " ");
  const rawType = form[SEARCH_FIELD_IDS.type] ?? "";
  const type = (SERVICE_TYPES as readonly string[]).includes(rawType) ? (rawType as ServiceType) : null;
  const problem = (message: string): ServiceSearchFormResult => ({ kind: "invalid", errors: [{ fieldId: SEARCH_FIELD_IDS.text, message }] });
  if (!text) return problem(errors.empty);
  if (text.length > MAX_SEARCH) return problem(errors.long);
  if (field === "ods" && !ODS_CODE.test(text)) return problem(errors.ods);
  if (field === "postcode" && !POSTCODE_START.test(text)) return problem(errors.postcode);
  if (!SEARCH_TEXT.test(text)) return problem(errors.characters);
  return { kind: "valid", query: { field, text: field === "ods" ? text.toUpperCase() : text, type } };
}

export type ReasonResult = { kind: "valid"; reason: string } | { kind: "invalid"; errors: FieldError[] };

export function validateReferralReason(raw: string): ReasonResult {
  const reason = raw.replace(/\r\n/g, "\n").trim();
  if (!reason) return { kind: "invalid", errors: [{ fieldId: REASON_FIELD_ID, message: errors.reasonEmpty }] };
  if (reason.length > content.refer.reasonMax) return { kind: "invalid", errors: [{ fieldId: REASON_FIELD_ID, message: errors.reasonLong(content.refer.reasonMax) }] };
  return { kind: "valid", reason };
}
