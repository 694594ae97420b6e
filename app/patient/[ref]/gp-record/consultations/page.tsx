import type { Metadata } from "next";
import { refusalFor } from "@/app/patient/[ref]/_components/refusal";
import * as content from "@/lib/content";
import { loadGpConsultations } from "@/lib/features/gp-record/load-gp-record";
import { paths } from "@/lib/routes";
import { confirmedPatientPage } from "@/lib/features/record/load-patient";
import { ConsultationList, GpRecordNotShown, MismatchBanner } from "../_components/GpRecordParts";

const text = content.gpRecord;

export const metadata: Metadata = { title: content.pageTitle(text.allConsultationsTitle) };

/** Every consultation in the GP record: asked of the practice only now, when the clinician wants more than the latest. */
export default async function GpConsultationsPage({ params }: { params: Promise<{ ref: string }> }) {
  const { ref } = await params;
  const refused = await refusalFor(ref);
  if (refused) return refused;
  const result = await loadGpConsultations(ref);
  const pds = (await confirmedPatientPage(ref))?.patient ?? null;
  return (
    <>
      <p>
        <a className="nhsuk-back-link__link" href={paths.recordSection(ref, "gp-record")}>
          {text.backToGpRecord}
        </a>
      </p>
      <h2 className="nhsuk-heading-m">{text.allConsultationsTitle}</h2>
      {result.kind === "answered" && result.outcome.kind === "found" ? (
        <>
          <MismatchBanner fields={result.mismatch} pds={pds} practice={result.outcome.record.patient} />
          <p data-testid="gp-consultations-count">{text.allConsultationsCount(result.outcome.record.consultations.length)}</p>
          <ConsultationList consultations={result.outcome.record.consultations} />
        </>
      ) : (
        <GpRecordNotShown result={result} practiceName={null} />
      )}
    </>
  );
}
