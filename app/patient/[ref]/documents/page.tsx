import type { Metadata } from "next";
import Link from "@/components/NoPrefetchLink";
import { SourceUnavailable } from "@/components/SourceUnavailable";
import * as content from "@/lib/content";
import { formatFhirDate } from "@/lib/format";
import { loadPatientPage } from "@/lib/features/record/load-patient";
import { organisationNames } from "@/lib/features/record/organisations";
import { loadDocumentPointers } from "@/lib/features/record/record-sources";
import { itemRefsFor } from "@/lib/features/record/item-refs";
import { Table } from "@/components/Table";
import { paths } from "@/lib/routes";
import { SourceProvenance } from "@/components/SourceProvenance";
import { refusalFor } from "@/app/patient/[ref]/_components/refusal";

const text = content.documents;

export const metadata: Metadata = { title: content.pageTitle(text.title) };

export default async function DocumentsPage({ params }: { params: Promise<{ ref: string }> }) {
  const { ref } = await params;
  const refused = await refusalFor(ref);
  if (refused) return refused;
  const data = await loadPatientPage(ref);
  if (data.kind !== "loaded") return null;
  const outcome = await loadDocumentPointers(ref);
  if (outcome.kind !== "found")
    return (
      <SourceUnavailable title={text.title} outcome={outcome} notPermitted={text.notPermitted} refused={text.refused(data.role.orgName ?? data.role.orgCode)} />
    );
  const pointers = outcome.items;
  const [refs, custodians] = await Promise.all([
    itemRefsFor(
      data.session,
      ref,
      "document",
      pointers.map((pointer) => pointer.id),
    ),
    organisationNames(
      pointers.filter((pointer) => !pointer.custodian.name).map((pointer) => pointer.custodian.odsCode),
      data.role,
      data.session,
    ),
  ]);
  return (
    <>
      <h2 className="nhsuk-heading-m">{text.title}</h2>
      <SourceProvenance source={"NRL"} retrievedAt={outcome.retrievedAt} withheld={outcome.withheld} requestId={outcome.requestId} />
      {pointers.length === 0 ? (
        <p data-testid="documents-none">{text.none}</p>
      ) : (
        <Table caption={text.caption} headings={text.headings} testId="documents-table">
          {pointers.map((pointer) => (
            <tr key={pointer.id} className="nhsuk-table__row" data-testid="document-row">
              <td className="nhsuk-table__cell">
                <Link href={paths.document(ref, refs.get(pointer.id)!)}>{pointer.title}</Link>
                <br />
                <span className="nhsuk-body-s">{pointer.type}</span>
              </td>
              <td className="nhsuk-table__cell">
                {pointer.custodian.name ??
                  (pointer.custodian.odsCode ? custodians.get(pointer.custodian.odsCode)?.label : null) ??
                  content.immunisations.notRecorded}
              </td>
              <td className="nhsuk-table__cell">{formatFhirDate(pointer.date?.slice(0, 10)) ?? content.immunisations.notRecorded}</td>
              <td className="nhsuk-table__cell">
                <strong className="nhsuk-tag nhsuk-tag--green">{text.statuses[pointer.status] ?? pointer.status}</strong>
              </td>
            </tr>
          ))}
        </Table>
      )}
    </>
  );
}
