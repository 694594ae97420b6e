import Link from "@/components/NoPrefetchLink";
import * as content from "@/lib/content";
import { paths } from "@/lib/routes";

/** The way back to the patient's Referrals tab, from a referral or from making one. */
export function BackToReferrals({ patientRef }: { patientRef: string }) {
  return (
    <p>
      <Link href={paths.recordSection(patientRef, "referrals")}>{content.refer.back}</Link>
    </p>
  );
}
