const CAPTION_CLASS = {
  hidden: "nhsuk-table__caption nhsuk-u-visually-hidden",
  shown: "nhsuk-table__caption",
  heading: "nhsuk-table__caption nhsuk-table__caption--m",
} as const;

/**
 * An NHS table with its caption (read by screen readers, and shown unless `caption` is "hidden") and a header
 * row, one column per heading. The rows are the caller's: each `<tr className="nhsuk-table__row">`.
 */
export function Table({
  caption,
  captionStyle = "hidden",
  headings,
  children,
  testId,
  labelledBy,
}: {
  caption: React.ReactNode;
  captionStyle?: keyof typeof CAPTION_CLASS;
  headings: Record<string, string> | string[];
  children: React.ReactNode;
  testId?: string;
  labelledBy?: string;
}) {
  return (
    <table className="nhsuk-table" data-testid={testId} aria-labelledby={labelledBy}>
      <caption className={CAPTION_CLASS[captionStyle]}>{caption}</caption>
      <TableHead headings={headings} />
      <tbody className="nhsuk-table__body">{children}</tbody>
    </table>
  );
}

/** The header row of an NHS table, one column per heading. */
export function TableHead({ headings }: { headings: Record<string, string> | string[] }) {
  return (
    <thead className="nhsuk-table__head">
      <tr className="nhsuk-table__row">
        {Object.values(headings).map((heading) => (
          <th key={heading} scope="col" className="nhsuk-table__header">
            {heading}
          </th>
        ))}
      </tr>
    </thead>
  );
}

/**
 * A wide table's scrolling box. It can take keyboard focus (and is named), so a keyboard user can scroll it
 * too (WCAG 2.1.1; axe's scrollable-region-focusable).
 */
export function TableScroll({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div className="app-table-scroll" tabIndex={0} role="region" aria-label={label}>
      {children}
    </div>
  );
}
