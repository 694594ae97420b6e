"use client";

import { Button } from "nhsuk-react-components";

export function PrintButton({ label }: { label: string }) {
  return (
    <Button type="button" secondary className="app-no-print" onClick={() => window.print()}>
      {label}
    </Button>
  );
}
