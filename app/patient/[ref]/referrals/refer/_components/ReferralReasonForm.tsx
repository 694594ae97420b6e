"use client";

import { Button, Textarea } from "nhsuk-react-components";
import { useActionState } from "react";
import { sendReferralAction, type ReasonFormState } from "@/app/patient/[ref]/referrals/refer/actions";
import { referralReasonForm as text } from "@/lib/content/referral-forms";
import { REASON_FIELD_ID } from "@/lib/features/bars/refer-fields";
import { errorFor } from "@/lib/forms/state";
import { ErrorSummaryBox } from "@/components/ErrorSummaryBox";

/**
 * The send button is disabled while the send is in flight. That is a courtesy: what stops a second
 * send is the server, which marks the referral as sending before anything goes out.
 */
export function ReferralReasonForm({ patientRef, actionRef, pageTitle }: { patientRef: string; actionRef: string; pageTitle: string }) {
  const [state, formAction, pending] = useActionState<ReasonFormState, FormData>(sendReferralAction, { status: "idle" });
  const errors = state.status === "invalid" ? state.errors : [];
  const reason = state.status === "idle" ? "" : state.reason;
  return (
    <>
      <ErrorSummaryBox errors={errors} pageTitle={pageTitle} />
      {state.status === "message" ? (
        <div className="nhsuk-inset-text" role="status" data-testid="send-message">
          <p>{state.message}</p>
        </div>
      ) : null}
      <form action={formAction} noValidate key={`${state.status}:${reason}`} data-testid="referral-form">
        <input type="hidden" name="patientRef" value={patientRef} />
        <input type="hidden" name="actionRef" value={actionRef} />
        <Textarea
          id={REASON_FIELD_ID}
          name="reason"
          label={text.reasonLabel}
          hint={text.reasonHint}
          rows={6}
          defaultValue={reason}
          error={errorFor(errors, REASON_FIELD_ID)}
        />
        <Button type="submit" disabled={pending} aria-disabled={pending} data-testid="send-referral">
          {pending ? text.sending : text.send}
        </Button>
      </form>
    </>
  );
}
