import { recordPathOf, requestedPath, sectionFeature } from "@/lib/access/sections";
import * as content from "@/lib/content";
import { paths } from "@/lib/routes";

/**
 * The 403 page: the reason for the part refused when it is one tab or search, and a way back to the record.
 * Its links load the page afresh: a client-side move from a refused route can keep the refusal on screen.
 */
export default async function Forbidden() {
  const path = await requestedPath();
  const section = sectionFeature(path);
  const reason = (section && content.forbiddenBecause[section]) ?? content.forbidden.body;
  const record = section ? recordPathOf(path) : null;
  return (
    <div className="nhsuk-grid-row">
      <div className="nhsuk-grid-column-two-thirds">
        <h1>{content.forbidden.title}</h1>
        <p data-testid="forbidden">{reason}</p>
        {record ? (
          <p>
            <a href={record}>{content.forbidden.backToRecord}</a>
          </p>
        ) : null}
        <p>
          <a href={paths.selectRole()}>{content.header.changeRole}</a>
        </p>
      </div>
    </div>
  );
}
