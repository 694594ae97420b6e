import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { GpSummaryForm } from "@/app/patient/[ref]/gp-summaries/_components/GpSummaryForm";
import { refusalFor } from "@/app/patient/[ref]/_components/refusal";
import * as content from "@/lib/content";
import { gpSummaryFor } from "@/lib/features/gp-summary/gp-summaries";
import { loadPatientPage } from "@/lib/features/record/load-patient";
import { paths } from "@/lib/routes";

const text = content.gpSummary;

export const metadata: Metadata = { title: content.pageTitle(text.composeTitle) };

export default async function ComposeGpSummaryPage({ params }: { params: Promise<{ ref: string; summaryRef: string }> }) {
  const { ref, summaryRef } = await params;
  const refused = await refusalFor(ref);
  if (refused) return refused;
  const data = await loadPatientPage(ref);
  if (data.kind !== "loaded") return null;
  const record = await gpSummaryFor(data.session, data.role, ref, summaryRef);
  if (!record || record.state !== "draft") redirect(paths.recordSection(ref, "gp-summaries"));
  return (
    <>
      <a href={paths.recordSection(ref, "gp-summaries")} className="nhsuk-back-link">
        {text.backToList}
      </a>
      <h2 className="nhsuk-heading-l">{text.composeTitle}</h2>
      <p>{text.composeLead}</p>
      <GpSummaryForm patientRef={ref} summaryRef={summaryRef} initial={{ ...(record.content?.consultation ?? {}) }} pageTitle={text.composeTitle} />
    </>
  );
}
