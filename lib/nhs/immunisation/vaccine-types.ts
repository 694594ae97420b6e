/**
 * The Immunisation FHIR API's vaccine types and the SNOMED CT concepts a record of each carries. The API decides a
 * record's type by its target disease(s) (protocolApplied.targetDisease), so these must be exact.
 *
 * Sources: the target diseases of FLU, COVID, RSV, HPV and MMR and the procedures of FLU and COVID are those of the
 * spec's own examples (immunisation-fhir-api specification/components/examples/Immunization/completed_*.json);
 * the rest follow NHS England's "coding for vaccination disease types" list, which the spec links to but the
 * copy here does not hold [unverified: check at onboarding]. The product ancestors (the concept whose descendants
 * are the products of a type, for the Terminology Server's pick-list) are this service's own choice
 * [unverified: confirm each against the Terminology Server's current UK edition].
 */

export const VACCINE_TYPES = ["3IN1", "COVID", "FLU", "HPV", "MENACWY", "MMR", "MMRV", "PNEUMOCOCCAL", "PERTUSSIS", "RSV", "SHINGLES"] as const;
export type VaccineType = (typeof VACCINE_TYPES)[number];

export const SNOMED = "http://snomed.info/sct";

export interface SnomedConcept {
  code: string;
  display: string;
}

export interface VaccineTypeCoding {
  /** What the vaccine protects against: every one must be on the record, and nothing else. */
  targetDiseases: readonly SnomedConcept[];
  /** The vaccination procedure (the UK Core VaccinationProcedure extension). */
  procedure: SnomedConcept;
  /** The products of this type are this concept's descendants. */
  productAncestor: SnomedConcept;
}

const MEASLES = { code: "14189004", display: "Measles" };
const MUMPS = { code: "36989005", display: "Mumps" };
const RUBELLA = { code: "36653000", display: "Rubella" };

export const VACCINE_TYPE_CODING: Record<VaccineType, VaccineTypeCoding> = {
  "3IN1": {
    targetDiseases: [
      { code: "76902006", display: "Tetanus" },
      { code: "397430003", display: "Diphtheria caused by Corynebacterium diphtheriae" },
      { code: "398102009", display: "Acute poliomyelitis" },
    ],
    procedure: {
      code: "866186002",
      display: "Administration of vaccine product containing only Clostridium tetani and Corynebacterium diphtheriae and Human poliovirus antigens",
    },
    productAncestor: { code: "871826000", display: "Clostridium tetani and Corynebacterium diphtheriae and Human poliovirus antigens only vaccine product" },
  },
  COVID: {
    targetDiseases: [{ code: "840539006", display: "Disease caused by severe acute respiratory syndrome coronavirus 2" }],
    procedure: { code: "1324681000000101", display: "Administration of first dose of severe acute respiratory syndrome coronavirus 2 vaccine" },
    productAncestor: { code: "1119305005", display: "Severe acute respiratory syndrome coronavirus 2 antigen vaccine product" },
  },
  FLU: {
    targetDiseases: [{ code: "6142004", display: "Influenza" }],
    procedure: { code: "822851000000102", display: "Seasonal influenza vaccination" },
    productAncestor: { code: "1181000221105", display: "Influenza virus antigen only vaccine product" },
  },
  HPV: {
    targetDiseases: [{ code: "240532009", display: "Human papillomavirus infection" }],
    procedure: { code: "761841000", display: "Administration of vaccine product containing only Human papillomavirus antigen" },
    productAncestor: { code: "911000221103", display: "Human papillomavirus antigen only vaccine product" },
  },
  MENACWY: {
    targetDiseases: [{ code: "23511006", display: "Meningococcal infectious disease" }],
    procedure: { code: "871874000", display: "Administration of vaccine product containing only Neisseria meningitidis serogroup A, C, W135 and Y antigens" },
    productAncestor: { code: "871873006", display: "Neisseria meningitidis serogroup A, C, W135 and Y antigens only vaccine product" },
  },
  MMR: {
    targetDiseases: [MEASLES, MUMPS, RUBELLA],
    procedure: {
      code: "38598009",
      display: "Administration of vaccine product containing only Measles morbillivirus and Mumps orthorubulavirus and Rubella virus antigens",
    },
    productAncestor: { code: "871831003", display: "Measles morbillivirus and Mumps orthorubulavirus and Rubella virus antigens only vaccine product" },
  },
  MMRV: {
    targetDiseases: [MEASLES, MUMPS, RUBELLA, { code: "38907003", display: "Varicella" }],
    procedure: { code: "432636005", display: "Administration of vaccine product containing only Measles, Mumps, Rubella and Varicella antigens" },
    productAncestor: { code: "871817003", display: "Measles, Mumps, Rubella and Varicella antigens only vaccine product" },
  },
  PERTUSSIS: {
    targetDiseases: [{ code: "27836007", display: "Pertussis" }],
    procedure: { code: "39343008", display: "Administration of vaccine product containing Bordetella pertussis antigen" },
    productAncestor: { code: "601000221108", display: "Bordetella pertussis antigen-containing vaccine product" },
  },
  PNEUMOCOCCAL: {
    targetDiseases: [{ code: "16814004", display: "Pneumococcal infectious disease" }],
    procedure: { code: "12866006", display: "Administration of vaccine product containing Streptococcus pneumoniae antigen" },
    productAncestor: { code: "1052328007", display: "Streptococcus pneumoniae antigen-containing vaccine product" },
  },
  RSV: {
    targetDiseases: [{ code: "55735004", display: "Respiratory syncytial virus infection" }],
    procedure: { code: "1303503001", display: "Administration of vaccine product containing only Human orthopneumovirus antigen" },
    // [unverified: a placeholder with a valid check digit; confirm the RSV product concept before integration]
    productAncestor: { code: "1303502006", display: "Human orthopneumovirus antigen only vaccine product" },
  },
  SHINGLES: {
    targetDiseases: [{ code: "4740000", display: "Herpes zoster" }],
    procedure: { code: "722215002", display: "Administration of vaccine product containing only Human alphaherpesvirus 3 antigen for shingles" },
    // [unverified] in the international hierarchy MMRV products may also descend from this concept: confirm, or
    // narrow the pick-list (ECL MINUS the MMRV concept), before integration
    productAncestor: { code: "836495005", display: "Varicella-zoster virus antigen-containing vaccine product" },
  },
};

/** The vaccine type whose target diseases are exactly these codes, in any order; undefined if none is. */
export function vaccineTypeOfDiseases(codes: readonly string[]): VaccineType | undefined {
  const wanted = [...new Set(codes)].sort().join(",");
  return VACCINE_TYPES.find(
    (type) =>
      VACCINE_TYPE_CODING[type].targetDiseases
        .map((disease) => disease.code)
        .sort()
        .join(",") === wanted,
  );
}

export function isVaccineType(value: unknown): value is VaccineType {
  return typeof value === "string" && (VACCINE_TYPES as readonly string[]).includes(value);
}
