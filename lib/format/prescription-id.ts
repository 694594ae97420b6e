/**
 * EPS prescription IDs (short form): 622F04-A83008-A691D5. Six hex characters, the prescriber's
 * ODS code padded to six, five hex characters, then an ISO/IEC 7064 MOD 37-2 check character over
 * the other seventeen.
 */

const CHECK_CHARACTERS = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ+";
const SHORT_FORM = /^[0-9A-F]{6}-[0-9A-Z]{6}-[0-9A-F]{5}[0-9A-Z+]$/;

export type PrescriptionIdProblem = "empty" | "wrong-format" | "check-character";

export type PrescriptionIdParseResult = { kind: "valid"; prescriptionId: string } | { kind: "invalid"; problem: PrescriptionIdProblem };

export function prescriptionIdCheckCharacter(firstSeventeen: string): string {
  let total = 0;
  for (const character of firstSeventeen) total = ((total + CHECK_CHARACTERS.indexOf(character)) * 2) % 37;
  return CHECK_CHARACTERS[(38 - total) % 37];
}

export function isValidPrescriptionId(value: string): boolean {
  if (!SHORT_FORM.test(value)) return false;
  const characters = value.replace(/-/g, "");
  return prescriptionIdCheckCharacter(characters.slice(0, 17)) === characters[17];
}

/** Accepts lower case and missing dashes, as people copy IDs from tokens and screens. */
export function parsePrescriptionIdInput(raw: string): PrescriptionIdParseResult {
  const compact = raw.trim().toUpperCase().replace(/[\s-]/g, "");
  if (compact.length === 0) return { kind: "invalid", problem: "empty" };
  if (compact.length !== 18) return { kind: "invalid", problem: "wrong-format" };
  const prescriptionId = `${compact.slice(0, 6)}-${compact.slice(6, 12)}-${compact.slice(12)}`;
  if (!SHORT_FORM.test(prescriptionId)) return { kind: "invalid", problem: "wrong-format" };
  if (!isValidPrescriptionId(prescriptionId)) return { kind: "invalid", problem: "check-character" };
  return { kind: "valid", prescriptionId };
}

/** Builds a valid ID from its parts, for fixtures: the check character is computed. */
export function buildPrescriptionId(prefix: string, prescriberOdsCode: string, serial: string): string {
  const body = `${prefix}${prescriberOdsCode.padStart(6, "0")}${serial}`.toUpperCase();
  return `${body.slice(0, 6)}-${body.slice(6, 12)}-${body.slice(12, 17)}${prescriptionIdCheckCharacter(body)}`;
}
