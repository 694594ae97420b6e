"use client";

import { QueryClient, QueryClientProvider, useQuery } from "@tanstack/react-query";
import { useRef, useState } from "react";
import { PendingSubmitButton } from "@/components/PendingSubmitButton";
import type { GpSummaryView } from "@/lib/features/gp-summary/gp-summary-view";

const SETTLED = new Set(["accepted", "failed", "not-received", "draft"]);
const POLL_MILLISECONDS = 2000;

type Action = (posted: FormData) => Promise<void>;

export interface GpSummaryListText {
  noneSent: string;
  correct: string;
  check: string;
  resend: string;
  pending: string;
  unknownExplained: string;
  notReceivedExplained: string;
  upstreamCode: string;
  reference: string;
  headings: { reason: string; practice: string; sent: string; state: string };
  caption: string;
}

const TAG: Record<string, string> = {
  sent: "nhsuk-tag--blue",
  delivered: "nhsuk-tag--aqua-green",
  accepted: "nhsuk-tag--green",
  failed: "nhsuk-tag--red",
  unknown: "nhsuk-tag--yellow",
  sending: "nhsuk-tag--grey",
  "not-received": "nhsuk-tag--orange",
};

function Rows({ patientRef, statusUrl, initial, initialVersion, text, actions }: Props) {
  // what the page shows and its version: the server answers 304 (and audits nothing) while it is unchanged
  const shown = useRef({ version: initialVersion, summaries: initial });
  const { data } = useQuery({
    queryKey: ["gp-summaries", patientRef],
    queryFn: async (): Promise<GpSummaryView[]> => {
      const response = await fetch(statusUrl, {
        cache: "no-store",
        headers: { accept: "application/json", ...(shown.current.version ? { "if-none-match": `"${shown.current.version}"` } : {}) },
      });
      if (response.status === 304) return shown.current.summaries;
      if (!response.ok) throw new Error(String(response.status));
      const { summaries } = (await response.json()) as { summaries: GpSummaryView[] };
      shown.current = { version: response.headers.get("etag")?.replaceAll('"', "") ?? "", summaries };
      return summaries;
    },
    initialData: initial,
    // follows each summary until it settles; nothing is polled once all have
    refetchInterval: (query) => ((query.state.data ?? []).some((summary) => !SETTLED.has(summary.state)) ? POLL_MILLISECONDS : false),
    refetchOnWindowFocus: false,
  });
  if (data.length === 0) return <p data-testid="gp-summaries-none">{text.noneSent}</p>;
  const hidden = (summary: GpSummaryView) => (
    <>
      <input type="hidden" name="patientRef" value={patientRef} />
      <input type="hidden" name="summaryRef" value={summary.id} />
    </>
  );
  return (
    <table className="nhsuk-table" data-testid="gp-summaries-table">
      <caption className="nhsuk-table__caption">{text.caption}</caption>
      <thead className="nhsuk-table__head">
        <tr>
          <th scope="col">{text.headings.reason}</th>
          <th scope="col">{text.headings.practice}</th>
          <th scope="col">{text.headings.sent}</th>
          <th scope="col">{text.headings.state}</th>
        </tr>
      </thead>
      <tbody className="nhsuk-table__body">
        {data.map((summary) => (
          <tr key={summary.id} data-testid="gp-summary-row" data-state={summary.state}>
            <td>{summary.reason}</td>
            <td>{summary.practice}</td>
            <td>
              {summary.sent ?? ""}
              <br />
              {summary.author}
            </td>
            <td aria-live="polite">
              <strong className={`nhsuk-tag ${TAG[summary.state] ?? ""}`} data-testid="gp-summary-state">
                {summary.stateLabel}
              </strong>
              {summary.failure ? (
                <p className="nhsuk-u-margin-top-2" data-testid="gp-summary-failure">
                  {summary.failure}
                </p>
              ) : null}
              {summary.upstreamCode || summary.reference ? (
                <p className="nhsuk-body-s nhsuk-u-margin-top-2" data-testid="gp-summary-reference">
                  {summary.upstreamCode ? (
                    <>
                      <span data-testid="gp-summary-upstream-code">{`${text.upstreamCode}: ${summary.upstreamCode}`}</span>
                      <br />
                    </>
                  ) : null}
                  {summary.reference ? `${text.reference}: ${summary.reference}` : null}
                </p>
              ) : null}
              {summary.canCheck ? (
                <form action={actions.check}>
                  <p>{text.unknownExplained}</p>
                  {hidden(summary)}
                  <PendingSubmitButton pendingText={text.pending} secondary>
                    {text.check}
                  </PendingSubmitButton>
                </form>
              ) : null}
              {summary.canResend ? (
                <form action={actions.send}>
                  <p>{text.notReceivedExplained}</p>
                  {hidden(summary)}
                  <PendingSubmitButton pendingText={text.pending}>{text.resend}</PendingSubmitButton>
                </form>
              ) : null}
              {summary.canCorrect ? (
                <form action={actions.start}>
                  <input type="hidden" name="patientRef" value={patientRef} />
                  <input type="hidden" name="corrects" value={summary.id} />
                  <PendingSubmitButton pendingText={text.pending} secondary>
                    {text.correct}
                  </PendingSubmitButton>
                </form>
              ) : null}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

interface Props {
  patientRef: string;
  statusUrl: string;
  initial: GpSummaryView[];
  initialVersion: string;
  text: GpSummaryListText;
  actions: { start: Action; send: Action; check: Action };
}

/** The summaries sent, each state following MESH and the practice on the page: a small island polling a no-store view model. */
export function GpSummaryList(props: Props) {
  const [client] = useState(() => new QueryClient({ defaultOptions: { queries: { retry: 1, staleTime: 0 } } }));
  return (
    <QueryClientProvider client={client}>
      <Rows {...props} />
    </QueryClientProvider>
  );
}
