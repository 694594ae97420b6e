import { z } from "zod";
import * as content from "@/lib/content/referrals";
import { addFieldError, oneOf, text, validateForm, type FieldError } from "@/lib/forms";
import { SERVICE_TYPES, type ServiceSearchField, type ServiceSearchQuery, type ServiceType } from "@/lib/nhs/service-search/query";
import { REASON_FIELD_ID, SEARCH_FIELD_IDS } from "./refer-fields";

export { REASON_FIELD_ID, SEARCH_FIELD_IDS, SERVICE_TYPES, type ServiceSearchField, type ServiceSearchQuery, type ServiceType };

const errors = content.refer.errors;
const MAX_SEARCH = 60;
const SEARCH_TEXT = /^[A-Za-z0-9 '&-]+$/;
const ODS_CODE = /^[A-Za-z0-9]{3,10}$/;
/** A whole postcode or its start: area letters, then optionally district and sector, as people type it. */
const POSTCODE_START = /^[A-Za-z]{1,2}(\d[A-Za-z\d]?(\s*\d([A-Za-z]{1,2})?)?)?$/;

export type ServiceSearchFormResult = { kind: "valid"; query: ServiceSearchQuery } | { kind: "invalid"; errors: FieldError[] };

function searchProblem(field: ServiceSearchField, typed: string): string | null {
  if (!typed) return errors.empty;
  if (typed.length > MAX_SEARCH) return errors.long;
  if (field === "ods" && !ODS_CODE.test(typed)) return errors.ods;
  if (field === "postcode" && !POSTCODE_START.test(typed)) return errors.postcode;
  if (!SEARCH_TEXT.test(typed)) return errors.characters;
  return null;
}

/** Checks a Service Search before it is sent, so a typo gets a message rather than an empty list: the first problem only. */
export const serviceSearchSchema = z
  .object({
    [SEARCH_FIELD_IDS.field]: oneOf(["ods", "postcode"] as const).transform((chosen): ServiceSearchField => chosen ?? "name"),
    [SEARCH_FIELD_IDS.text]: text.transform((typed) => typed.replace(/\s+/g, " ")),
    [SEARCH_FIELD_IDS.type]: oneOf(SERVICE_TYPES).transform((type): ServiceType | null => type ?? null),
  })
  .superRefine(({ searchBy: field, searchText: typed }, ctx) => {
    const problem = searchProblem(field, typed);
    if (problem) addFieldError(ctx, SEARCH_FIELD_IDS.text, problem);
  })
  .transform(
    ({ searchBy: field, searchText: typed, serviceType: type }): ServiceSearchQuery => ({ field, text: field === "ods" ? typed.toUpperCase() : typed, type }),
  );

export function validateServiceSearch(form: Partial<Record<string, string>>): ServiceSearchFormResult {
  const validated = validateForm(serviceSearchSchema, form);
  return validated.kind === "valid" ? { kind: "valid", query: validated.value } : validated;
}

export type ReasonResult = { kind: "valid"; reason: string } | { kind: "invalid"; errors: FieldError[] };

export const referralReasonSchema = z.object({
  [REASON_FIELD_ID]: z
    .string()
    .transform((typed) => typed.replace(/\r\n/g, "\n").trim())
    .pipe(z.string().min(1, errors.reasonEmpty).max(content.refer.reasonMax, errors.reasonLong(content.refer.reasonMax))),
});

export function validateReferralReason(raw: string): ReasonResult {
  const validated = validateForm(referralReasonSchema, { [REASON_FIELD_ID]: raw });
  return validated.kind === "valid" ? { kind: "valid", reason: validated.value[REASON_FIELD_ID] } : validated;
}
