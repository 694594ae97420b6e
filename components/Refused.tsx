import type { Feature } from "@/lib/access/policy";
import * as content from "@/lib/content";
import { paths } from "@/lib/routes";

/**
 * What a role is told where it may not go: the reason for the part refused when it is one tab or search, and a
 * way back to the record. Its links load the page afresh: a client-side move from a refused route can keep
 * the refusal on screen. The 403 page shows it; so does a tab reached from another tab (the layout stays).
 */
export function Refused({ section, recordPath }: { section: Feature | null; recordPath: string | null }) {
  const reason = (section && content.forbiddenBecause[section]) ?? content.forbidden.body;
  return (
    <div className="nhsuk-grid-row">
      <div className="nhsuk-grid-column-two-thirds">
        <h1>{content.forbidden.title}</h1>
        <p data-testid="forbidden">{reason}</p>
        {section && recordPath ? (
          <p>
            <a href={recordPath}>{content.forbidden.backToRecord}</a>
          </p>
        ) : null}
        <p>
          <a href={paths.selectRole()}>{content.header.changeRole}</a>
        </p>
      </div>
    </div>
  );
}
