import type { Metadata } from "next";
import Link from "@/components/NoPrefetchLink";
import { Suspense } from "react";
import { FailureCallout } from "@/components/FailureCallout";
import { PendingSubmitButton } from "@/components/PendingSubmitButton";
import { ReferralReasonForm } from "@/app/patient/[ref]/referrals/refer/_components/ReferralReasonForm";
import { SummaryList, SummaryRow } from "@/components/SummaryList";
import { canUse } from "@/lib/access/policy";
import type { Cis2Role } from "@/lib/auth/cis2-role";
import * as content from "@/lib/content";
import { formatDateTimeWithTime, formatFhirDateTime, formatNhsNumber, formatPatientName } from "@/lib/format";
import { describeFailure } from "@/lib/features/failure-message";
import { readSentReferral, referralAction } from "@/lib/features/bars/bars-referrals";
import { loadPatientPage } from "@/lib/features/record/load-patient";
import type { BarsReferralAction } from "@/lib/features/bars/session-slice";
import type { ServerSession } from "@/lib/state/session-store";
import { checkStatusAction, sendAgainAction } from "../actions";
import { paths } from "@/lib/routes";
import { WarningCallout } from "@/components/WarningCallout";
import { BackToReferrals } from "@/app/patient/[ref]/referrals/_components/BackToReferrals";
import { refusalFor } from "@/app/patient/[ref]/_components/refusal";

const text = content.refer;

export const metadata: Metadata = { title: content.pageTitle(text.title) };

function ActionForm({
  action,
  patientRef,
  actionRef,
  label,
  pendingText,
}: {
  action: (formData: FormData) => Promise<void>;
  patientRef: string;
  actionRef: string;
  label: string;
  pendingText: string;
}) {
  return (
    <form action={action}>
      <input type="hidden" name="patientRef" value={patientRef} />
      <input type="hidden" name="actionRef" value={actionRef} />
      <PendingSubmitButton pendingText={pendingText}>{label}</PendingSubmitButton>
    </form>
  );
}

function ReceiverRows({ action }: { action: BarsReferralAction }) {
  const receiver = action.receiver;
  return (
    <SummaryRow label={text.service} testId="referral-receiver">
      {receiver.name}
      {receiver.address ? (
        <>
          <br />
          {receiver.address}
        </>
      ) : null}
      {receiver.phone ? (
        <>
          <br />
          {text.phone}: {receiver.phone}
        </>
      ) : null}
      <br />
      <span className="nhsuk-body-s">{receiver.dosServiceId ? `${text.dosId}: ${receiver.dosServiceId}` : receiver.testTarget}</span>
    </SummaryRow>
  );
}

/** What the receiver holds now: streamed in after the confirmation, since it is a further call to the service. */
async function ReceiverRecord({
  session,
  role,
  patientRef,
  action,
}: {
  session: ServerSession;
  role: Cis2Role;
  patientRef: string;
  action: BarsReferralAction;
}) {
  const view = await readSentReferral(session, role, patientRef, action);
  const { serviceRequest, appointments } = view;
  return (
    <section aria-labelledby="receiver-record" data-testid="receiver-record">
      <h2 className="nhsuk-heading-m" id="receiver-record">
        {text.receiverHeading}
      </h2>
      {serviceRequest.kind === "found" ? (
        <>
          <p className="nhsuk-body-s" data-testid="source-provenance">
            {text.readFrom(action.receiver.name, formatDateTimeWithTime(serviceRequest.retrievedAt))}.
          </p>
          <SummaryList>
            <SummaryRow label={text.receiverStatus} testId="service-request-status">
              <strong className="nhsuk-tag">{text.serviceRequestStatuses[serviceRequest.serviceRequest.status] ?? serviceRequest.serviceRequest.status}</strong>
            </SummaryRow>
            <SummaryRow label={text.reason}>{serviceRequest.serviceRequest.reason ?? content.prescriptions.detail.notRecorded}</SummaryRow>
          </SummaryList>
        </>
      ) : serviceRequest.kind === "not-found" ? (
        <p data-testid="service-request-missing">{text.notReceivedHeading}.</p>
      ) : (
        <FailureCallout failure={describeFailure(serviceRequest.failure)} />
      )}
      <h3 className="nhsuk-heading-s">{text.appointmentHeading}</h3>
      {appointments.kind === "failed" ? (
        <FailureCallout failure={describeFailure(appointments.failure)} />
      ) : appointments.appointments.length === 0 ? (
        <p data-testid="no-appointment">{text.noAppointment}</p>
      ) : (
        <SummaryList testId="appointment">
          {appointments.appointments.map((appointment) => (
            <SummaryRow key={appointment.id} label={text.appointmentStatuses[appointment.status] ?? appointment.status}>
              {appointment.description ? (
                <>
                  {appointment.description}
                  <br />
                </>
              ) : null}
              {text.appointmentWhen}: {formatFhirDateTime(appointment.start) ?? content.prescriptions.detail.notRecorded}
            </SummaryRow>
          ))}
        </SummaryList>
      )}
    </section>
  );
}

export default async function ReferralActionPage({ params }: { params: Promise<{ ref: string; actionRef: string }> }) {
  const { ref, actionRef } = await params;
  const refused = await refusalFor(ref);
  if (refused) return refused;
  const data = await loadPatientPage(ref);
  if (data.kind !== "loaded") return null;
  const back = <BackToReferrals patientRef={ref} />;
  const action = referralAction(data.session, ref, actionRef);
  if (!canUse("send-referrals", data.role, data.session.assurance.authenticationLevel) || !action) {
    return (
      <>
        {back}
        <h2 className="nhsuk-heading-m">{text.title}</h2>
        <p data-testid="referral-unavailable">{action ? text.notPermitted : text.unknownAction}</p>
      </>
    );
  }
  const patient = data.outcome.kind === "found" || data.outcome.kind === "superseded" ? data.outcome.patient : null;
  const summary = (
    <SummaryList testId="referral-summary">
      {patient ? (
        <SummaryRow label={text.patient}>
          {formatPatientName(patient.name)}, {formatNhsNumber(patient.nhsNumber)}
        </SummaryRow>
      ) : null}
      <ReceiverRows action={action} />
      {action.reason && action.state !== "draft" ? <SummaryRow label={text.reason}>{action.reason}</SummaryRow> : null}
      {action.sentAt ? <SummaryRow label={text.sentAt}>{formatDateTimeWithTime(new Date(action.sentAt))}</SummaryRow> : null}
      {action.state !== "draft" ? (
        <SummaryRow label={text.referenceLabel} testId="referral-id">
          <code>{action.serviceRequestId}</code>
        </SummaryRow>
      ) : null}
    </SummaryList>
  );
  const failure = action.failure ? describeFailure(action.failure) : null;
  switch (action.state) {
    case "draft":
      return (
        <>
          {back}
          <ReferralReasonForm patientRef={ref} actionRef={actionRef} pageTitle={text.title} />
          <h2 className="nhsuk-heading-m" data-testid="referral-heading">
            {text.composeHeading(action.receiver.name)}
          </h2>
          {summary}
          <p>
            <Link href={paths.refer(ref)}>{text.changeService}</Link>
          </p>
        </>
      );
    case "sending":
      return (
        <>
          {back}
          <h2 className="nhsuk-heading-m" data-testid="referral-heading">
            {text.composeHeading(action.receiver.name)}
          </h2>
          <p role="status" data-testid="referral-sending">
            {text.stillSending}
          </p>
          <p>
            <Link href={paths.referralAction(ref, actionRef)}>{text.refresh}</Link>
          </p>
          {summary}
        </>
      );
    case "sent":
      return (
        <>
          {back}
          <div className="nhsuk-panel" data-testid="referral-sent">
            <h2 className="nhsuk-panel__title">{text.sentHeading}</h2>
            <div className="nhsuk-panel__body">{text.sentBody(action.receiver.name)}</div>
          </div>
          {action.alreadyReceived ? <p data-testid="already-received">{text.alreadyReceived}</p> : null}
          {summary}
          <Suspense fallback={<p role="status">{text.loadingReceiver}</p>}>
            <ReceiverRecord session={data.session} role={data.role} patientRef={ref} action={action} />
          </Suspense>
        </>
      );
    case "unknown":
      return (
        <>
          {back}
          <WarningCallout heading={text.unknownHeading} testId="referral-unknown">
            <p>{action.conflict ? text.unknownConflict : text.unknownBody}</p>
          </WarningCallout>
          {failure ? <FailureCallout failure={failure} /> : null}
          <ActionForm action={checkStatusAction} patientRef={ref} actionRef={actionRef} label={text.checkStatus} pendingText={text.checkStatus} />
          {summary}
        </>
      );
    case "not-received":
      return (
        <>
          {back}
          <h2 className="nhsuk-heading-m" data-testid="referral-not-received">
            {text.notReceivedHeading}
          </h2>
          <p>{text.notReceivedBody}</p>
          <ActionForm action={sendAgainAction} patientRef={ref} actionRef={actionRef} label={text.sendAgain} pendingText={text.sending} />
          {summary}
        </>
      );
    case "rejected": {
      const status = action.failure && "status" in action.failure ? action.failure.status : null;
      return (
        <>
          {back}
          <h2 className="nhsuk-heading-m" data-testid="referral-rejected">
            {text.rejectedHeading}
          </h2>
          {failure ? <FailureCallout failure={{ ...failure, body: (status !== null ? text.rejected[status] : undefined) ?? text.rejectedOther }} /> : null}
          {action.retryable ? (
            <ActionForm action={sendAgainAction} patientRef={ref} actionRef={actionRef} label={text.retryLater} pendingText={text.sending} />
          ) : null}
          <p>
            <Link href={paths.refer(ref)}>{text.changeService}</Link>
          </p>
          {summary}
        </>
      );
    }
    default: {
      const unhandled: never = action.state;
      return unhandled;
    }
  }
}
