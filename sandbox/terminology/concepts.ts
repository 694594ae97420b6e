import { VACCINE_TYPE_CODING, VACCINE_TYPES, type VaccineType } from "../../lib/nhs/immunisation/vaccine-types";
import { VACCINATION_ROUTES, VACCINATION_SITES } from "../../lib/nhs/terminology/value-sets";

/**
 * The stand-in Terminology Server's SNOMED CT: about 150 concepts in two releases of the UK edition. The vaccine
 * products of every Immunisation API vaccine type (children of the type's product concept), the sites and routes
 * a vaccine is given by, and the target diseases. Product codes already used by the stand-in's immunisation
 * records, and the spec's example Supemtek, are the real dm+d codes; the others are made for the stand-in in the
 * UK drug extension's form (namespace 1000001, a valid check digit), named as dm+d names products.
 */

export const UK_EDITION = "http://snomed.info/sct/83821000000107";
export const RELEASES = [`${UK_EDITION}/version/20250917`, `${UK_EDITION}/version/20251015`] as const;
export type Release = (typeof RELEASES)[number];

export interface StandInConcept {
  code: string;
  display: string;
  parents: string[];
  /** The first release it is in; absent, in all of them. */
  since?: Release;
  /** Its preferred term in releases before `since` of a rename (a term corrected in a later release). */
  earlierDisplay?: { until: Release; display: string };
}

/** Verhoeff's check digit, as every SNOMED CT identifier ends with. */
function verhoeff(digits: string): string {
  const d = [
    [0, 1, 2, 3, 4, 5, 6, 7, 8, 9],
    [1, 2, 3, 4, 0, 6, 7, 8, 9, 5],
    [2, 3, 4, 0, 1, 7, 8, 9, 5, 6],
    [3, 4, 0, 1, 2, 8, 9, 5, 6, 7],
    [4, 0, 1, 2, 3, 9, 5, 6, 7, 8],
    [5, 9, 8, 7, 6, 0, 4, 3, 2, 1],
    [6, 5, 9, 8, 7, 1, 0, 4, 3, 2],
    [7, 6, 5, 9, 8, 2, 1, 0, 4, 3],
    [8, 7, 6, 5, 9, 3, 2, 1, 0, 4],
    [9, 8, 7, 6, 5, 4, 3, 2, 1, 0],
  ];
  const p = [
    [0, 1, 2, 3, 4, 5, 6, 7, 8, 9],
    [1, 5, 7, 6, 2, 8, 3, 0, 9, 4],
    [5, 8, 0, 3, 7, 9, 6, 1, 4, 2],
    [8, 9, 1, 6, 0, 4, 3, 5, 2, 7],
    [9, 4, 5, 3, 1, 2, 6, 8, 7, 0],
    [4, 2, 8, 6, 5, 7, 3, 9, 0, 1],
    [2, 7, 9, 3, 8, 0, 6, 4, 1, 5],
    [7, 0, 4, 6, 9, 1, 3, 2, 5, 8],
  ];
  const inv = [0, 4, 3, 2, 1, 5, 6, 7, 8, 9];
  let c = 0;
  [...digits].reverse().forEach((digit, i) => {
    c = d[c]![p[(i + 1) % 8]![Number(digit)]!]!;
  });
  return String(inv[c]);
}

/** A stand-in dm+d product identifier: item, the UK drug extension's namespace, partition 10 (concept), check digit. */
export function standInProductCode(item: number): string {
  const body = `${90_000 + item}1000001${"10"}`;
  return `${body}${verhoeff(body)}`;
}

export function isValidSctid(code: string): boolean {
  return /^\d{6,18}$/.test(code) && verhoeff(code.slice(0, -1)) === code.slice(-1);
}

/** The products of each type: [display, real code if it is one]. */
const PRODUCTS: Record<VaccineType, Array<[string, string?]>> = {
  COVID: [
    ["COVID-19 Vaccine Vaxzevria 0.5ml dose suspension for injection multidose vials (AstraZeneca UK Ltd)", "39114911000001105"],
    ["Comirnaty JN.1 COVID-19 mRNA Vaccine 30micrograms/0.3ml dose (Pfizer Ltd)", "42985911000001104"],
    ["Comirnaty KP.2 COVID-19 mRNA Vaccine 30micrograms/0.3ml dose dispersion for injection multidose vials (Pfizer Ltd)"],
    ["Comirnaty KP.2 COVID-19 mRNA Vaccine 10micrograms/0.3ml dose concentrate for dispersion for injection multidose vials (Pfizer Ltd)"],
    ["Spikevax JN.1 COVID-19 mRNA Vaccine 0.1mg/ml dispersion for injection 0.5ml pre-filled syringes (Moderna, Inc)"],
    ["Spikevax JN.1 COVID-19 mRNA Vaccine 0.1mg/ml dispersion for injection 2.5ml multidose vials (Moderna, Inc)"],
    ["Nuvaxovid XBB.1.5 COVID-19 Vaccine 5micrograms/0.5ml dose suspension for injection multidose vials (Sanofi)"],
    ["Comirnaty LP.8.1 COVID-19 mRNA Vaccine 30micrograms/0.3ml dose dispersion for injection pre-filled syringes (Pfizer Ltd)"],
    ["Spikevax LP.8.1 COVID-19 mRNA Vaccine 0.1mg/ml dispersion for injection 0.5ml pre-filled syringes (Moderna, Inc)"],
    ["Kostaive COVID-19 self-amplifying mRNA Vaccine 5micrograms/0.5ml dose powder for dispersion for injection vials (Seqirus UK Ltd)"],
  ],
  FLU: [
    ["Supemtek Quadrivalent vaccine (recombinant) solution for injection 0.5ml pre-filled syringes (Sanofi)", "39566211000001103"],
    ["Fluenz nasal suspension (AstraZeneca UK Ltd)", "43208811000001106"],
    ["Adjuvanted Trivalent Influenza Vaccine (surface antigen, inactivated) suspension for injection 0.5ml pre-filled syringes (Seqirus UK Ltd)"],
    ["Flucelvax (cell-based, surface antigen, inactivated) suspension for injection 0.5ml pre-filled syringes (Seqirus UK Ltd)"],
    ["Efluelda trivalent influenza vaccine (split virion, inactivated) high dose suspension for injection 0.5ml pre-filled syringes (Sanofi)"],
    ["Influenza Tetra MYL vaccine suspension for injection 0.5ml pre-filled syringes (Viatris UK Healthcare Ltd)"],
    ["Influvac sub-unit Tetra vaccine suspension for injection 0.5ml pre-filled syringes (Viatris UK Healthcare Ltd)"],
    ["Quadrivalent Influenza Vaccine (split virion, inactivated) suspension for injection 0.5ml pre-filled syringes (Sanofi)"],
    ["Fluad Tetra vaccine suspension for injection 0.5ml pre-filled syringes (Seqirus UK Ltd)"],
    ["Fluenz Trivalent nasal spray suspension 0.2ml unit dose (AstraZeneca UK Ltd)"],
  ],
  RSV: [
    ["Abrysvo powder and solvent for solution for injection 0.5ml vials (Pfizer Ltd)"],
    ["Arexvy powder and suspension for suspension for injection 0.5ml vials (GlaxoSmithKline UK Ltd)"],
    ["mResvia dispersion for injection 0.5ml pre-filled syringes (Moderna, Inc)"],
    ["Abrysvo powder and solvent for solution for injection 0.5ml pre-filled syringes with vial adaptor (Pfizer Ltd)"],
    ["Arexvy powder and suspension for suspension for injection 0.5ml vials x10 (GlaxoSmithKline UK Ltd)"],
    ["Respiratory syncytial virus vaccine powder and solvent for solution for injection 0.5ml vials (Pfizer Ltd) hospital pack"],
    ["mResvia dispersion for injection 0.5ml pre-filled syringes x10 (Moderna, Inc)"],
    ["Abrysvo powder and solvent for solution for injection 0.5ml vials x5 (Pfizer Ltd)"],
  ],
  HPV: [
    ["Gardasil 9 vaccine suspension for injection 0.5ml pre-filled syringes (Merck Sharp & Dohme (UK) Ltd)"],
    ["Gardasil 9 vaccine suspension for injection 0.5ml vials (Merck Sharp & Dohme (UK) Ltd)"],
    ["Cervarix vaccine suspension for injection 0.5ml pre-filled syringes (GlaxoSmithKline UK Ltd)"],
    ["Gardasil vaccine suspension for injection 0.5ml pre-filled syringes (Merck Sharp & Dohme (UK) Ltd)"],
    ["Gardasil 9 vaccine suspension for injection 0.5ml pre-filled syringes x10 (Merck Sharp & Dohme (UK) Ltd)"],
    ["Cervarix vaccine suspension for injection 0.5ml vials (GlaxoSmithKline UK Ltd)"],
    ["Gardasil vaccine suspension for injection 0.5ml vials (Merck Sharp & Dohme (UK) Ltd)"],
    ["Human papillomavirus 9-valent vaccine suspension for injection 0.5ml pre-filled syringes (Merck Sharp & Dohme (UK) Ltd) hospital pack"],
  ],
  MMR: [
    ["M-M-RvaxPro powder and solvent for suspension for injection 0.5ml pre-filled syringes (Merck Sharp & Dohme (UK) Ltd)"],
    ["Priorix powder and solvent for solution for injection 0.5ml pre-filled syringes (GlaxoSmithKline UK Ltd)"],
    ["M-M-RvaxPro powder and solvent for suspension for injection 0.5ml vials (Merck Sharp & Dohme (UK) Ltd)"],
    ["Priorix powder and solvent for solution for injection 0.5ml vials (GlaxoSmithKline UK Ltd)"],
    ["M-M-RvaxPro powder and solvent for suspension for injection 0.5ml pre-filled syringes x10 (Merck Sharp & Dohme (UK) Ltd)"],
    ["Priorix powder and solvent for solution for injection 0.5ml pre-filled syringes x10 (GlaxoSmithKline UK Ltd)"],
    ["Measles, mumps and rubella vaccine (live) powder and solvent for suspension for injection 0.5ml vials (Merck Sharp & Dohme (UK) Ltd) hospital pack"],
    ["Priorix powder and solvent for solution for injection 0.5ml pre-filled syringes with two needles (GlaxoSmithKline UK Ltd)"],
  ],
  MMRV: [
    ["ProQuad powder and solvent for suspension for injection 0.5ml pre-filled syringes (Merck Sharp & Dohme (UK) Ltd)"],
    ["Priorix-Tetra powder and solvent for solution for injection 0.5ml pre-filled syringes (GlaxoSmithKline UK Ltd)"],
    ["ProQuad powder and solvent for suspension for injection 0.5ml vials (Merck Sharp & Dohme (UK) Ltd)"],
    ["Priorix-Tetra powder and solvent for solution for injection 0.5ml vials (GlaxoSmithKline UK Ltd)"],
    ["ProQuad powder and solvent for suspension for injection 0.5ml pre-filled syringes x10 (Merck Sharp & Dohme (UK) Ltd)"],
    ["Priorix-Tetra powder and solvent for solution for injection 0.5ml pre-filled syringes x10 (GlaxoSmithKline UK Ltd)"],
    [
      "Measles, mumps, rubella and varicella vaccine (live) powder and solvent for solution for injection 0.5ml pre-filled syringes (GlaxoSmithKline UK Ltd) hospital pack",
    ],
    ["ProQuad powder and solvent for suspension for injection 0.5ml pre-filled syringes with two needles (Merck Sharp & Dohme (UK) Ltd)"],
  ],
  MENACWY: [
    ["MenQuadfi solution for injection 0.5ml vials (Sanofi)"],
    ["Nimenrix powder and solvent for solution for injection 0.5ml pre-filled syringes (Pfizer Ltd)"],
    ["Menveo powder and solution for solution for injection 0.5ml vials (GlaxoSmithKline UK Ltd)"],
    ["MenQuadfi solution for injection 0.5ml vials x5 (Sanofi)"],
    ["Nimenrix powder and solvent for solution for injection 0.5ml vials (Pfizer Ltd)"],
    ["Menveo powder and solution for solution for injection 0.5ml vials x5 (GlaxoSmithKline UK Ltd)"],
    ["Meningococcal group A, C, W135 and Y conjugate vaccine powder and solvent for solution for injection 0.5ml vials (Pfizer Ltd) hospital pack"],
    ["Nimenrix powder and solvent for solution for injection 0.5ml pre-filled syringes x10 (Pfizer Ltd)"],
  ],
  PERTUSSIS: [
    ["Boostrix-IPV suspension for injection 0.5ml pre-filled syringes (GlaxoSmithKline UK Ltd)"],
    ["Repevax suspension for injection 0.5ml pre-filled syringes (Sanofi)"],
    ["Adacel suspension for injection 0.5ml pre-filled syringes (Sanofi)"],
    ["Boostrix-IPV suspension for injection 0.5ml pre-filled syringes x10 (GlaxoSmithKline UK Ltd)"],
    ["Repevax suspension for injection 0.5ml pre-filled syringes x10 (Sanofi)"],
    ["Infanrix hexa powder and suspension for suspension for injection 0.5ml pre-filled syringes (GlaxoSmithKline UK Ltd)"],
    ["Vaxelis suspension for injection 0.5ml pre-filled syringes (Sanofi Pasteur MSD Ltd)"],
    ["Diphtheria, tetanus, pertussis (acellular) and poliomyelitis vaccine suspension for injection 0.5ml pre-filled syringes (Sanofi) hospital pack"],
  ],
  PNEUMOCOCCAL: [
    ["Pneumovax 23 vaccine solution for injection 0.5ml pre-filled syringes (Merck Sharp & Dohme (UK) Ltd)", "3439211000001108"],
    ["Prevenar 13 vaccine suspension for injection 0.5ml pre-filled syringes (Pfizer Ltd)"],
    ["Prevenar 20 suspension for injection 0.5ml pre-filled syringes (Pfizer Ltd)"],
    ["Vaxneuvance suspension for injection 0.5ml pre-filled syringes (Merck Sharp & Dohme (UK) Ltd)"],
    ["Capvaxive solution for injection 0.5ml pre-filled syringes (Merck Sharp & Dohme (UK) Ltd)"],
    ["Prevenar 13 vaccine suspension for injection 0.5ml pre-filled syringes x10 (Pfizer Ltd)"],
    ["Pneumovax 23 vaccine solution for injection 0.5ml vials (Merck Sharp & Dohme (UK) Ltd)"],
    ["Prevenar 20 suspension for injection 0.5ml pre-filled syringes x10 (Pfizer Ltd)"],
  ],
  SHINGLES: [
    ["Shingrix suspension for injection 0.5ml vials (GlaxoSmithKline UK Ltd)", "38737511000001105"],
    ["Zostavax powder and solvent for suspension for injection 0.65ml pre-filled syringes (Merck Sharp & Dohme (UK) Ltd)"],
    ["Shingrix suspension for injection 0.5ml vials x10 (GlaxoSmithKline UK Ltd)"],
    ["Zostavax powder and solvent for suspension for injection 0.65ml vials (Merck Sharp & Dohme (UK) Ltd)"],
    ["Herpes zoster vaccine (recombinant, adjuvanted) powder and suspension for suspension for injection 0.5ml vials (GlaxoSmithKline UK Ltd) hospital pack"],
    ["Shingrix powder and suspension for suspension for injection 0.5ml pre-filled syringes (GlaxoSmithKline UK Ltd)"],
    ["Zostavax powder and solvent for suspension for injection 0.65ml pre-filled syringes x10 (Merck Sharp & Dohme (UK) Ltd)"],
    ["Shingrix powder and suspension for suspension for injection 0.5ml vials with adaptor (GlaxoSmithKline UK Ltd)"],
  ],
  "3IN1": [
    ["Revaxis suspension for injection 0.5ml pre-filled syringes (Sanofi)"],
    ["Revaxis suspension for injection 0.5ml pre-filled syringes x10 (Sanofi)"],
    [
      "Diphtheria, tetanus and poliomyelitis (inactivated) vaccine (adsorbed, reduced antigen content) suspension for injection 0.5ml pre-filled syringes (Sanofi) hospital pack",
    ],
    ["Revaxis suspension for injection 0.5ml pre-filled syringes with two needles (Sanofi)"],
    ["Td/IPV vaccine suspension for injection 0.5ml pre-filled syringes (Sanofi)"],
    ["Td/IPV vaccine suspension for injection 0.5ml pre-filled syringes x10 (Sanofi)"],
    ["Revaxis suspension for injection 0.5ml vials (Sanofi)"],
    ["Td/IPV vaccine suspension for injection 0.5ml vials x10 (Sanofi)"],
  ],
};

const BODY_STRUCTURE = "123037004";
const ROUTE_OF_ADMINISTRATION = "284009009";
const DISEASE = "64572001";
const VACCINE_PRODUCT = "787859002";

/** Products first in the later release: LP.8.1 COVID vaccines, for the version semantics. */
const NEW_IN_LATEST = /LP\.8\.1/;

function buildConcepts(): StandInConcept[] {
  const concepts: StandInConcept[] = [
    { code: BODY_STRUCTURE, display: "Body structure", parents: [] },
    { code: ROUTE_OF_ADMINISTRATION, display: "Route of administration value", parents: [] },
    { code: DISEASE, display: "Disease", parents: [] },
    { code: VACCINE_PRODUCT, display: "Vaccine product", parents: [] },
    ...VACCINATION_SITES.map((site) => ({ ...site, parents: [BODY_STRUCTURE] })),
    ...VACCINATION_ROUTES.map((route) => ({ ...route, parents: [ROUTE_OF_ADMINISTRATION] })),
  ];
  const seen = new Set(concepts.map((concept) => concept.code));
  let item = 0;
  for (const type of VACCINE_TYPES) {
    const coding = VACCINE_TYPE_CODING[type];
    concepts.push({ ...coding.productAncestor, parents: [VACCINE_PRODUCT] });
    for (const disease of coding.targetDiseases) {
      if (seen.has(disease.code)) continue;
      seen.add(disease.code);
      concepts.push({ ...disease, parents: [DISEASE] });
    }
    for (const [display, realCode] of PRODUCTS[type]) {
      item += 1;
      concepts.push({
        code: realCode ?? standInProductCode(item),
        display,
        parents: [coding.productAncestor.code],
        ...(NEW_IN_LATEST.test(display) ? { since: RELEASES[1] } : {}),
      });
    }
  }
  // a term corrected in the latest release: the earlier one read differently
  const arexvy = concepts.find((concept) => concept.display.startsWith("Arexvy powder and suspension for suspension for injection 0.5ml vials ("))!;
  arexvy.earlierDisplay = { until: RELEASES[1], display: "Arexvy powder and suspension for suspension for injection 0.5ml vial (GlaxoSmithKline UK Ltd)" };
  return concepts;
}

export const CONCEPTS: readonly StandInConcept[] = buildConcepts();
