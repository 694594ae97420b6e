import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { CLIENT_COMPONENTS } from "@/tests/client-components";
import {
  addFieldError,
  dailySchema,
  dateInputs,
  errorFor,
  evenWithFieldErrors,
  FAR_FUTURE,
  MAX_FIELD_LENGTH,
  nhsDate,
  oneOf,
  parseField,
  postedForm,
  readForm,
  text,
  validateForm,
} from "@/lib/forms";

const today = new Date("2026-11-21T12:00:00Z");

function formData(fields: Record<string, string | File>): FormData {
  const form = new FormData();
  for (const [name, value] of Object.entries(fields)) form.append(name, value);
  return form;
}

describe("readForm", () => {
  it('keeps the form\'s own fields, each cut to 60 characters, and "" for one not posted', () => {
    const posted = formData({ family: "x".repeat(100), given: "Jane", stray: "ignored" });
    expect(readForm(posted, ["family", "given", "postcode"])).toStrictEqual({ family: "x".repeat(MAX_FIELD_LENGTH), given: "Jane", postcode: "" });
  });

  it("cuts a field to its own length when the form gives one, or not at all (Infinity)", () => {
    const posted = formData({ basis: "b".repeat(50), details: "d".repeat(500), nhsNumber: "9".repeat(100) });
    expect(readForm(posted, { basis: 40, details: 400, nhsNumber: Infinity })).toStrictEqual({
      basis: "b".repeat(40),
      details: "d".repeat(400),
      nhsNumber: "9".repeat(100),
    });
  });

  it("keeps the fields in the order the form lists them", () => {
    expect(Object.keys(readForm(formData({ b: "2", a: "1" }), ["a", "b"]))).toEqual(["a", "b"]);
  });

  it("reads the first of a repeated field, and a file where text belongs as text", () => {
    const posted = formData({ reason: "first" });
    posted.append("reason", "second");
    posted.append("upload", new File(["%PDF"], "x.pdf"));
    expect(readForm(posted, ["reason", "upload"])).toStrictEqual({ reason: "first", upload: "[object File]" });
  });

  it.each([undefined, null, "family=Smith", 42, { family: "Smith" }, ["family", "Smith"]])("reads %j, which is not a form, as an empty form", (posted) => {
    expect(readForm(posted, ["family", "given"])).toStrictEqual({ family: "", given: "" });
    expect(postedForm(posted)).toBeInstanceOf(FormData);
    expect([...postedForm(posted).keys()]).toEqual([]);
  });

  it("passes a form through postedForm unchanged", () => {
    const posted = formData({ family: "Smith" });
    expect(postedForm(posted)).toBe(posted);
  });
});

describe("validateForm: each zod issue becomes a field error", () => {
  it("gives the schema's typed output when the form is valid", () => {
    const schema = z.object({ family: text, count: text.transform((value) => value.length) });
    expect(validateForm(schema, { family: "  Smith ", count: "abc" })).toStrictEqual({ kind: "valid", value: { family: "Smith", count: 3 } });
  });

  it("names the field by the issue's path, in the order the schema raised them", () => {
    const schema = z.object({
      family: text.refine((value) => value.length > 0, "Enter a last name"),
      postcode: text.refine((value) => /^[A-Z]{2}\d$/.test(value), "Enter a postcode"),
    });
    expect(validateForm(schema, {})).toStrictEqual({
      kind: "invalid",
      errors: [
        { fieldId: "family", message: "Enter a last name" },
        { fieldId: "postcode", message: "Enter a postcode" },
      ],
    });
  });

  it("joins a nested path with '-', as the parts of a date input are named", () => {
    const schema = z.object({ dob: z.object({ month: z.string().min(1, "Enter a month") }) });
    expect(validateForm(schema, { dob: { month: "" } })).toStrictEqual({ kind: "invalid", errors: [{ fieldId: "dob-month", message: "Enter a month" }] });
  });

  it("takes the field a refinement names, wherever the refinement sits", () => {
    const nested = z.object({ group: z.object({ a: text }).superRefine((_, ctx) => addFieldError(ctx, "basis-1", "Select a basis")) });
    expect(validateForm(nested, { group: { a: "x" } })).toStrictEqual({ kind: "invalid", errors: [{ fieldId: "basis-1", message: "Select a basis" }] });
    const refined = z.object({ a: text }).refine(() => false, { error: "Choose one", params: { fieldId: "reason-1" } });
    expect(validateForm(refined, {})).toStrictEqual({ kind: "invalid", errors: [{ fieldId: "reason-1", message: "Choose one" }] });
  });

  it("parseField checks one field inside a rule across fields, reporting against that field", () => {
    const date = nhsDate({ label: "Date of birth", required: true, latest: today });
    const schema = z.object({ dates: z.object({ a: z.unknown(), b: z.unknown() }) }).transform(({ dates }, ctx) => ({
      a: parseField(ctx, "dobFrom", date, dates.a as never),
      b: parseField(ctx, "dobTo", date, dates.b as never),
    }));
    expect(validateForm(schema, { dates: { a: { day: "1", month: "", year: "2010" }, b: { day: "2", month: "3", year: "2010" } } })).toStrictEqual({
      kind: "invalid",
      errors: [{ fieldId: "dobFrom-month", message: "Date of birth must include a month" }],
    });
    expect(validateForm(schema, { dates: { a: { day: "1", month: "2", year: "2010" }, b: { day: "2", month: "3", year: "2010" } } })).toStrictEqual({
      kind: "valid",
      value: { a: "2010-02-01", b: "2010-03-02" },
    });
  });

  it("evenWithFieldErrors reports a rule across fields beside the fields' own errors, a failed field being undefined", () => {
    const piece = text.transform((value, ctx) => {
      if (value === "bad") ctx.addIssue({ code: "custom", message: "Bad" });
      return value === "bad" ? undefined : value;
    });
    const seen: unknown[] = [];
    const rule = (form: { a?: string; b?: string }, ctx: z.RefinementCtx) => {
      seen.push(form.a);
      addFieldError(ctx, "b", "Across");
    };
    expect(validateForm(z.object({ a: piece, b: text }).superRefine(rule, evenWithFieldErrors), { a: "bad" })).toStrictEqual({
      kind: "invalid",
      errors: [
        { fieldId: "a", message: "Bad" },
        { fieldId: "b", message: "Across" },
      ],
    });
    expect(seen).toEqual([undefined]);
    // without it, zod skips the rule once a field's transform has failed
    expect(validateForm(z.object({ a: piece, b: text }).superRefine(rule), { a: "bad" })).toStrictEqual({
      kind: "invalid",
      errors: [{ fieldId: "a", message: "Bad" }],
    });
  });

  it('text trims and reads a missing field as ""; oneOf keeps only a listed choice, exactly as posted', () => {
    const schema = z.object({ name: text, colour: oneOf(["red", "blue"] as const) });
    expect(validateForm(schema, {})).toStrictEqual({ kind: "valid", value: { name: "" } });
    expect(validateForm(schema, { name: " Jo ", colour: "red" })).toStrictEqual({ kind: "valid", value: { name: "Jo", colour: "red" } });
    expect(validateForm(schema, { colour: " red" })).toStrictEqual({ kind: "valid", value: { name: "", colour: undefined } });
  });
});

describe("the NHS date input", () => {
  const dob = z.object({ dob: nhsDate({ label: "Date of birth", required: true, latest: today }) });
  const from = z.object({ from: nhsDate({ label: "From", latest: FAR_FUTURE }) });
  const check = (schema: z.ZodType, prefix: string, day: string, month: string, year: string) => validateForm(schema, { [prefix]: { day, month, year } });

  it("reads the three boxes as yyyy-mm-dd, trimmed", () => {
    expect(check(dob, "dob", " 2 ", "3", "2010")).toStrictEqual({ kind: "valid", value: { dob: "2010-03-02" } });
    expect(check(dob, "dob", "21", "11", "2026")).toStrictEqual({ kind: "valid", value: { dob: "2026-11-21" } });
  });

  it.each([
    ["", "", "", "dob-day", "Enter the date of birth"],
    ["", "3", "2010", "dob-day", "Date of birth must include a day"],
    ["2", "", "2010", "dob-month", "Date of birth must include a month"],
    ["2", "3", "", "dob-year", "Date of birth must include a year"],
    ["2", "", "", "dob-month", "Date of birth must include a month"],
    ["a", "3", "2010", "dob-day", "Date of birth must be a real date"],
    ["2", "3", "10", "dob-day", "Date of birth must be a real date"],
    ["31", "2", "2010", "dob-day", "Date of birth must be a real date"],
    ["1", "13", "2010", "dob-day", "Date of birth must be a real date"],
    ["31", "12", "1879", "dob-day", "Date of birth must be a real date"],
    ["22", "11", "2026", "dob-day", "Date of birth must be today or in the past"],
  ])("refuses %j/%j/%j on %s: %s", (day, month, year, fieldId, message) => {
    expect(check(dob, "dob", day, month, year)).toStrictEqual({ kind: "invalid", errors: [{ fieldId, message }] });
  });

  it("accepts 1880, the earliest year", () => {
    expect(check(dob, "dob", "1", "1", "1880")).toStrictEqual({ kind: "valid", value: { dob: "1880-01-01" } });
  });

  it("leaves an optional date out when its boxes are empty, and lets it be ahead up to its latest day", () => {
    expect(validateForm(from, {})).toStrictEqual({ kind: "valid", value: {} });
    expect(check(from, "from", " ", "", "")).toStrictEqual({ kind: "valid", value: { from: undefined } });
    expect(check(from, "from", "1", "1", "2100")).toStrictEqual({ kind: "valid", value: { from: "2100-01-01" } });
    expect(check(from, "from", "2", "1", "2100")).toStrictEqual({
      kind: "invalid",
      errors: [{ fieldId: "from-day", message: "From must be today or in the past" }],
    });
  });

  it("dateInputs gathers each input's boxes from the posted values", () => {
    expect(dateInputs({ "dob-day": "1", "dob-year": "2010", "to-month": "2" }, "dob", "to")).toStrictEqual({
      dob: { day: "1", month: undefined, year: "2010" },
      to: { day: undefined, month: "2", year: undefined },
    });
  });

  it("dailySchema builds a form's schema once a day", () => {
    let built = 0;
    const schemaFor = dailySchema((day) => ({ built: ++built, day }));
    expect(schemaFor(new Date("2026-11-21T08:00:00Z"))).toBe(schemaFor(new Date("2026-11-21T23:00:00Z")));
    expect(schemaFor(new Date("2026-11-22T00:00:00Z")).built).toBe(2);
  });
});

describe("errorFor", () => {
  const errors = [
    { fieldId: "family", message: "Enter a last name" },
    { fieldId: "dobFrom-month", message: "Earliest date of birth must include a month" },
    { fieldId: "basis-1", message: "Select a basis" },
    { fieldId: "family", message: "A second problem" },
  ];

  it("gives the first message for a field", () => {
    expect(errorFor(errors, "family")).toBe("Enter a last name");
  });

  it("gives a date input's or radios' message by the id they share", () => {
    expect(errorFor(errors, "dobFrom")).toBe("Earliest date of birth must include a month");
    expect(errorFor(errors, "basis")).toBe("Select a basis");
  });

  it("does not take another field whose id only starts the same", () => {
    expect(errorFor(errors, "dob")).toBeUndefined();
    expect(errorFor(errors, "fam")).toBeUndefined();
    expect(errorFor([], "family")).toBeUndefined();
  });
});

describe("what client components may import", () => {
  const clientComponents = CLIENT_COMPONENTS;

  it("the kit's state module imports nothing, so it brings no schema, text or server code to the browser", () => {
    expect(readFileSync(join("lib", "forms", "state.ts"), "utf8")).not.toMatch(/^\s*import\s/m);
  });

  it.each(clientComponents)("%s takes from the kit only its state module", (path) => {
    const kitImports = [...readFileSync(path, "utf8").matchAll(/from ["'](@\/lib\/forms[^"']*)["']/g)].map((match) => match[1]);
    for (const imported of kitImports) expect(imported).toBe("@/lib/forms/state");
  });
});
