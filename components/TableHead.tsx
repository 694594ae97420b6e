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
