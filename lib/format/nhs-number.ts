/**
 * NHS numbers: ten digits, the last a modulus 11 check digit.
 * Input may carry spaces or dashes (people type them as they read them off letters).
 */

export type NhsNumberInputProblem = "empty" | "invalid-characters" | "too-long" | "wrong-length" | "check-digit";

export type NhsNumberParseResult = { kind: "valid"; nhsNumber: string } | { kind: "invalid"; problem: NhsNumberInputProblem };

const MAX_INPUT_LENGTH = 20;
const WEIGHTS = [10, 9, 8, 7, 6, 5, 4, 3, 2] as const;

export function nhsNumberCheckDigit(firstNineDigits: string): number | null {
  let total = 0;
  for (let index = 0; index < WEIGHTS.length; index += 1) {
    total += Number(firstNineDigits[index]) * WEIGHTS[index];
  }
  const check = 11 - (total % 11);
  if (check === 11) return 0;
  if (check === 10) return null; // no number can end this way
  return check;
}

export function isValidNhsNumber(value: string): boolean {
  if (!/^\d{10}$/.test(value)) return false;
  return nhsNumberCheckDigit(value.slice(0, 9)) === Number(value[9]);
}

export function parseNhsNumberInput(raw: string): NhsNumberParseResult {
  const trimmed = raw.trim();
  if (trimmed.length === 0) return { kind: "invalid", problem: "empty" };
  if (trimmed.length > MAX_INPUT_LENGTH) return { kind: "invalid", problem: "too-long" };
  if (!/^[\d\s-]+$/.test(trimmed)) return { kind: "invalid", problem: "invalid-characters" };
  const digits = trimmed.replace(/[\s-]/g, "");
  if (digits.length !== 10) return { kind: "invalid", problem: "wrong-length" };
  if (!isValidNhsNumber(digits)) return { kind: "invalid", problem: "check-digit" };
  return { kind: "valid", nhsNumber: digits };
}

/** 9434765919 → "943 476 5919". Anything that is not ten digits is returned unchanged. */
export function formatNhsNumber(nhsNumber: string): string {
  if (!/^\d{10}$/.test(nhsNumber)) return nhsNumber;
  return `${nhsNumber.slice(0, 3)} ${nhsNumber.slice(3, 6)} ${nhsNumber.slice(6)}`;
}
