import Link from "@/components/NoPrefetchLink";
import * as content from "@/lib/content";
import { paths } from "@/lib/routes";

const MODES = [
  { href: paths.findPatient(), label: content.findPatient.searchModes.nhsNumber },
  { href: paths.findByDetails(), label: content.findPatient.searchModes.basic },
  { href: paths.findAdvanced(), label: content.findPatient.searchModes.advanced },
  { href: paths.findByPrescription(), label: content.findPatient.searchModes.prescription },
  { href: paths.findByUbrn(), label: content.findPatient.searchModes.ubrn },
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
