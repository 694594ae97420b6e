"use client";

import Link from "@/components/NoPrefetchLink";
import { usePathname } from "next/navigation";
import * as paths from "@/lib/paths";
import { RECORD_SECTIONS, type RecordSection } from "@/lib/paths";

/**
 * The parts of the record as links, not script-driven tabs: each is its own page, reachable by keyboard
 * and by Back. Its text comes from the server page, so the browser is not sent the content module.
 */
export function RecordNavigation({ patientRef, label, sectionLabels }: { patientRef: string; label: string; sectionLabels: Record<RecordSection, string> }) {
  const pathname = usePathname();
  const base = paths.record(patientRef);
  return (
    <nav className="app-sub-navigation" aria-label={label}>
      <ul className="app-sub-navigation__list">
        {RECORD_SECTIONS.map((section) => {
          const href = paths.recordSection(patientRef, section);
          const current = section === "overview" ? pathname === base : pathname === href || pathname.startsWith(`${href}/`);
          return (
            <li key={section} className="app-sub-navigation__item">
              <Link href={href} className="app-sub-navigation__link" aria-current={current ? "page" : undefined}>
                {sectionLabels[section]}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
