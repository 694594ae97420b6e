import fc from "fast-check";

/** Strings people and attackers type: any Unicode, near-misses of valid values, markup, injection, huge. */
export const typed = fc.oneof(
  { weight: 4, arbitrary: fc.string({ unit: "grapheme", maxLength: 40 }) },
  { weight: 2, arbitrary: fc.string({ unit: "binary", maxLength: 80 }) },
  { weight: 2, arbitrary: fc.stringMatching(/^[0-9 -]{0,16}$/) },
  { weight: 1, arbitrary: fc.stringMatching(/^[A-Za-z' *-]{0,40}$/) },
  {
    weight: 1,
    arbitrary: fc.constantFrom(
      "",
      " ",
      "943 476 5919",
      "9434765918",
      "<script>alert(1)</script>",
      "' OR 1=1 --",
      "../../etc/passwd",
      "%00",
      "\u0000",
      "🩺",
      "x".repeat(5000),
      "29",
      "2",
      "2026",
      "0",
      "-1",
      "1e3",
      "NaN",
      "null",
      "undefined",
      "__proto__",
      "constructor",
    ),
  },
);

/** A form with any subset of its fields filled with `value`. */
export function formOf(fields: readonly string[], value: fc.Arbitrary<string> = typed) {
  return fc.record(Object.fromEntries(fields.map((field) => [field, value])), { requiredKeys: [] }) as fc.Arbitrary<Record<string, string>>;
}
