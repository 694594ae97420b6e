import * as content from "@/lib/content";
import { formatFhirDate, formatGender, type AdministrativeGender } from "@/lib/format";
import type { PatientSearchCriteria } from "@/lib/nhs/pds/client";

/** Validates the search forms before any call to PDS, field by field, in the order they appear. */

export interface FieldError {
  fieldId: string;
  message: string;
}

export type SearchFormResult =
  | { kind: "valid"; criteria: PatientSearchCriteria; summary: string[] }
  | { kind: "invalid"; errors: FieldError[] };

const MAX_RESULTS = 10;
const NAME = /^[A-Za-zÀ-ÖØ-öø-ÿ' -]+$/;
const NAME_WITH_WILDCARD = /^[A-Za-zÀ-ÖØ-öø-ÿ' *-]+$/;
const POSTCODE = /^[A-Z]{1,2}\d[A-Z\d]?\s*\d[A-Z]{2}$/i;
const POSTCODE_WILDCARD = /^[A-Z\d ]{2,7}\*$/i;
const GENDERS: AdministrativeGender[] = ["female", "male", "other", "unknown"];
const errors = content.findPatient.fieldErrors;
const labels = content.findPatient.fields;

type Form = Record<string, string>;

const field = (form: Form, name: string) => (form[name] ?? "").trim();

function name(form: Form, key: string, label: string, required: boolean, wildcards: boolean, found: FieldError[]): string | undefined {
  const value = field(form, key);
  if (!value) {
    if (required) found.push({ fieldId: key, message: errors.familyMissing });
    return undefined;
  }
  if (value.length > 35) found.push({ fieldId: key, message: errors.nameTooLong(label) });
  else if (value.includes("*") && !wildcards) found.push({ fieldId: key, message: errors.wildcardInBasic });
  else if (!(wildcards ? NAME_WITH_WILDCARD : NAME).test(value)) found.push({ fieldId: key, message: errors.nameCharacters(label) });
  else if (value.indexOf("*") > -1 && value.indexOf("*") < 2) found.push({ fieldId: key, message: errors.wildcardTooEarly });
  else return value;
  return undefined;
}

/** Reads an NHS date input (prefix-day, prefix-month, prefix-year) into yyyy-mm-dd. */
export function dateField(form: Form, prefix: string, label: string, required: boolean, found: FieldError[], today = new Date()): string | undefined {
  const [day, month, year] = ["day", "month", "year"].map((part) => field(form, `${prefix}-${part}`));
  if (!day && !month && !year) {
    if (required) found.push({ fieldId: `${prefix}-day`, message: errors.dateMissing(label) });
    return undefined;
  }
  const missing = !day ? "day" : !month ? "month" : !year ? "year" : null;
  if (missing) {
    found.push({ fieldId: `${prefix}-${missing}`, message: errors.dateIncomplete(label, missing) });
    return undefined;
  }
  if (!/^\d{1,2}$/.test(day) || !/^\d{1,2}$/.test(month) || !/^\d{4}$/.test(year)) {
    found.push({ fieldId: `${prefix}-day`, message: errors.dateNotReal(label) });
    return undefined;
  }
  const date = new Date(Date.UTC(Number(year), Number(month) - 1, Number(day)));
  if (date.getUTCDate() !== Number(day) || date.getUTCMonth() !== Number(month) - 1 || Number(year) < 1880) {
    found.push({ fieldId: `${prefix}-day`, message: errors.dateNotReal(label) });
    return undefined;
  }
  const iso = date.toISOString().slice(0, 10);
  if (iso > today.toISOString().slice(0, 10)) {
    found.push({ fieldId: `${prefix}-day`, message: errors.dateInFuture(label) });
    return undefined;
  }
  return iso;
}

function gender(form: Form): AdministrativeGender | undefined {
  const value = field(form, "gender");
  return GENDERS.find((candidate) => candidate === value);
}

function postcode(form: Form, wildcards: boolean, found: FieldError[]): string | undefined {
  const value = field(form, "postcode").toUpperCase();
  if (!value) return undefined;
  if (POSTCODE.test(value)) return value.replace(/\s+/g, " ");
  if (wildcards && POSTCODE_WILDCARD.test(value)) return value.replace(/\s+/g, "");
  found.push({ fieldId: "postcode", message: wildcards ? errors.postcodeWildcard : errors.postcode });
  return undefined;
}

function summaryOf(criteria: PatientSearchCriteria): string[] {
  const parts = [criteria.given ? `${criteria.given} ${criteria.family}` : criteria.family];
  if (criteria.gender) parts.push(formatGender(criteria.gender) ?? criteria.gender);
  for (const date of criteria.birthdate) {
    const [comparator, value] = [date.slice(0, 2), date.slice(2)];
    const formatted = formatFhirDate(value) ?? value;
    parts.push(comparator === "eq" ? `born ${formatted}` : comparator === "ge" ? `born on or after ${formatted}` : `born on or before ${formatted}`);
  }
  if (criteria.postcode) parts.push(`postcode ${criteria.postcode}`);
  if (criteria.gpOdsCode) parts.push(`GP practice ${criteria.gpOdsCode}`);
  for (const date of criteria.deathDate ?? []) parts.push(`died ${formatFhirDate(date.slice(2)) ?? date}`);
  if (criteria.fuzzy) parts.push("similar names");
  if (criteria.exact) parts.push("exact match");
  if (criteria.history) parts.push("including historic details");
  return parts;
}

export function validateBasicSearch(form: Form, today = new Date()): SearchFormResult {
  const found: FieldError[] = [];
  const family = name(form, "family", labels.family, true, false, found);
  const given = name(form, "given", "First name", false, false, found);
  const birthDate = dateField(form, "dob", labels.dob, true, found, today);
  const postal = postcode(form, false, found);
  if (found.length || !family || !birthDate) return { kind: "invalid", errors: found };
  const criteria: PatientSearchCriteria = { family, given, gender: gender(form), birthdate: [`eq${birthDate}`], postcode: postal, maxResults: MAX_RESULTS };
  return { kind: "valid", criteria, summary: summaryOf(criteria) };
}

export function validateAdvancedSearch(form: Form, today = new Date()): SearchFormResult {
  const found: FieldError[] = [];
  const family = name(form, "family", labels.family, true, true, found);
  const given = name(form, "given", "First name", false, true, found);
  const birthdate: string[] = [];
  const rangeGiven = ["dobFrom", "dobTo"].some((prefix) => ["day", "month", "year"].some((part) => field(form, `${prefix}-${part}`)));
  const exactGiven = ["day", "month", "year"].some((part) => field(form, `dob-${part}`));
  if (rangeGiven && exactGiven) {
    found.push({ fieldId: "dob-day", message: errors.exactOrRange });
  } else if (rangeGiven) {
    // error messages name the field as a person would say it, not by its label
    const from = dateField(form, "dobFrom", "Earliest date of birth", true, found, today);
    const to = dateField(form, "dobTo", "Latest date of birth", true, found, today);
    if (from && to && from > to) found.push({ fieldId: "dobFrom-day", message: errors.rangeOrder });
    if (from) birthdate.push(`ge${from}`);
    if (to) birthdate.push(`le${to}`);
  } else {
    const exact = dateField(form, "dob", labels.dob, true, found, today);
    if (exact) birthdate.push(`eq${exact}`);
  }
  const postal = postcode(form, true, found);
  const gp = field(form, "gp").toUpperCase();
  if (gp && !/^[A-Z0-9]{3,6}$/.test(gp)) found.push({ fieldId: "gp", message: errors.gp });
  const died = dateField(form, "dod", "Date of death", false, found, today);
  const fuzzy = field(form, "fuzzy") === "on";
  const exact = field(form, "exact") === "on";
  const history = field(form, "history") === "on";
  const usesWildcard = [family, given, postal].some((value) => value?.includes("*"));
  if (fuzzy && usesWildcard) found.push({ fieldId: "fuzzy", message: errors.fuzzyWithWildcard });
  if (fuzzy && exact) found.push({ fieldId: "fuzzy", message: errors.fuzzyWithExact });
  if (found.length || !family || birthdate.length === 0) return { kind: "invalid", errors: found };
  const criteria: PatientSearchCriteria = {
    family,
    given,
    gender: gender(form),
    birthdate,
    postcode: postal,
    gpOdsCode: gp || undefined,
    deathDate: died ? [`eq${died}`] : undefined,
    fuzzy,
    exact,
    history,
    maxResults: MAX_RESULTS,
  };
  return { kind: "valid", criteria, summary: summaryOf(criteria) };
}

/** Only the fields the forms define are kept, each cut to a sane length. */
export function formValues(formData: FormData, names: readonly string[]): Form {
  return Object.fromEntries(names.map((key) => [key, String(formData.get(key) ?? "").slice(0, 60)]));
}

export const BASIC_FIELDS = ["family", "given", "gender", "dob-day", "dob-month", "dob-year", "postcode"] as const;
export const ADVANCED_FIELDS = [
  ...BASIC_FIELDS,
  "dobFrom-day",
  "dobFrom-month",
  "dobFrom-year",
  "dobTo-day",
  "dobTo-month",
  "dobTo-year",
  "gp",
  "dod-day",
  "dod-month",
  "dod-year",
  "fuzzy",
  "exact",
  "history",
] as const;

/**
 * A server action's form. A client can call an action with any value the wire format carries, not only
 * the form its page posts; anything else is read as an empty form, so it gets the form's own messages.
 */
export function postedForm(posted: unknown): FormData {
  return posted instanceof FormData ? posted : new FormData();
}
