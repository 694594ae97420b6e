"use client";

import Link from "@/components/NoPrefetchLink";
import { usePathname } from "next/navigation";
import { content } from "@/lib/content";

const SECTIONS = [
  { path: "", label: content.patient.sections.overview },
  { path: "/details", label: content.patient.sections.details },
  { path: "/summary-care-record", label: content.patient.sections.scr },
  { path: "/prescriptions", label: content.patient.sections.prescriptions },
  { path: "/referrals", label: content.patient.sections.referrals },
  { path: "/immunisations", label: content.patient.sections.immunisations },
  { path: "/documents", label: content.patient.sections.documents },
] as const;

/** The parts of the record as links, not script-driven tabs: each is its own page, reachable by keyboard and by Back. */
export function RecordNavigation({ patientRef }: { patientRef: string }) {
  const pathname = usePathname();
  const base = `/patient/${patientRef}`;
  return (
    <nav className="app-sub-navigation" aria-label={content.patient.recordNavigation}>
      <ul className="app-sub-navigation__list">
        {SECTIONS.map((section) => {
          const href = `${base}${section.path}`;
          const current = section.path === "" ? pathname === base : pathname === href || pathname.startsWith(`${href}/`);
          return (
            <li key={section.path} className="app-sub-navigation__item">
              <Link href={href} className="app-sub-navigation__link" aria-current={current ? "page" : undefined}>
                {section.label}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
