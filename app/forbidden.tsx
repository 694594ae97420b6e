import Link from "@/components/NoPrefetchLink";
import * as content from "@/lib/content";

export default function Forbidden() {
  return (
    <div className="nhsuk-grid-row">
      <div className="nhsuk-grid-column-two-thirds">
        <h1>{content.forbidden.title}</h1>
        <p data-testid="forbidden">{content.forbidden.body}</p>
        <p>
          <Link href="/select-role">{content.header.changeRole}</Link>
        </p>
      </div>
    </div>
  );
}
