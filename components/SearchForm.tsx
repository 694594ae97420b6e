"use client";

import { Button, TextInput } from "nhsuk-react-components";
import { useActionState } from "react";
import { errorFor, type FieldError } from "@/lib/forms/state";
import { ErrorSummaryBox } from "./ErrorSummaryBox";

/**
 * A one-field search's state from its server action, and what the form needs of it: the errors when the
 * search was refused, and what was searched for, to show again.
 */
export function useSearch<S extends { status: string; value?: string; errors?: FieldError[] }>(
  action: (previous: S, formData: FormData) => Promise<S>,
  initial: S,
) {
  const [state, formAction, pending] = useActionState<S, FormData>(action, initial as Awaited<S>);
  const errors = state.status === "invalid" ? (state.errors ?? []) : [];
  return { state, search: { formAction, pending, errors, typed: state.value ?? "", status: state.status } };
}

/**
 * A one-field search in NHS design-system patterns: the error summary first, the page's heading and what
 * it says about the last search, then the field (showing what was searched for) and the button.
 */
export function SearchForm({
  formAction,
  pending,
  errors,
  typed,
  status,
  pageTitle,
  heading,
  outcome,
  field,
  submit,
  hidden,
}: {
  formAction: (formData: FormData) => void;
  pending: boolean;
  errors: FieldError[];
  /** What was searched for last, shown in the field again. */
  typed: string;
  /** The last search's state: the field is remounted when it changes, so it shows what was searched for. */
  status: string;
  pageTitle: string;
  heading: React.ReactNode;
  outcome?: React.ReactNode;
  field: { id: string; name: string; label: string; hint: string; width: 10 | 20; numeric?: boolean; largeLabel?: boolean };
  submit: string;
  hidden?: Record<string, string>;
}) {
  return (
    <>
      <ErrorSummaryBox errors={errors} pageTitle={pageTitle} />
      {heading}
      {outcome}
      <form action={formAction} noValidate>
        {Object.entries(hidden ?? {}).map(([name, value]) => (
          <input key={name} type="hidden" name={name} value={value} />
        ))}
        <TextInput
          key={`${status}:${typed}`}
          id={field.id}
          name={field.name}
          label={field.label}
          labelProps={field.largeLabel ? { size: "m" } : undefined}
          hint={field.hint}
          error={errorFor(errors, field.id)}
          defaultValue={typed}
          inputMode={field.numeric ? "numeric" : undefined}
          autoComplete="off"
          spellCheck={false}
          width={field.width}
        />
        <Button type="submit" disabled={pending} aria-disabled={pending}>
          {submit}
        </Button>
      </form>
    </>
  );
}
