import type { Metadata } from "next";
import { Button } from "nhsuk-react-components";
import { refusalFor } from "@/app/patient/[ref]/_components/refusal";
import { SendButton } from "@/app/patient/[ref]/immunisations/record/_components/SendButton";
import Link from "@/components/NoPrefetchLink";
import { FailureCallout } from "@/components/FailureCallout";
import { WarningCallout } from "@/components/WarningCallout";
import * as content from "@/lib/content";
import { describeFailure } from "@/lib/features/failure-message";
import { canMessagePatients, messageAction, messageChoices } from "@/lib/features/patient-messages/messages";
import { loadPatientPage } from "@/lib/features/record/load-patient";
import type { FormValues } from "@/lib/forms/state";
import { paths } from "@/lib/routes";
import { checkMessageStatusAction, reviseMessageAction, sendMessageAction } from "../actions";
import { MessageForm } from "../_components/MessageForm";
import { MessagePreview } from "../_components/MessagePreview";

const text = content.patientMessages;

export const metadata: Metadata = { title: content.pageTitle(text.newTitle) };

function formValuesOf(values: NonNullable<ReturnType<typeof messageAction>>["values"]): FormValues {
  if (!values) return {};
  switch (values.template) {
    case "referral-sent":
      return { template: values.template, service: values.service, phone: values.phone, when: values.when ?? "" };
    case "vaccination-recorded": {
      const [year, month, day] = values.given.split("-");
      return {
        template: values.template,
        vaccine: values.vaccine,
        "given-day": String(Number(day)),
        "given-month": String(Number(month)),
        "given-year": year ?? "",
      };
    }
    case "nhs-website-page":
      return { template: values.template, page: values.page };
  }
}

/** One message: the template and its details, then exactly what the patient will read, then the send and its outcome. */
export default async function PatientMessagePage({ params }: { params: Promise<{ ref: string; actionRef: string }> }) {
  const { ref, actionRef } = await params;
  const refused = await refusalFor(ref);
  if (refused) return refused;
  const data = await loadPatientPage(ref);
  if (data.kind !== "loaded") return null;
  const back = (
    <p>
      <Link href={paths.patientMessages(ref)}>{text.back}</Link>
    </p>
  );
  const action = messageAction(data.session, ref, actionRef);
  if (!action || !canMessagePatients(data.session, data.role)) {
    return (
      <>
        {back}
        <h2 className="nhsuk-heading-m">{text.newTitle}</h2>
        <p data-testid="message-unavailable">{action ? text.notPermitted : content.vaccinationPages.unknownAction}</p>
      </>
    );
  }
  const warning = (
    <WarningCallout heading={text.title} testId="never-only-channel">
      <p>{text.neverOnlyChannel}</p>
    </WarningCallout>
  );
  const hidden = (
    <>
      <input type="hidden" name="patientRef" value={ref} />
      <input type="hidden" name="actionRef" value={actionRef} />
    </>
  );

  if (action.state === "draft" && action.attempts === 0 && !action.markdown) {
    const choices = messageChoices();
    return (
      <>
        {back}
        <h2 className="nhsuk-heading-m">{text.newTitle}</h2>
        {warning}
        <MessageForm
          patientRef={ref}
          actionRef={actionRef}
          vaccines={Object.entries(choices.vaccines).map(([value, name]) => ({ value, name }))}
          pages={Object.entries(choices.pages).map(([value, page]) => ({ value, name: page.title }))}
          initialValues={formValuesOf(action.values)}
        />
      </>
    );
  }

  const outcome =
    action.state === "sent" ? (
      <div className="nhsuk-inset-text" data-testid="message-sent">
        <p>{text.outcome.sent}</p>
        <p>
          <Link href={paths.patientMessages(ref)}>{text.back}</Link>
        </p>
      </div>
    ) : action.state === "unknown" ? (
      <>
        <WarningCallout heading={text.states.unknown} alert testId="message-unknown">
          <p>{action.checkedAt ? text.outcome.stillUnknown : text.outcome.unknown}</p>
        </WarningCallout>
        {action.failure ? <FailureCallout failure={describeFailure(action.failure)} /> : null}
        <form action={checkMessageStatusAction}>
          {hidden}
          <Button type="submit" secondary data-testid="message-check-status">
            {text.checkStatus}
          </Button>
        </form>
      </>
    ) : action.state === "refused" ? (
      <>
        <WarningCallout heading={text.states.refused} alert testId="message-refused">
          <p>{action.refusal?.kind === "forbidden" ? text.outcome.forbidden : text.outcome.refused(action.refusal?.diagnostics ?? null)}</p>
        </WarningCallout>
        {action.failure ? <FailureCallout failure={describeFailure(action.failure)} /> : null}
      </>
    ) : action.state === "not-sent" ? (
      <>
        <WarningCallout heading={text.states["not-sent"]} alert testId="message-not-sent">
          <p>{action.refusal?.kind === "failed" ? text.outcome.failed : text.outcome.notSent}</p>
        </WarningCallout>
        {action.failure ? <FailureCallout failure={describeFailure(action.failure)} /> : null}
      </>
    ) : null;

  return (
    <>
      {back}
      <h2 className="nhsuk-heading-m" data-testid="message-state">
        {text.states[action.state]}
      </h2>
      {warning}
      {outcome}
      <h3 className="nhsuk-heading-s">{text.preview}</h3>
      <p className="nhsuk-body-s">{text.previewHint}</p>
      <MessagePreview markdown={action.markdown ?? ""} label={text.preview} />
      {action.state === "draft" || action.state === "not-sent" ? (
        <>
          <SendButton
            action={sendMessageAction}
            patientRef={ref}
            actionRef={actionRef}
            label={action.state === "draft" ? text.send : text.sendAgain}
            pendingLabel={text.sending}
            testId="message-send"
          />
          {action.state === "draft" && action.attempts === 0 ? (
            <form action={reviseMessageAction}>
              {hidden}
              <Button type="submit" secondary data-testid="message-change">
                {text.change}
              </Button>
            </form>
          ) : null}
        </>
      ) : null}
    </>
  );
}
