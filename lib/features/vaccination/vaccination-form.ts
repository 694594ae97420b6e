import { z } from "zod";
import { vaccination as content } from "@/lib/content/vaccination";
import {
  addFieldError,
  dateInputs,
  dateParts,
  FAR_FUTURE,
  nhsDate,
  oneOf,
  parseField,
  text,
  validateForm,
  type FieldError,
  type FormValues,
} from "@/lib/forms";
import type { DoseUnit } from "@/lib/nhs/immunisation/resource";
import { VACCINE_TYPES, type SnomedConcept, type VaccineType } from "@/lib/nhs/immunisation/vaccine-types";
import { CONSENT_GIVEN, DOSE_UNIT_CHOICES, VACCINATION_FIELD_IDS as F } from "./vaccination-fields";

const errors = content.errors;

/** What the form's checks depend on besides what was typed: the time, the patient, and the Terminology Server's lists. */
export interface VaccinationFormContext {
  now: Date;
  /** The vaccine types this service records (its settings, as NHS England granted the application). */
  recordableTypes: readonly VaccineType[];
  patient: { birthDate: string | null; deathDate: string | null };
  /** The chosen type's products (code → preferred term); null when the Terminology Server could not be reached. */
  products: ReadonlyMap<string, string> | null;
  sites: ReadonlyMap<string, string> | null;
  routes: ReadonlyMap<string, string> | null;
}

/** A vaccination as the form gives it, every value checked. */
export interface VaccinationValues {
  vaccineType: VaccineType;
  product: SnomedConcept;
  batch: string;
  /** yyyy-mm-dd */
  expiry: string;
  doseNumber: number;
  dose: { value: number; unit: DoseUnit };
  site: SnomedConcept;
  route: SnomedConcept;
  /** When it was given, as an ISO date-time with the UK offset of that moment. */
  givenAt: string;
  consented: true;
}

const BATCH = /^[A-Za-z0-9][A-Za-z0-9 ./-]*$/;
const DOSE_NUMBER = /^[0-9]{1,2}$/;
const DOSE_AMOUNT = /^(?:[0-9]{1,2}(?:\.[0-9]{1,3})?|\.[0-9]{1,3})$/;
const TIME = /^([01]?[0-9]|2[0-3]):([0-5][0-9])$/;

const LONDON_OFFSET = new Intl.DateTimeFormat("en-GB", { timeZone: "Europe/London", timeZoneName: "shortOffset" });

/** The UK's offset from UTC at a wall-clock time in London, as "+01:00" or "+00:00". */
export function londonOffset(date: string, time: string): string {
  const guess = new Date(`${date}T${time}:00Z`);
  const offsetAt = (instant: Date) => {
    const name = LONDON_OFFSET.formatToParts(instant).find((part) => part.type === "timeZoneName")?.value;
    const match = /GMT([+-]\d{1,2})?(?::(\d{2}))?/.exec(name ?? "");
    return match?.[1] ? Number(match[1]) * 60 + Math.sign(Number(match[1])) * Number(match[2] ?? 0) : 0;
  };
  // the offset at the moment the wall-clock time names (checked again after shifting, for the hour clocks change)
  const minutes = offsetAt(new Date(guess.getTime() - offsetAt(guess) * 60_000));
  const sign = minutes < 0 ? "-" : "+";
  const whole = Math.abs(minutes);
  return `${sign}${String(Math.floor(whole / 60)).padStart(2, "0")}:${String(whole % 60).padStart(2, "0")}`;
}

function chosenConcept(
  ctx: z.RefinementCtx,
  fieldId: string,
  code: string,
  list: ReadonlyMap<string, string> | null,
  messages: { missing: string; unknown: string; unavailable: string },
): SnomedConcept | undefined {
  if (!code) return void addFieldError(ctx, fieldId, messages.missing);
  if (!list) return void addFieldError(ctx, fieldId, messages.unavailable);
  const display = list.get(code);
  if (!display) return void addFieldError(ctx, fieldId, messages.unknown);
  return { code, display };
}

/**
 * The vaccination form's checks, in the order the page shows the fields: each problem against its field, for the
 * NHS error summary. A product must be one of the chosen type's (as the Terminology Server lists them), a site and
 * route from their lists; the batch must not have expired by the day it was given; the time given must be past,
 * and not before the patient's birth nor after their death.
 */
export function vaccinationFormSchema(context: VaccinationFormContext) {
  const today = context.now;
  return z
    .object({
      [F.vaccineType]: oneOf(VACCINE_TYPES),
      [F.product]: text,
      [F.batch]: text,
      [F.expiry]: dateParts,
      [F.doseNumber]: text,
      [F.doseAmount]: text,
      [F.doseUnit]: oneOf(DOSE_UNIT_CHOICES),
      [F.site]: text,
      [F.route]: text,
      [F.given]: dateParts,
      [F.givenTime]: text,
      [F.consent]: text,
    })
    .transform((raw, ctx): VaccinationValues => {
      const type = raw.vaccineType;
      const recordable = type !== undefined && context.recordableTypes.includes(type);
      if (!type) addFieldError(ctx, F.vaccineType, errors.typeMissing);
      else if (!recordable) addFieldError(ctx, F.vaccineType, errors.typeNotRecordable(content.typeNames[type]));

      let product: SnomedConcept | undefined;
      if (!raw.product) addFieldError(ctx, F.product, errors.productMissing);
      else if (type && recordable) {
        product = chosenConcept(ctx, F.product, raw.product, context.products, {
          missing: errors.productMissing,
          unknown: errors.productNotOfType(content.typeNames[type]),
          unavailable: errors.productsUnavailable,
        });
      }

      if (!raw.batch) addFieldError(ctx, F.batch, errors.batchMissing);
      else if (raw.batch.length > 100) addFieldError(ctx, F.batch, errors.batchLong);
      else if (!BATCH.test(raw.batch)) addFieldError(ctx, F.batch, errors.batchCharacters);

      const expiry = parseField(ctx, F.expiry, nhsDate({ label: content.labels.expiry, required: true, latest: FAR_FUTURE }), raw.expiry);

      let doseNumber: number | undefined;
      if (!raw.doseNumber) addFieldError(ctx, F.doseNumber, errors.doseNumberMissing);
      else if (!DOSE_NUMBER.test(raw.doseNumber) || Number(raw.doseNumber) < 1 || Number(raw.doseNumber) > 9)
        addFieldError(ctx, F.doseNumber, errors.doseNumberRange);
      else doseNumber = Number(raw.doseNumber);

      let doseValue: number | undefined;
      if (!raw.doseAmount) addFieldError(ctx, F.doseAmount, errors.doseAmountMissing);
      else if (!DOSE_AMOUNT.test(raw.doseAmount) || !(Number(raw.doseAmount) > 0)) addFieldError(ctx, F.doseAmount, errors.doseAmountFormat);
      else if (Number(raw.doseAmount) > 10) addFieldError(ctx, F.doseAmount, errors.doseAmountRange);
      else doseValue = Number(raw.doseAmount);
      if (!raw.doseUnit) addFieldError(ctx, F.doseUnit, errors.doseUnitMissing);

      const site = chosenConcept(ctx, F.site, raw.site, context.sites, {
        missing: errors.siteMissing,
        unknown: errors.siteUnknown,
        unavailable: errors.listUnavailable,
      });
      const route = chosenConcept(ctx, F.route, raw.route, context.routes, {
        missing: errors.routeMissing,
        unknown: errors.routeUnknown,
        unavailable: errors.listUnavailable,
      });

      const given = parseField(ctx, F.given, nhsDate({ label: content.labels.given, required: true, latest: today }), raw.given);
      const time = TIME.exec(raw.givenTime);
      if (!raw.givenTime) addFieldError(ctx, F.givenTime, errors.timeMissing);
      else if (!time) addFieldError(ctx, F.givenTime, errors.timeFormat);
      let givenAt: string | undefined;
      if (given) {
        if (context.patient.birthDate && given < context.patient.birthDate) addFieldError(ctx, `${F.given}-day`, errors.givenBeforeBirth);
        else if (context.patient.deathDate && given > context.patient.deathDate.slice(0, 10)) addFieldError(ctx, `${F.given}-day`, errors.givenAfterDeath);
        else if (time) {
          const clock = `${time[1]!.padStart(2, "0")}:${time[2]}`;
          const at = `${given}T${clock}:00${londonOffset(given, clock)}`;
          if (Date.parse(at) > today.getTime()) addFieldError(ctx, F.givenTime, errors.givenInFuture);
          else givenAt = at;
        }
        if (expiry && expiry < given) addFieldError(ctx, `${F.expiry}-day`, errors.expiredBatch);
      }

      if (raw.consent !== CONSENT_GIVEN) addFieldError(ctx, F.consent, errors.consentMissing);

      if (!type || !product || !expiry || doseNumber === undefined || doseValue === undefined || !raw.doseUnit || !site || !route || !givenAt) return z.NEVER;
      return {
        vaccineType: type,
        product,
        batch: raw.batch,
        expiry,
        doseNumber,
        dose: { value: doseValue, unit: raw.doseUnit },
        site,
        route,
        givenAt,
        consented: true,
      };
    });
}

export type VaccinationFormResult = { kind: "valid"; values: VaccinationValues } | { kind: "invalid"; errors: FieldError[] };

/** Building a schema costs far more than running it: one per context. */
const schemas = new WeakMap<VaccinationFormContext, ReturnType<typeof vaccinationFormSchema>>();

/** The vaccination form, posted: its values checked, or its problems for the NHS error summary, each linked to its field. */
export function validateVaccination(values: Partial<FormValues>, context: VaccinationFormContext): VaccinationFormResult {
  let schema = schemas.get(context);
  if (!schema) schemas.set(context, (schema = vaccinationFormSchema(context)));
  const validated = validateForm(schema, { ...values, ...dateInputs(values, F.expiry, F.given) });
  return validated.kind === "valid" ? { kind: "valid", values: validated.value } : validated;
}
