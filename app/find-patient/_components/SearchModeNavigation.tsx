import Link from "@/components/NoPrefetchLink";
import * as content from "@/lib/content";

const MODES = [
  { href: "/find-patient", label: content.findPatient.searchModes.nhsNumber },
  { href: "/find-patient/details", label: content.findPatient.searchModes.basic },
  { href: "/find-patient/advanced", label: content.findPatient.searchModes.advanced },
  { href: "/find-patient/prescription", label: content.findPatient.searchModes.prescription },
  { href: "/find-patient/ubrn", label: content.findPatient.searchModes.ubrn },
] as const;

/** How to search: links between the search pages, the current one marked for assistive technology. */
export function SearchModeNavigation({ current }: { current: (typeof MODES)[number]["href"] }) {
  return (
    <nav className="app-sub-navigation" aria-label={content.findPatient.searchBy}>
      <ul className="app-sub-navigation__list">
        {MODES.map((mode) => (
          <li key={mode.href} className="app-sub-navigation__item">
            <Link href={mode.href} className="app-sub-navigation__link" aria-current={mode.href === current ? "page" : undefined}>
              {mode.label}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
