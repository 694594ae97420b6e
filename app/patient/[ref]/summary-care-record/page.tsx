import type { Metadata } from "next";
import Link from "@/components/NoPrefetchLink";
import { ScrAccessForm } from "@/app/patient/[ref]/summary-care-record/_components/ScrAccessForm";
import { ScrOutcomeBody } from "@/app/patient/[ref]/summary-care-record/_components/ScrOutcomeBody";
import { canUse } from "@/lib/access/policy";
import * as content from "@/lib/content";
import { confirmedPatientPage } from "@/lib/features/record/load-patient";
import { loadSummaryCareRecord } from "@/lib/features/scr/load-scr";
import { paths } from "@/lib/routes";
import { refusalFor } from "@/app/patient/[ref]/_components/refusal";

export const metadata: Metadata = { title: content.pageTitle(content.scr.title) };

export default async function SummaryCareRecordPage({ params }: { params: Promise<{ ref: string }> }) {
  const { ref } = await params;
  const refused = await refusalFor(ref);
  if (refused) return refused;
  const confirmed = await confirmedPatientPage(ref);
  if (!confirmed) return null;
  const { session, role } = confirmed;
  const nhsNumber = confirmed.patient.nhsNumber;
  if (!canUse("view-scr", role, session.assurance.authenticationLevel)) {
    return (
      <>
        <h2 className="nhsuk-heading-m">{content.scr.title}</h2>
        <p data-testid="scr-not-permitted">{content.scr.notPermitted}</p>
      </>
    );
  }
  const access = session.scrAccess?.[nhsNumber];
  if (!access) return <ScrAccessForm patientRef={ref} />;

  const outcome = await loadSummaryCareRecord(session, role, nhsNumber, "scr-view");
  return (
    <>
      <h2 className="nhsuk-heading-m">{content.scr.title}</h2>
      <p className="nhsuk-body-s" data-testid="scr-basis">
        {content.scr.basis.recorded(content.scr.basis.options[access.basis].label)}
      </p>
      <ScrOutcomeBody outcome={outcome} />
      {outcome.kind === "found" ? (
        <p>
          <Link href={paths.scrPrint(ref)}>{content.scr.print}</Link>
        </p>
      ) : null}
    </>
  );
}
