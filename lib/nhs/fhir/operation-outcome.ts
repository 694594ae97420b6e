import { z } from "zod";
import { coding } from "./datatypes";

/** FHIR OperationOutcome as the NHS API platform and Spine return it. */
export const operationOutcomeSchema = z.object({
  resourceType: z.literal("OperationOutcome"),
  issue: z
    .array(
      z.object({
        severity: z.string(),
        code: z.string(),
        details: z
          .object({
            coding: z.array(coding).optional(),
            text: z.string().optional(),
          })
          .optional(),
        diagnostics: z.string().optional(),
      }),
    )
    .min(1),
});

export type OperationOutcome = z.infer<typeof operationOutcomeSchema>;

export interface OutcomeSummary {
  /** The NHS error code (e.g. RESOURCE_NOT_FOUND) or, failing that, the FHIR issue code. */
  code: string;
  severity: string;
  display?: string;
  diagnostics?: string;
}

export function summariseOperationOutcome(outcome: OperationOutcome): OutcomeSummary {
  const [issue] = outcome.issue;
  const coding = issue.details?.coding?.find((entry) => entry.code);
  return {
    code: coding?.code ?? issue.code,
    severity: issue.severity,
    display: coding?.display ?? issue.details?.text,
    diagnostics: issue.diagnostics,
  };
}
