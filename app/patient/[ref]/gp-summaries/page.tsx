import type { Metadata } from "next";
import { checkGpSummaryAction, sendGpSummaryAction, startGpSummaryAction } from "@/app/patient/[ref]/gp-summaries/actions";
import { GpSummaryList } from "@/app/patient/[ref]/gp-summaries/_components/GpSummaryList";
import { refusalFor } from "@/app/patient/[ref]/_components/refusal";
import { PendingSubmitButton } from "@/components/PendingSubmitButton";
import * as content from "@/lib/content";
import { gpSummaryAvailable, listGpSummaries } from "@/lib/features/gp-summary/gp-summaries";
import { loadPatientPage } from "@/lib/features/record/load-patient";
import { paths } from "@/lib/routes";

const text = content.gpSummary;

export const metadata: Metadata = { title: content.pageTitle(text.listTitle) };

export default async function GpSummariesPage({ params }: { params: Promise<{ ref: string }> }) {
  const { ref } = await params;
  const refused = await refusalFor(ref);
  if (refused) return refused;
  const data = await loadPatientPage(ref);
  if (data.kind !== "loaded") return null;
  if (!gpSummaryAvailable()) {
    return (
      <>
        <h2 className="nhsuk-heading-m">{text.listTitle}</h2>
        <p data-testid="gp-summaries-off">{text.notConfigured}</p>
      </>
    );
  }
  const list = await listGpSummaries(data.session, data.role, ref);
  const { summaries, version } = list && !("kind" in list) ? list : { summaries: [], version: "" };
  return (
    <>
      <h2 className="nhsuk-heading-m">{text.listTitle}</h2>
      <form action={startGpSummaryAction}>
        <input type="hidden" name="patientRef" value={ref} />
        <PendingSubmitButton pendingText={text.pending}>{text.start}</PendingSubmitButton>
      </form>
      <GpSummaryList
        patientRef={ref}
        statusUrl={paths.gpSummaryStatus(ref)}
        initial={summaries}
        initialVersion={version}
        actions={{ start: startGpSummaryAction, send: sendGpSummaryAction, check: checkGpSummaryAction }}
        text={{
          noneSent: text.noneSent,
          correct: text.buttons.correct,
          check: text.buttons.check,
          resend: text.resend,
          pending: text.pending,
          unknownExplained: text.unknownExplained,
          notReceivedExplained: text.notReceivedExplained,
          upstreamCode: text.upstreamCode,
          reference: text.reference,
          headings: text.table.headings,
          caption: text.table.caption,
        }}
      />
    </>
  );
}
