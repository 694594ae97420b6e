import { z } from "zod";
import * as content from "@/lib/content";
import { formatFhirDate, formatGender, parseNhsNumberInput, type AdministrativeGender } from "@/lib/format";
import { parsePrescriptionIdInput } from "@/lib/format/prescription-id";
import {
  addFieldError,
  dailySchema,
  dateGiven,
  dateInputs,
  dateParts,
  evenWithFieldErrors,
  nhsDate,
  parseField,
  text,
  validateForm,
  type FieldError,
  type FormValues,
  type Validated,
} from "@/lib/forms";
import type { PatientSearchCriteria } from "@/lib/nhs/pds/client";

/** Validates the search forms before any call to PDS, field by field, in the order they appear. */

export type SearchFormResult = { kind: "valid"; criteria: PatientSearchCriteria; summary: string[] } | { kind: "invalid"; errors: FieldError[] };

const MAX_RESULTS = 10;
const NAME = /^[A-Za-zÀ-ÖØ-öø-ÿ' -]+$/;
const NAME_WITH_WILDCARD = /^[A-Za-zÀ-ÖØ-öø-ÿ' *-]+$/;
const POSTCODE = /^[A-Z]{1,2}\d[A-Z\d]?\s*\d[A-Z]{2}$/i;
const POSTCODE_WILDCARD = /^[A-Z\d ]{2,7}\*$/i;
const GP_PRACTICE = /^[A-Z0-9]{3,6}$/;
const GENDERS: AdministrativeGender[] = ["female", "male", "other", "unknown"];
const errors = content.findPatient.fieldErrors;
const labels = content.findPatient.fields;

/** The NHS number and prescription ID searches: one field each, with the id its page gives the input. */
export const NHS_NUMBER_FIELD_ID = "nhs-number";
export const PRESCRIPTION_ID_FIELD_ID = "prescription-id";

export const nhsNumberSearchSchema = z.object({
  nhsNumber: z.string().transform((raw, ctx) => {
    const parsed = parseNhsNumberInput(raw);
    if (parsed.kind === "valid") return parsed.nhsNumber;
    addFieldError(ctx, NHS_NUMBER_FIELD_ID, content.findPatient.nhsNumberErrors[parsed.problem]);
    return z.NEVER;
  }),
});

export const prescriptionIdSearchSchema = z.object({
  prescriptionId: z.string().transform((raw, ctx) => {
    const parsed = parsePrescriptionIdInput(raw);
    if (parsed.kind === "valid") return parsed.prescriptionId;
    addFieldError(ctx, PRESCRIPTION_ID_FIELD_ID, content.findPatient.prescription.errors[parsed.problem]);
    return z.NEVER;
  }),
});

/** A name as typed, trimmed; undefined when empty or refused. */
function personName(label: string, { required = false, wildcards }: { required?: boolean; wildcards: boolean }) {
  return text.transform((value, ctx): string | undefined => {
    const problem = (message: string) => ctx.addIssue({ code: "custom", message });
    if (!value) {
      if (required) problem(errors.familyMissing);
      return undefined;
    }
    if (value.length > 35) problem(errors.nameTooLong(label));
    else if (value.includes("*") && !wildcards) problem(errors.wildcardInBasic);
    else if (!(wildcards ? NAME_WITH_WILDCARD : NAME).test(value)) problem(errors.nameCharacters(label));
    else if (value.indexOf("*") > -1 && value.indexOf("*") < 2) problem(errors.wildcardTooEarly);
    else return value;
    return undefined;
  });
}

const gender = text.transform((value) => GENDERS.find((candidate) => candidate === value));

/** A postcode, upper-cased: a whole one with single spaces, or (wildcards) its start and a * with no spaces. */
function postcode(wildcards: boolean) {
  return text.transform((typed, ctx): string | undefined => {
    const value = typed.toUpperCase();
    if (!value) return undefined;
    if (POSTCODE.test(value)) return value.replace(/\s+/g, " ");
    if (wildcards && POSTCODE_WILDCARD.test(value)) return value.replace(/\s+/g, "");
    ctx.addIssue({ code: "custom", message: wildcards ? errors.postcodeWildcard : errors.postcode });
    return undefined;
  });
}

const gpPractice = text.transform((value) => value.toUpperCase()).refine((value) => !value || GP_PRACTICE.test(value), errors.gp);

const checkbox = text.transform((value) => value === "on");

/** An exact date of birth (dob) or a range (dobFrom, dobTo), not both: the PDS birthdate parameters. */
function birthdates(today: Date) {
  const required = (label: string) => nhsDate({ label, required: true, latest: today });
  return z.object({ dob: dateParts, dobFrom: dateParts, dobTo: dateParts }).transform(({ dob, dobFrom, dobTo }, ctx) => {
    const birthdate: string[] = [];
    const rangeGiven = dateGiven(dobFrom) || dateGiven(dobTo);
    if (rangeGiven && dateGiven(dob)) {
      addFieldError(ctx, "dob-day", errors.exactOrRange);
    } else if (rangeGiven) {
      // error messages name the field as a person would say it, not by its label
      const from = parseField(ctx, "dobFrom", required("Earliest date of birth"), dobFrom);
      const to = parseField(ctx, "dobTo", required("Latest date of birth"), dobTo);
      if (from && to && from > to) addFieldError(ctx, "dobFrom-day", errors.rangeOrder);
      if (from) birthdate.push(`ge${from}`);
      if (to) birthdate.push(`le${to}`);
    } else {
      const exact = parseField(ctx, "dob", required(labels.dob), dob);
      if (exact) birthdate.push(`eq${exact}`);
    }
    return birthdate;
  });
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

const searched = (criteria: PatientSearchCriteria) => ({ criteria, summary: summaryOf(criteria) });

// once the form is valid, its required fields have values
export const basicSearchSchema = dailySchema((today) =>
  z.preprocess(
    (form: Partial<FormValues>) => ({ ...form, ...dateInputs(form, "dob") }),
    z
      .object({
        family: personName(labels.family, { required: true, wildcards: false }),
        given: personName("First name", { wildcards: false }),
        gender,
        dob: nhsDate({ label: labels.dob, required: true, latest: today }),
        postcode: postcode(false),
      })
      .transform(({ family, given, gender, dob, postcode }) =>
        searched({ family: family!, given, gender, birthdate: [`eq${dob!}`], postcode, maxResults: MAX_RESULTS }),
      ),
  ),
);

export const advancedSearchSchema = dailySchema((today) =>
  z.preprocess(
    (form: Partial<FormValues>) => ({ ...form, birthdate: dateInputs(form, "dob", "dobFrom", "dobTo"), ...dateInputs(form, "dod") }),
    z
      .object({
        family: personName(labels.family, { required: true, wildcards: true }),
        given: personName("First name", { wildcards: true }),
        gender,
        birthdate: birthdates(today),
        postcode: postcode(true),
        gp: gpPractice,
        dod: nhsDate({ label: "Date of death", latest: today }),
        fuzzy: checkbox,
        exact: checkbox,
        history: checkbox,
      })
      .superRefine(({ family, given, postcode, fuzzy, exact }, ctx) => {
        const usesWildcard = [family, given, postcode].some((value) => value?.includes("*"));
        if (fuzzy && usesWildcard) addFieldError(ctx, "fuzzy", errors.fuzzyWithWildcard);
        if (fuzzy && exact) addFieldError(ctx, "fuzzy", errors.fuzzyWithExact);
      }, evenWithFieldErrors)
      .transform(({ family, given, gender, birthdate, postcode, gp, dod, fuzzy, exact, history }) =>
        searched({
          family: family!,
          given,
          gender,
          birthdate,
          postcode,
          gpOdsCode: gp || undefined,
          deathDate: dod ? [`eq${dod}`] : undefined,
          fuzzy,
          exact,
          history,
          maxResults: MAX_RESULTS,
        }),
      ),
  ),
);

const searchResult = (validated: Validated<{ criteria: PatientSearchCriteria; summary: string[] }>): SearchFormResult =>
  validated.kind === "valid" ? { kind: "valid", ...validated.value } : validated;

export function validateBasicSearch(form: Partial<FormValues>, today = new Date()): SearchFormResult {
  return searchResult(validateForm(basicSearchSchema(today), form));
}

export function validateAdvancedSearch(form: Partial<FormValues>, today = new Date()): SearchFormResult {
  return searchResult(validateForm(advancedSearchSchema(today), form));
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
