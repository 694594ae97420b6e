import type { Metadata } from "next";
import { content } from "@/lib/content";

export const metadata: Metadata = { title: content.pageTitle(content.patient.sections.referrals) };

export default function Page() {
  return (
    <>
      <h2 className="nhsuk-heading-m">{content.patient.sections.referrals}</h2>
      <p data-testid="section-not-available">{content.patient.comingSoon}</p>
    </>
  );
}
