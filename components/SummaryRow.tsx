/** One row of an NHS summary list. */
export function SummaryRow({ label, children, testId }: { label: string; children: React.ReactNode; testId?: string }) {
  return (
    <div className="nhsuk-summary-list__row">
      <dt className="nhsuk-summary-list__key">{label}</dt>
      <dd className="nhsuk-summary-list__value" data-testid={testId}>
        {children}
      </dd>
    </div>
  );
}
