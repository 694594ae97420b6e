import type { Metadata } from "next";
import { PrintButton } from "@/components/PrintButton";
import { canUse } from "@/lib/access/policy";
import * as content from "@/lib/content";
import { formatCis2RoleName, formatDateTimeWithTime } from "@/lib/format";
import { confirmedPatientPage } from "@/lib/features/record/load-patient";
import { loadSummaryCareRecord } from "@/lib/features/scr/load-scr";
import { ScrOutcomeBody } from "@/app/patient/[ref]/summary-care-record/_components/ScrOutcomeBody";
import { refusalFor } from "@/app/patient/[ref]/_components/refusal";

export const metadata: Metadata = { title: content.pageTitle(`${content.scr.title} (print)`) };

/** The SCR for paper: the banner (from the layout) above, who printed it and when below; screen-only parts are hidden by the print stylesheet. */
export default async function PrintSummaryCareRecordPage({ params }: { params: Promise<{ ref: string }> }) {
  const { ref } = await params;
  const refused = await refusalFor(ref);
  if (refused) return refused;
  const confirmed = await confirmedPatientPage(ref);
  if (!confirmed) return null;
  const { session, role } = confirmed;
  const nhsNumber = confirmed.patient.nhsNumber;
  if (!canUse("view-scr", role, session.assurance.authenticationLevel)) return <p data-testid="scr-not-permitted">{content.scr.notPermitted}</p>;
  if (!session.scrAccess?.[nhsNumber]) return <p data-testid="scr-needs-basis">{content.scr.needsBasis}</p>;
  const outcome = await loadSummaryCareRecord(session, role, nhsNumber, "scr-print");
  const organisation = `${role.orgName ?? role.orgCode} (${role.orgCode})`;
  return (
    <>
      <h2 className="nhsuk-heading-m">{content.scr.title}</h2>
      <PrintButton label={content.scr.printThis} />
      <ScrOutcomeBody outcome={outcome} />
      <footer className="app-print-footer" data-testid="print-footer">
        <p>{content.scr.printedBy(session.user.name, formatCis2RoleName(role.roleName), organisation, formatDateTimeWithTime(new Date()))}</p>
        <p>{content.scr.printNotice}</p>
      </footer>
    </>
  );
}
