/** Names as clinical systems show them: family name in capitals first, then given names. */

export interface PersonName {
  family?: string;
  given?: string[];
  prefix?: string[];
}

export function formatPatientName(name: PersonName | undefined | null): string | null {
  if (!name) return null;
  const family = name.family?.trim();
  const given = (name.given ?? [])
    .map((part) => part.trim())
    .filter(Boolean)
    .join(" ");
  if (family && given) return `${family.toUpperCase()}, ${given}`;
  if (family) return family.toUpperCase();
  if (given) return given;
  return null;
}

const GENDER_LABELS = {
  male: "Male",
  female: "Female",
  other: "Other",
  unknown: "Not known",
} as const;

export type AdministrativeGender = keyof typeof GENDER_LABELS;

export function formatGender(gender: AdministrativeGender | undefined | null): string | null {
  return gender ? GENDER_LABELS[gender] : null;
}

/**
 * CIS2 role names are a quoted, colon-separated hierarchy:
 * "Clinical":"Clinical Provision":"Nurse Access Role" → "Nurse Access Role".
 */
export function formatCis2RoleName(roleName: string): string {
  const segments = roleName
    .split(/"\s*:\s*"/)
    .map((segment) => segment.replace(/^"|"$/g, "").trim())
    .filter(Boolean);
  return segments.at(-1) ?? roleName;
}
