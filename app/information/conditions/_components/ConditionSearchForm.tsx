"use client";

import { Button } from "nhsuk-react-components";
import { useActionState } from "react";
import { searchConditionsAction, type ConditionSearchState } from "@/app/information/conditions/actions";
import { ErrorSummaryBox } from "@/components/ErrorSummaryBox";
import { FailureCallout } from "@/components/FailureCallout";
import { TextField } from "@/components/FormFields";
import Link from "@/components/NoPrefetchLink";
import { nhsWebsite } from "@/lib/content/nhs-website";
import * as paths from "@/lib/paths";

const text = nhsWebsite.conditions;

/** Search NHS.UK's conditions by name: the results link to each page, to read or print for the patient. */
export function ConditionSearchForm() {
  const [state, formAction, pending] = useActionState<ConditionSearchState, FormData>(searchConditionsAction, { status: "idle", name: "", errors: [] });
  return (
    <>
      <ErrorSummaryBox errors={state.errors} pageTitle={text.title} />
      <form action={formAction} noValidate data-testid="condition-search-form">
        <TextField name="name" label={text.label} hint={text.hint} form={{ values: { name: state.name }, errors: state.errors }} width={20} />
        <Button type="submit" disabled={pending} aria-disabled={pending}>
          {text.submit}
        </Button>
      </form>
      {state.status === "failed" ? <FailureCallout failure={state.failure} /> : null}
      {state.status === "results" ? (
        <div role="status" data-testid="condition-results">
          <h2 className="nhsuk-heading-m">{state.links.length ? text.results(state.links.length, state.name) : text.none(state.name)}</h2>
          {state.links.length ? (
            <ul className="nhsuk-list">
              {state.links.map((link) => (
                <li key={link.slug}>
                  <Link href={paths.nhsWebsitePage("conditions", link.slug)}>{link.title}</Link>
                  {link.description ? <p className="nhsuk-body-s">{link.description}</p> : null}
                </li>
              ))}
            </ul>
          ) : null}
        </div>
      ) : null}
    </>
  );
}
