import type { Metadata } from "next";
import { Button } from "nhsuk-react-components";
import { refusalFor } from "@/app/patient/[ref]/_components/refusal";
import { FailureCallout } from "@/components/FailureCallout";
import { WarningCallout } from "@/components/WarningCallout";
import * as content from "@/lib/content";
import { describeFailure } from "@/lib/features/failure-message";
import { canMessagePatients, sentMessages } from "@/lib/features/patient-messages/messages";
import { confirmedPatientPage } from "@/lib/features/record/load-patient";
import { getConfig } from "@/lib/config";
import { formatDateTimeWithTime } from "@/lib/format";
import { startMessageAction } from "./actions";

const text = content.patientMessages;

export const metadata: Metadata = { title: content.pageTitle(text.title) };

/** The messages this organisation sent to the patient's NHS App, with delivery from the NHS App's receipts; and a new one. */
export default async function PatientMessagesPage({ params }: { params: Promise<{ ref: string }> }) {
  const { ref } = await params;
  const refused = await refusalFor(ref);
  if (refused) return refused;
  const confirmed = await confirmedPatientPage(ref);
  if (!confirmed) return null;
  const { session, role, patient } = confirmed;
  if (getConfig().NHS_APP_MESSAGING !== "on") {
    return (
      <>
        <h2 className="nhsuk-heading-m">{text.title}</h2>
        <p data-testid="messages-off">{text.off}</p>
      </>
    );
  }
  const listed = await sentMessages(session, role, patient.nhsNumber);
  const templates = text.templates as Record<string, { name: string }>;
  return (
    <>
      <h2 className="nhsuk-heading-m">{text.title}</h2>
      <WarningCallout heading={text.title} testId="never-only-channel">
        <p>{text.neverOnlyChannel}</p>
      </WarningCallout>
      {patient.deceased ? (
        <p data-testid="messages-deceased">{text.deceased}</p>
      ) : canMessagePatients(session, role) ? (
        <form action={startMessageAction}>
          <input type="hidden" name="patientRef" value={ref} />
          <Button type="submit" data-testid="message-start">
            {text.start}
          </Button>
        </form>
      ) : (
        <p data-testid="messages-not-permitted">{text.notPermitted}</p>
      )}
      {listed.receipts === "failed" && listed.failure ? (
        <>
          <p>{text.receiptsUnavailable}</p>
          <FailureCallout failure={describeFailure(listed.failure)} />
        </>
      ) : (
        <p className="nhsuk-body-s">{text.receiptsRetrieved(formatDateTimeWithTime(listed.checkedAt))}</p>
      )}
      {listed.rows.length === 0 ? (
        <p data-testid="messages-none">{text.none}</p>
      ) : (
        <table className="nhsuk-table" data-testid="messages-table">
          <caption className="nhsuk-table__caption nhsuk-u-visually-hidden">{text.listCaption}</caption>
          <thead className="nhsuk-table__head">
            <tr className="nhsuk-table__row">
              {text.listHeadings.map((heading) => (
                <th key={heading} scope="col" className="nhsuk-table__header">
                  {heading}
                </th>
              ))}
            </tr>
          </thead>
          <tbody className="nhsuk-table__body">
            {listed.rows.map((row) => (
              <tr key={row.reference} className="nhsuk-table__row" data-testid="message-row">
                <td className="nhsuk-table__cell">{formatDateTimeWithTime(new Date(row.sentAt))}</td>
                <td className="nhsuk-table__cell">{row.by}</td>
                <td className="nhsuk-table__cell">{templates[row.template]?.name ?? row.template}</td>
                <td className="nhsuk-table__cell" data-testid="message-delivery">
                  {row.delivery ? text.delivery[row.delivery] : row.sendOutcome === "outcome-unknown" ? text.delivery.unknownSend : text.delivery.none}
                  {row.delivery === "Rejected" ? <p className="nhsuk-body-s nhsuk-u-margin-bottom-0">{text.cannotReceive}</p> : null}
                  {row.delivery === "Unnotified" ? <p className="nhsuk-body-s nhsuk-u-margin-bottom-0">{text.noNotifications}</p> : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}
