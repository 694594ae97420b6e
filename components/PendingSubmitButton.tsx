"use client";

import { Button } from "nhsuk-react-components";
import { useFormStatus } from "react-dom";

/** A submit button that cannot be pressed again while its form's action is running. */
export function PendingSubmitButton({ children, pendingText, secondary }: { children: React.ReactNode; pendingText: string; secondary?: boolean }) {
  const { pending } = useFormStatus();
  return (
    <Button type="submit" disabled={pending} aria-disabled={pending} secondary={secondary}>
      {pending ? pendingText : children}
    </Button>
  );
}
