import type { Metadata } from "next";
import Link from "@/components/NoPrefetchLink";
import { CopyButton } from "@/components/CopyButton";
import { SourceUnavailable } from "@/components/SourceUnavailable";
import * as content from "@/lib/content";
import { formatFhirDate } from "@/lib/format";
import type { PrescriptionSummary, PrescriptionTimeframe } from "@/lib/nhs/eps/client";
import { loadPatientPage } from "@/lib/features/record/load-patient";
import { organisationNames } from "@/lib/features/record/organisations";
import { itemRefsFor } from "@/lib/features/record/item-refs";
import { dispensersFor, prescriptionKey, type DispenserLookup } from "@/lib/features/prescriptions/prescription-detail";
import { loadPrescriptions } from "@/lib/features/record/record-sources";
import { paths } from "@/lib/routes";
import { Table } from "@/components/Table";
import { SourceProvenance } from "@/components/SourceProvenance";
import { refusalFor } from "@/app/patient/[ref]/_components/refusal";

const text = content.prescriptions;
const TIMEFRAMES: PrescriptionTimeframe[] = ["current", "future", "past"];

export const metadata: Metadata = { title: content.pageTitle(text.title) };

const STATUS_COLOUR: Record<string, string> = {
  "0001": "blue",
  "0002": "yellow",
  "0003": "orange",
  "0004": "grey",
  "0005": "red",
  "0006": "green",
  "0007": "grey",
  "0008": "grey",
  "0009": "grey",
  "9000": "white",
  "9001": "white",
  "9005": "red",
};

function typeLabel(prescription: PrescriptionSummary): string {
  const type = text.types[prescription.type];
  return prescription.issue && prescription.type !== "acute" ? `${type}, ${text.issueOf(prescription.issue.number, prescription.issue.of)}` : type;
}

export default async function PrescriptionsPage({ params, searchParams }: { params: Promise<{ ref: string }>; searchParams: Promise<{ view?: string }> }) {
  const [{ ref }, { view }] = await Promise.all([params, searchParams]);
  const refused = await refusalFor(ref);
  if (refused) return refused;
  const timeframe = TIMEFRAMES.find((candidate) => candidate === view) ?? "current";
  const data = await loadPatientPage(ref);
  if (data.kind !== "loaded") return null;
  const outcome = await loadPrescriptions(ref);
  if (outcome.kind !== "found") return <SourceUnavailable title={text.title} outcome={outcome} notPermitted={text.notPermitted} />;
  const prescriptions = outcome.items;
  const shown = prescriptions.filter((prescription) => prescription.timeframe === timeframe);
  const [prescribers, refs, dispensers] = await Promise.all([
    organisationNames(
      shown.map((prescription) => prescription.prescriberOdsCode),
      data.role,
      data.session,
    ),
    itemRefsFor(
      data.session,
      ref,
      "prescription",
      shown.map((prescription) => prescriptionKey(prescription.prescriptionId, prescription.issue?.number ?? null)),
    ),
    dispensersFor(data.role, data.session, shown),
  ]);
  const dispenserNames = await organisationNames(
    [...dispensers.values()].map((lookup) => (lookup.kind === "dispenser" ? lookup.odsCode : null)),
    data.role,
    data.session,
  );
  const dispenserLabel = (lookup: DispenserLookup | undefined) => {
    switch (lookup?.kind) {
      case "dispenser":
        return dispenserNames.get(lookup.odsCode)?.label ?? lookup.odsCode;
      case "none":
        return text.noDispenser;
      case "unavailable":
      case undefined:
        return text.dispenserUnavailable;
      default: {
        const unhandled: never = lookup;
        return unhandled;
      }
    }
  };
  const label = text.timeframes[timeframe];
  return (
    <>
      <h2 className="nhsuk-heading-m">{text.title}</h2>
      <SourceProvenance source={"EPS"} retrievedAt={outcome.retrievedAt} withheld={outcome.withheld} requestId={outcome.requestId} />
      {prescriptions.length === 0 ? (
        <p data-testid="prescriptions-none">{text.noneAtAll}</p>
      ) : (
        <>
          <nav className="app-sub-navigation app-sub-navigation--secondary" aria-label={text.title}>
            <ul className="app-sub-navigation__list">
              {TIMEFRAMES.map((candidate) => (
                <li key={candidate} className="app-sub-navigation__item">
                  <Link
                    href={`${paths.recordSection(ref, "prescriptions")}${candidate === "current" ? "" : `?view=${candidate}`}`}
                    className="app-sub-navigation__link"
                    aria-current={candidate === timeframe ? "page" : undefined}
                    data-testid={`timeframe-${candidate}`}
                  >
                    {text.timeframeCount(text.timeframes[candidate], prescriptions.filter((prescription) => prescription.timeframe === candidate).length)}
                  </Link>
                </li>
              ))}
            </ul>
          </nav>
          {shown.length === 0 ? (
            <p data-testid="prescriptions-none">{text.none(label)}</p>
          ) : (
            <Table
              caption={text.caption(label)}
              captionStyle="shown"
              headings={[text.headings.id, text.headings.issued, text.headings.type, text.headings.status, text.headings.prescriber, text.headings.dispenser]}
              testId="prescriptions-table"
            >
              {shown.map((prescription) => (
                <tr key={`${prescription.prescriptionId}-${prescription.issue?.number ?? 1}`} className="nhsuk-table__row" data-testid="prescription-row">
                  <td className="nhsuk-table__cell">
                    <Link
                      href={paths.prescription(ref, refs.get(prescriptionKey(prescription.prescriptionId, prescription.issue?.number ?? null))!)}
                      aria-label={text.open(prescription.prescriptionId)}
                    >
                      <code className="app-prescription-id">{prescription.prescriptionId}</code>
                    </Link>{" "}
                    <CopyButton
                      value={prescription.prescriptionId}
                      label={text.copyLabel(prescription.prescriptionId)}
                      text={{ copy: text.copy, copied: text.copied }}
                    />
                  </td>
                  <td className="nhsuk-table__cell">{formatFhirDate(prescription.authoredOn) ?? content.immunisations.notRecorded}</td>
                  <td className="nhsuk-table__cell">{typeLabel(prescription)}</td>
                  <td className="nhsuk-table__cell">
                    <strong className={`nhsuk-tag nhsuk-tag--${STATUS_COLOUR[prescription.status.code] ?? "grey"}`}>{prescription.status.display}</strong>
                    {prescription.pendingCancellation ? (
                      <>
                        {" "}
                        <strong className="nhsuk-tag nhsuk-tag--red">{text.pendingCancellation}</strong>
                      </>
                    ) : null}
                  </td>
                  <td className="nhsuk-table__cell">{prescribers.get(prescription.prescriberOdsCode)?.label ?? prescription.prescriberOdsCode}</td>
                  <td className="nhsuk-table__cell" data-testid="prescription-dispenser-cell">
                    {dispenserLabel(dispensers.get(prescriptionKey(prescription.prescriptionId, prescription.issue?.number ?? null)))}
                  </td>
                </tr>
              ))}
            </Table>
          )}
        </>
      )}
    </>
  );
}
