import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { sendGpSummaryAction } from "@/app/patient/[ref]/gp-summaries/actions";
import { refusalFor } from "@/app/patient/[ref]/_components/refusal";
import { PendingSubmitButton } from "@/components/PendingSubmitButton";
import { SummaryList, SummaryRow } from "@/components/SummaryList";
import * as content from "@/lib/content";
import { gpSummaryFor } from "@/lib/features/gp-summary/gp-summaries";
import { loadPatientPage } from "@/lib/features/record/load-patient";
import { paths } from "@/lib/routes";

const text = content.gpSummary;

export const metadata: Metadata = { title: content.pageTitle(text.previewTitle) };

export default async function PreviewGpSummaryPage({ params }: { params: Promise<{ ref: string; summaryRef: string }> }) {
  const { ref, summaryRef } = await params;
  const refused = await refusalFor(ref);
  if (refused) return refused;
  const data = await loadPatientPage(ref);
  if (data.kind !== "loaded") return null;
  const record = await gpSummaryFor(data.session, data.role, ref, summaryRef);
  if (!record) redirect(paths.recordSection(ref, "gp-summaries"));
  if (record.state !== "draft") redirect(paths.recordSection(ref, "gp-summaries"));
  if (!record.content?.pdf) redirect(paths.gpSummary(ref, summaryRef));
  const { consultation, practice } = record.content;
  return (
    <>
      <a href={paths.gpSummary(ref, summaryRef)} className="nhsuk-back-link">
        {text.buttons.change}
      </a>
      <h2 className="nhsuk-heading-l">{text.previewTitle}</h2>
      <p>{text.previewLead}</p>
      <SummaryList testId="gp-summary-check">
        <SummaryRow label={text.pdf.registeredPractice}>{`${practice.name} (${practice.odsCode})`}</SummaryRow>
        {(["reason", "findings", "actions", "advice", "followUp"] as const).map((field) =>
          consultation[field] ? (
            <SummaryRow key={field} label={text.labels[field]}>
              <span style={{ whiteSpace: "pre-wrap" }}>{consultation[field]}</span>
            </SummaryRow>
          ) : null,
        )}
      </SummaryList>
      <p>
        <a href={paths.gpSummaryPdf(ref, summaryRef)} target="_blank" rel="noopener noreferrer" data-testid="gp-summary-pdf-link">
          {text.openPdf}
        </a>
      </p>
      <form action={sendGpSummaryAction} data-testid="gp-summary-send-form">
        <input type="hidden" name="patientRef" value={ref} />
        <input type="hidden" name="summaryRef" value={summaryRef} />
        <PendingSubmitButton pendingText={text.sending}>{text.buttons.send}</PendingSubmitButton>
      </form>
    </>
  );
}
