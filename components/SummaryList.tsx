/** An NHS summary list: each row a key and its value; rows with no value are left out by the caller. */
export function SummaryList({ children, testId, className }: { children: React.ReactNode; testId?: string; className?: string }) {
  return (
    <dl className={className ? `nhsuk-summary-list ${className}` : "nhsuk-summary-list"} data-testid={testId}>
      {children}
    </dl>
  );
}

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
