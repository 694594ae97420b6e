import { z } from "zod";
import * as content from "@/lib/content";
import {
  addFieldError,
  dailySchema,
  dateInputs,
  dateParts,
  FAR_FUTURE,
  nhsDate,
  parseField,
  text,
  validateForm,
  type FieldError,
  type FormValues,
} from "@/lib/forms";
import type { JsonPatchOperation, PatientRecord, RecordAddress, RecordContactPoint } from "@/lib/nhs/pds/client";

/** What the contact details form edits. Every value is a plain string; "" means none. */
export interface ContactValues {
  homePhone: string;
  mobilePhone: string;
  email: string;
  tempLine1: string;
  tempLine2: string;
  tempTown: string;
  tempPostcode: string;
  tempFrom: string;
  tempUntil: string;
}

export const CONTACT_FIELDS = [
  "homePhone",
  "mobilePhone",
  "email",
  "tempLine1",
  "tempLine2",
  "tempTown",
  "tempPostcode",
  "tempFrom-day",
  "tempFrom-month",
  "tempFrom-year",
  "tempUntil-day",
  "tempUntil-month",
  "tempUntil-year",
] as const;

const PHONE = /^(?:\+44|0)\d{9,10}$/;
const EMAIL = /^[^\s@]{1,64}@[^\s@]{1,185}\.[^\s@]{2,}$/;
const POSTCODE = /^[A-Z]{1,2}\d[A-Z\d]?\s*\d[A-Z]{2}$/i;
const errors = content.patient.updateContact.errors;

const phone = (entry: RecordContactPoint, use: string) => entry.system === "phone" && entry.use === use;

function current(record: PatientRecord) {
  return {
    homePhone: record.telecom.find((entry) => phone(entry, "home")),
    mobilePhone: record.telecom.find((entry) => phone(entry, "mobile")),
    email: record.telecom.find((entry) => entry.system === "email"),
    temporary: record.temporaryAddress,
  };
}

/** The record's contact details as the form shows them. */
export function contactValuesOf(record: PatientRecord): ContactValues {
  const { homePhone, mobilePhone, email, temporary } = current(record);
  return {
    homePhone: homePhone?.value ?? "",
    mobilePhone: mobilePhone?.value ?? "",
    email: email?.value ?? "",
    // PDS holds up to five lines; the form shows the first, the last as the town, and the rest together
    tempLine1: temporary?.lines[0] ?? "",
    tempLine2: temporary ? temporary.lines.slice(1, -1).join(", ") : "",
    tempTown: temporary && temporary.lines.length > 1 ? temporary.lines[temporary.lines.length - 1] : "",
    tempPostcode: temporary?.postalCode ?? "",
    tempFrom: temporary?.period?.start?.slice(0, 10) ?? "",
    tempUntil: temporary?.period?.end?.slice(0, 10) ?? "",
  };
}

/** The form's fields as the date inputs need them. */
export function contactFormFields(values: ContactValues): Record<string, string> {
  const split = (date: string, prefix: string) => {
    const [year, month, day] = date ? date.split("-") : ["", "", ""];
    return { [`${prefix}-day`]: day ? String(Number(day)) : "", [`${prefix}-month`]: month ? String(Number(month)) : "", [`${prefix}-year`]: year ?? "" };
  };
  return {
    homePhone: values.homePhone,
    mobilePhone: values.mobilePhone,
    email: values.email,
    tempLine1: values.tempLine1,
    tempLine2: values.tempLine2,
    tempTown: values.tempTown,
    tempPostcode: values.tempPostcode,
    ...split(values.tempFrom, "tempFrom"),
    ...split(values.tempUntil, "tempUntil"),
  };
}

export type ContactFormResult = { kind: "valid"; values: ContactValues } | { kind: "invalid"; errors: FieldError[] };

/** A UK phone number without its spaces, brackets and hyphens. */
const phoneNumber = text.transform((typed) => typed.replace(/[\s()-]/g, "")).refine((compact) => !compact || PHONE.test(compact), errors.phone);

const emailAddress = text.transform((typed) => typed.toLowerCase()).refine((email) => !email || (EMAIL.test(email) && email.length <= 254), errors.email);

// a temporary address may start and end in the future, so only the real-date checks apply
const stayingFrom = nhsDate({ label: "The date the patient is staying from", latest: FAR_FUTURE });
const stayingUntil = nhsDate({ label: "The date the patient is staying until", latest: FAR_FUTURE });

/** The temporary address: all or nothing, its dates optional (from today, open-ended), normalised for PDS. */
function temporaryAddress(today: Date) {
  return z
    .object({ tempLine1: text, tempLine2: text, tempTown: text, tempPostcode: text, tempFrom: dateParts, tempUntil: dateParts })
    .transform(({ tempLine1: line1, tempLine2: line2, tempTown: town, tempPostcode: postcode, tempFrom, tempUntil }, ctx) => {
      if (![line1, line2, town, postcode].some(Boolean)) return { tempLine1: "", tempLine2: "", tempTown: "", tempPostcode: "", tempFrom: "", tempUntil: "" };
      if (!line1 || !town || !postcode) addFieldError(ctx, !line1 ? "tempLine1" : !town ? "tempTown" : "tempPostcode", errors.addressIncomplete);
      else if (!POSTCODE.test(postcode)) addFieldError(ctx, "tempPostcode", content.findPatient.fieldErrors.postcode);
      if ([line1, line2, town].some((line) => line.length > 35)) addFieldError(ctx, "tempLine1", errors.addressLine);
      const from = parseField(ctx, "tempFrom", stayingFrom, tempFrom) ?? today.toISOString().slice(0, 10);
      const until = parseField(ctx, "tempUntil", stayingUntil, tempUntil) ?? "";
      if (until && until <= from) addFieldError(ctx, "tempUntil-day", errors.dates);
      return {
        tempLine1: line1,
        tempLine2: line2,
        tempTown: town,
        tempPostcode: postcode.toUpperCase().replace(/\s+/g, " "),
        tempFrom: from,
        tempUntil: until,
      };
    });
}

export const contactFormSchema = dailySchema((today) =>
  z.preprocess(
    (form: Partial<FormValues>) => ({ ...form, address: { ...form, ...dateInputs(form, "tempFrom", "tempUntil") } }),
    z
      .object({ homePhone: phoneNumber, mobilePhone: phoneNumber, email: emailAddress, address: temporaryAddress(today) })
      .transform(({ address, ...contact }): ContactValues => ({ ...contact, ...address })),
  ),
);

export function validateContactForm(form: Partial<FormValues>, today = new Date()): ContactFormResult {
  const validated = validateForm(contactFormSchema(today), form);
  return validated.kind === "valid" ? { kind: "valid", values: validated.value } : validated;
}

function testOf(list: "telecom" | "address", item: { index: number; id: string | null }): JsonPatchOperation {
  return { op: "test", path: `/${list}/${item.index}/id`, value: item.id };
}

/**
 * The JSON Patch that turns the record's contact details into the form's, following PDS's rules: a
 * list item is tested by its id before it is replaced or removed, removals go from the end so that
 * earlier indexes stay right, and new items are appended. Returns null when nothing changed.
 */
export function contactPatches(record: PatientRecord, wanted: ContactValues): { patches: JsonPatchOperation[] } | { problem: "no-id" } | null {
  const existing = current(record);
  const replacements: JsonPatchOperation[] = [];
  const removals: Array<{ list: "telecom" | "address"; item: RecordContactPoint | RecordAddress }> = [];
  const additions: JsonPatchOperation[] = [];

  const telecom = (item: RecordContactPoint | undefined, value: string, create: { system: string; use: string }) => {
    if (item && !item.id && item.value !== value) return false;
    if (item && value && item.value !== value) replacements.push(testOf("telecom", item), { op: "replace", path: `/telecom/${item.index}/value`, value });
    else if (item && !value) removals.push({ list: "telecom", item });
    else if (!item && value) additions.push({ op: "add", path: "/telecom/-", value: { ...create, value } });
    return true;
  };
  const ok = [
    telecom(existing.homePhone, wanted.homePhone, { system: "phone", use: "home" }),
    telecom(existing.mobilePhone, wanted.mobilePhone, { system: "phone", use: "mobile" }),
    telecom(existing.email, wanted.email, { system: "email", use: "home" }),
  ].every(Boolean);
  if (!ok) return { problem: "no-id" };

  const temporary = existing.temporary;
  const wantedLines = [wanted.tempLine1, wanted.tempLine2, wanted.tempTown].filter(Boolean);
  const wantedAddress = wanted.tempLine1
    ? {
        use: "temp",
        line: wantedLines,
        postalCode: wanted.tempPostcode,
        period: { start: wanted.tempFrom, ...(wanted.tempUntil ? { end: wanted.tempUntil } : {}) },
      }
    : null;
  // compared as the form showed it, so an address the user did not touch is not rewritten
  const shown = contactValuesOf(record);
  const addressFields = ["tempLine1", "tempLine2", "tempTown", "tempPostcode", "tempFrom", "tempUntil"] as const;
  const unchanged = Boolean(temporary && wantedAddress && addressFields.every((name) => shown[name] === wanted[name]));
  if (temporary && !temporary.id && (!wantedAddress || !unchanged)) return { problem: "no-id" };
  if (temporary && wantedAddress && !unchanged) {
    replacements.push(testOf("address", temporary), { op: "replace", path: `/address/${temporary.index}`, value: { id: temporary.id, ...wantedAddress } });
  } else if (temporary && !wantedAddress) {
    removals.push({ list: "address", item: temporary });
  } else if (!temporary && wantedAddress) {
    additions.push({ op: "add", path: "/address/-", value: wantedAddress });
  }

  const orderedRemovals = removals
    .sort((a, b) => (a.list === b.list ? b.item.index - a.item.index : a.list.localeCompare(b.list)))
    .flatMap(({ list, item }): JsonPatchOperation[] => [testOf(list, item), { op: "remove", path: `/${list}/${item.index}` }]);
  const patches = [...replacements, ...orderedRemovals, ...additions];
  return patches.length ? { patches } : null;
}
