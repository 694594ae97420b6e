import { forbidden } from "next/navigation";
import { canUse, type Feature } from "@/lib/access/policy";
import { requireActingRole } from "@/lib/auth/session";

/**
 * Every way to find a patient needs the role to find patients; a search by prescription ID or UBRN needs its
 * own feature too. Checked by each page (a move between search modes keeps any layout), before anything is read.
 */
export async function requireSearchAccess(feature?: Feature) {
  const { session, role } = await requireActingRole();
  const level = session.assurance.authenticationLevel;
  if (!canUse("find-patient", role, level) || (feature && !canUse(feature, role, level))) forbidden();
  return { session, role };
}

/** A search form in the two-thirds column, as every search mode shows it. */
export function SearchColumn({ children }: { children: React.ReactNode }) {
  return (
    <div className="nhsuk-grid-row">
      <div className="nhsuk-grid-column-two-thirds">{children}</div>
    </div>
  );
}
