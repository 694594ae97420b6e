import { WarningCallout } from "@/components/WarningCallout";
import * as content from "@/lib/content";
import { vaccinationRouteList, vaccinationSiteList, vaccineProductList, type PickListOption } from "@/lib/features/vaccination/terminology";
import type { VaccineType } from "@/lib/nhs/immunisation/vaccine-types";

const text = content.vaccinationPages;

type Lists = { products: PickListOption[]; sites: PickListOption[]; routes: PickListOption[] };

/**
 * The product (of the chosen vaccine), site and route lists from the Terminology Server, rendered by the server so
 * that the form works without JavaScript. With a list missing the form cannot be checked, so it says why instead.
 */
export async function PickLists({ vaccineType, children }: { vaccineType: VaccineType; children: (lists: Lists) => React.ReactNode }) {
  const [products, sites, routes] = await Promise.all([vaccineProductList(vaccineType), vaccinationSiteList(), vaccinationRouteList()]);
  if (products.kind !== "found" || sites.kind !== "found" || routes.kind !== "found") {
    const missing = [products, sites, routes].find((list) => list.kind === "unavailable");
    return (
      <WarningCallout heading={content.vaccination.errors.listUnavailable} testId="lists-unavailable">
        <p>{text.listUnavailable(missing?.kind === "unavailable" ? missing.reference : "")}</p>
      </WarningCallout>
    );
  }
  return (
    <>
      {products.stale || sites.stale || routes.stale ? (
        <div className="nhsuk-inset-text" data-testid="lists-stale">
          <p>{text.listStale}</p>
        </div>
      ) : null}
      {children({ products: products.options, sites: sites.options, routes: routes.options })}
    </>
  );
}
