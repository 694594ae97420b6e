import * as content from "@/lib/content";
import type { CodedField, Vaccination } from "@/lib/nhs/immunisation/client";

const text = content.immunisations;

/**
 * A coded item of a vaccination as people read it: the record's own text; else the SNOMED CT preferred term, said
 * to be one; else, when the term could not be looked up, the code itself, said to be unnamed.
 */
export function codedText(vaccination: Vaccination, field: CodedField): string | null {
  const code = vaccination.uncodedTerms[field];
  if (code === undefined) return vaccination[field];
  return vaccination.termsLookedUp.includes(field) ? text.lookedUpTerm(vaccination[field]!) : text.unnamedCode(code);
}
