import { z } from "zod";
import * as content from "@/lib/content/find-patient";
import type { FormValues } from "./state";
import { text } from "./validate";

/**
 * The NHS date input: three boxes, `prefix-day`, `prefix-month` and `prefix-year`, checked as one field.
 * A form's schema takes it as `{ day, month, year }` under the key `prefix` (dateInputs gathers the parts
 * from the posted values), so its problems land on the box they are about: "dob-month" when the month is missing,
 * "dob-day" (the first box) when the date as a whole is missing, not real or too late.
 */

export const DATE_PARTS = ["day", "month", "year"] as const;
export type DatePart = (typeof DATE_PARTS)[number];

/** The latest date for dates that may be in the future (a temporary address, an audit or immunisation filter): only real-date checks apply. */
export const FAR_FUTURE = new Date("2100-01-01T00:00:00Z");
/** The earliest year a date may have. */
export const EARLIEST_YEAR = 1880;

const errors = content.findPatient.fieldErrors;

export type DateParts = Partial<Record<DatePart, string>>;

/** A date input's three parts, as posted, from a form's values. */
export function dateInput(values: Partial<FormValues>, prefix: string): DateParts {
  return { day: values[`${prefix}-day`], month: values[`${prefix}-month`], year: values[`${prefix}-year`] };
}

/** The date inputs `prefixes` from a form's values, each under its prefix, as a form's schema takes them. */
export function dateInputs<const P extends string>(values: Partial<FormValues>, ...prefixes: P[]): Record<P, DateParts> {
  return Object.fromEntries(prefixes.map((prefix) => [prefix, dateInput(values, prefix)])) as Record<P, DateParts>;
}

/** A date input's parts, each trimmed ("" when not posted), for rules across several dates; nhsDate checks them. */
export const dateParts = z.object({ day: text, month: text, year: text }).optional();

/** Whether anything was typed in a date input. */
export function dateGiven(parts: DateParts | undefined): boolean {
  return DATE_PARTS.some((part) => (parts?.[part] ?? "").trim() !== "");
}

/**
 * A form's schema that depends on the day (a date of birth may be today at the latest), built once for each day
 * rather than for each submission: building a schema costs far more than running it.
 */
export function dailySchema<S>(build: (today: Date) => S): (today: Date) => S {
  let built: { day: string; schema: S } | undefined;
  return (today) => {
    const day = today.toISOString().slice(0, 10);
    if (built?.day !== day) built = { day, schema: build(today) };
    return built.schema;
  };
}

export interface NhsDateOptions {
  /** How the messages name the date, as a sentence starts ("Date of birth must be a real date"). */
  label: string;
  /** Whether a date must be given; if not, three empty boxes are no date (undefined). */
  required?: boolean;
  /** The last date allowed: today for a date of birth; FAR_FUTURE when the date may be ahead. */
  latest: Date;
}

const part = (issueAt: DatePart, message: string) => ({ code: "custom" as const, message, path: [issueAt] });

/** An NHS date input, as yyyy-mm-dd, or undefined when left empty (and not required) or when it has a problem. */
export function nhsDate({ label, required = false, latest }: NhsDateOptions) {
  return dateParts.transform((parts, ctx): string | undefined => {
    const { day, month, year } = parts ?? { day: "", month: "", year: "" };
    if (!day && !month && !year) {
      if (required) ctx.addIssue(part("day", errors.dateMissing(label)));
      return undefined;
    }
    const missing = !day ? "day" : !month ? "month" : !year ? "year" : null;
    if (missing) {
      ctx.addIssue(part(missing, errors.dateIncomplete(label, missing)));
      return undefined;
    }
    if (!/^\d{1,2}$/.test(day) || !/^\d{1,2}$/.test(month) || !/^\d{4}$/.test(year)) {
      ctx.addIssue(part("day", errors.dateNotReal(label)));
      return undefined;
    }
    const date = new Date(Date.UTC(Number(year), Number(month) - 1, Number(day)));
    if (date.getUTCDate() !== Number(day) || date.getUTCMonth() !== Number(month) - 1 || Number(year) < EARLIEST_YEAR) {
      ctx.addIssue(part("day", errors.dateNotReal(label)));
      return undefined;
    }
    const iso = date.toISOString().slice(0, 10);
    if (iso > latest.toISOString().slice(0, 10)) {
      ctx.addIssue(part("day", errors.dateInFuture(label)));
      return undefined;
    }
    return iso;
  });
}
