import { CONSENT_GIVEN, VACCINATION_FIELD_IDS as F } from "./vaccination-fields";
import type { VaccinationValues } from "./vaccination-form";

/** Checked answers as the form's fields again, to show them for changing (the same names readForm reads). */
export function vaccinationFormFields(values: VaccinationValues): Record<string, string> {
  const [expiryYear, expiryMonth, expiryDay] = values.expiry.split("-");
  const [givenYear, givenMonth, givenDay] = values.givenAt.slice(0, 10).split("-");
  return {
    [F.vaccineType]: values.vaccineType,
    [F.product]: values.product.code,
    [F.batch]: values.batch,
    [`${F.expiry}-day`]: String(Number(expiryDay)),
    [`${F.expiry}-month`]: String(Number(expiryMonth)),
    [`${F.expiry}-year`]: expiryYear ?? "",
    [F.doseNumber]: String(values.doseNumber),
    [F.doseAmount]: String(values.dose.value),
    [F.doseUnit]: values.dose.unit,
    [F.site]: values.site.code,
    [F.route]: values.route.code,
    [`${F.given}-day`]: String(Number(givenDay)),
    [`${F.given}-month`]: String(Number(givenMonth)),
    [`${F.given}-year`]: givenYear ?? "",
    [F.givenTime]: values.givenAt.slice(11, 16),
    [F.consent]: CONSENT_GIVEN,
  };
}
