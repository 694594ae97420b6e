/**
 * The NHS warning callout: a heading read as "Important: …" and what the person must know. A callout that
 * appears after an action (a failure) is an alert, so a screen reader says it at once.
 */
export function WarningCallout({
  heading,
  children,
  alert = false,
  testId,
}: {
  heading: React.ReactNode;
  children: React.ReactNode;
  alert?: boolean;
  testId?: string;
}) {
  return (
    <div className="nhsuk-warning-callout" role={alert ? "alert" : undefined} data-testid={testId}>
      <h2 className="nhsuk-warning-callout__label">
        <span role="text">
          <span className="nhsuk-u-visually-hidden">Important: </span>
          {heading}
        </span>
      </h2>
      {children}
    </div>
  );
}
