"use client";

import Link from "@/components/NoPrefetchLink";
import { usePathname } from "next/navigation";

export type RecordSection = "overview" | "details" | "scr" | "prescriptions" | "referrals" | "immunisations" | "documents";

const SECTIONS: ReadonlyArray<{ path: string; section: RecordSection }> = [
  { path: "", section: "overview" },
  { path: "/details", section: "details" },
  { path: "/summary-care-record", section: "scr" },
  { path: "/prescriptions", section: "prescriptions" },
  { path: "/referrals", section: "referrals" },
  { path: "/immunisations", section: "immunisations" },
  { path: "/documents", section: "documents" },
];

/**
 * The parts of the record as links, not script-driven tabs: each is its own page, reachable by keyboard
 * and by Back. Its text comes from the server page, so the browser is not sent the content module.
 */
export function RecordNavigation({ patientRef, label, sectionLabels }: { patientRef: string; label: string; sectionLabels: Record<RecordSection, string> }) {
  const pathname = usePathname();
  const base = `/patient/${patientRef}`;
  return (
    <nav className="app-sub-navigation" aria-label={label}>
      <ul className="app-sub-navigation__list">
        {SECTIONS.map((section) => {
          const href = `${base}${section.path}`;
          const current = section.path === "" ? pathname === base : pathname === href || pathname.startsWith(`${href}/`);
          return (
            <li key={section.path} className="app-sub-navigation__item">
              <Link href={href} className="app-sub-navigation__link" aria-current={current ? "page" : undefined}>
                {sectionLabels[section.section]}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
