import Link from "@/components/NoPrefetchLink";
import * as content from "@/lib/content";

export default function NotFound() {
  return (
    <div className="nhsuk-grid-row">
      <div className="nhsuk-grid-column-two-thirds">
        <h1>{content.errors.pageNotFound}</h1>
        <p>{content.errors.pageNotFoundBody}</p>
        <p>
          <Link href="/">{content.errors.goToStart}</Link>
        </p>
      </div>
    </div>
  );
}
