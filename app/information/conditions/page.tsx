import type { Metadata } from "next";
import * as content from "@/lib/content";
import { ConditionSearchForm } from "./_components/ConditionSearchForm";

const text = content.nhsWebsite.conditions;

export const metadata: Metadata = { title: content.pageTitle(text.title) };

/** NHS.UK's conditions, found by name, to read or print for the patient. Reference content: no patient data. */
export default function ConditionSearchPage() {
  return (
    <>
      <h1 className="nhsuk-heading-l">{text.title}</h1>
      <p>{content.nhsWebsite.notClinicalAdvice}</p>
      <ConditionSearchForm />
    </>
  );
}
