"use server";

import { requireActingRole } from "@/lib/auth/session";
import { describeFailure, type FailureMessage } from "@/lib/features/failure-message";
import { CONDITION_FIELDS, validateConditionSearch } from "@/lib/features/nhs-website/condition-search";
import { searchConditions } from "@/lib/features/nhs-website/information";
import { readForm, type FieldError } from "@/lib/forms";

export type ConditionSearchState =
  | { status: "idle"; name: string; errors: FieldError[] }
  | { status: "results"; name: string; errors: FieldError[]; links: Array<{ slug: string; title: string; description: string | null }> }
  | { status: "failed"; name: string; errors: FieldError[]; failure: FailureMessage };

/** Searches NHS.UK's conditions by name; the name stays in the form, never in an address. */
export async function searchConditionsAction(_previous: ConditionSearchState, posted: unknown): Promise<ConditionSearchState> {
  await requireActingRole();
  const { name } = readForm(posted, CONDITION_FIELDS);
  const validated = validateConditionSearch({ name });
  if (validated.kind === "invalid") return { status: "idle", name, errors: validated.errors };
  const found = await searchConditions(validated.name);
  if (found.kind === "failed") return { status: "failed", name, errors: [], failure: describeFailure(found.failure) };
  return { status: "results", name: validated.name, errors: [], links: found.links };
}
