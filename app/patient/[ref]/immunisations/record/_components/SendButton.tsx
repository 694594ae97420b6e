"use client";

import { Button } from "nhsuk-react-components";
import { useActionState } from "react";
import type { ActionMessageState } from "@/app/patient/[ref]/immunisations/record/actions";

/**
 * The button that sends: disabled while the send is in flight. That is a courtesy: what stops a second send is
 * the server, which marks the vaccination as sending before anything goes out.
 */
export function SendButton({
  action,
  patientRef,
  actionRef,
  label,
  pendingLabel,
  testId,
}: {
  action: (state: ActionMessageState, posted: FormData) => Promise<ActionMessageState>;
  patientRef: string;
  actionRef: string;
  label: string;
  pendingLabel: string;
  testId: string;
}) {
  const [state, formAction, pending] = useActionState<ActionMessageState, FormData>(action, { status: "idle" });
  return (
    <>
      {state.status === "message" ? (
        <div className="nhsuk-inset-text" role="status" data-testid="vaccination-message">
          <p>{state.message}</p>
        </div>
      ) : null}
      <form action={formAction}>
        <input type="hidden" name="patientRef" value={patientRef} />
        <input type="hidden" name="actionRef" value={actionRef} />
        <Button type="submit" disabled={pending} aria-disabled={pending} data-testid={testId}>
          {pending ? pendingLabel : label}
        </Button>
      </form>
    </>
  );
}
