import * as content from "@/lib/content";

/** Shown under the patient banner while a section's sources answer, so the page never sits blank. */
export default function PatientSectionLoading() {
  return (
    <p role="status" data-testid="section-loading">
      {content.timeline.loading}
    </p>
  );
}
