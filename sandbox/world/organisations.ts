/**
 * Every organisation the stand-in's fixtures mention, so that ODS, Service Search and SDS can
 * answer for each of them and the app can show names and addresses, not bare codes. Synthetic.
 */
export type OrganisationKind = "gp-practice" | "pharmacy" | "nhs-trust" | "urgent-care" | "nhs-body";

export interface DemoOrganisation {
  odsCode: string;
  name: string;
  kind: OrganisationKind;
  lines: string[];
  town: string;
  postcode: string;
  phone: string;
  email?: string;
  /** The Directory of Services id, for services BaRS can refer to. */
  dosServiceId?: string;
  /** A BaRS receiver that books an appointment for each referral it receives (the others call the patient). */
  booksOnReferral?: boolean;
  /** The ODS code of the organisation this one reports to. */
  parentOdsCode?: string;
  /** Weekday opening hours, "08:00-18:30"; absent for services open all hours. */
  openingHours?: string;
}

export const ORGANISATIONS: DemoOrganisation[] = [
  {
    odsCode: "Y12345",
    name: "Trevelyan Square Surgery",
    kind: "gp-practice",
    lines: ["2 Trevelyan Square", "Boar Lane"],
    town: "Leeds",
    postcode: "LS1 6AF",
    phone: "0113 496 0001",
    email: "trevelyan.surgery@example.nhs.uk",
    openingHours: "08:00-18:30",
  },
  {
    odsCode: "Y23456",
    name: "Boar Lane Pharmacy",
    kind: "pharmacy",
    lines: ["14 Boar Lane"],
    town: "Leeds",
    postcode: "LS1 5EQ",
    phone: "0113 496 0002",
    openingHours: "09:00-18:00",
  },
  {
    odsCode: "A20047",
    name: "Ancholme Valley Medical Practice",
    kind: "gp-practice",
    lines: ["1 Bridge Street"],
    town: "Brigg",
    postcode: "DN20 8LN",
    phone: "01652 960 001",
    email: "ancholme.valley@example.nhs.uk",
    openingHours: "08:00-18:30",
  },
  {
    odsCode: "FA565",
    name: "Wrawby Street Pharmacy",
    kind: "pharmacy",
    lines: ["7 Wrawby Street"],
    town: "Brigg",
    postcode: "DN20 8JF",
    phone: "01652 960 002",
    openingHours: "09:00-17:30",
  },
  {
    odsCode: "H81109",
    name: "Garthorpe Surgery",
    kind: "gp-practice",
    lines: ["Island Road"],
    town: "Scunthorpe",
    postcode: "DN17 4AB",
    phone: "01724 960 003",
    openingHours: "08:00-18:00",
  },
  {
    odsCode: "RX9",
    name: "North Humber Hospitals NHS Trust",
    kind: "nhs-trust",
    lines: ["Church Lane"],
    town: "Scunthorpe",
    postcode: "DN15 7BH",
    phone: "01724 960 100",
  },
  {
    odsCode: "RX8",
    name: "Leeds City Hospitals NHS Trust",
    kind: "nhs-trust",
    lines: ["Great George Street"],
    town: "Leeds",
    postcode: "LS1 3EX",
    phone: "0113 496 0100",
  },
  {
    odsCode: "RX8UC",
    name: "Leeds City Urgent Treatment Centre",
    kind: "urgent-care",
    lines: ["St George Street"],
    town: "Leeds",
    postcode: "LS1 3EX",
    phone: "0113 496 0111",
    dosServiceId: "2000072489",
    booksOnReferral: true,
    parentOdsCode: "RX8",
  },
  {
    odsCode: "RX9UC",
    name: "Scunthorpe Urgent Treatment Centre",
    kind: "urgent-care",
    lines: ["Cliff Gardens"],
    town: "Scunthorpe",
    postcode: "DN15 7BH",
    phone: "01724 960 111",
    dosServiceId: "2000070016",
    parentOdsCode: "RX9",
  },
  { odsCode: "X26", name: "NHS England", kind: "nhs-body", lines: ["7 and 8 Wellington Place"], town: "Leeds", postcode: "LS1 4AP", phone: "0300 311 2233" },
  // organisations the NHS sandbox's NRL and SDS scenarios name
  {
    odsCode: "Y05868",
    name: "Humber Crisis Response Team",
    kind: "nhs-trust",
    lines: ["Willerby Hill"],
    town: "Hull",
    postcode: "HU10 6ED",
    phone: "01482 960 200",
  },
  {
    odsCode: "RJ11",
    name: "South London Hospital Site",
    kind: "nhs-trust",
    lines: ["Westminster Bridge Road"],
    town: "London",
    postcode: "SE1 7EH",
    phone: "020 7946 0300",
  },
  {
    odsCode: "RY26A",
    name: "Community End of Life Care Service",
    kind: "nhs-trust",
    lines: ["Hall Road"],
    town: "Brigg",
    postcode: "DN20 8QL",
    phone: "01652 960 300",
  },
  {
    odsCode: "B82617",
    name: "Orange Test Practice",
    kind: "gp-practice",
    lines: ["Test Lab Road"],
    town: "Leeds",
    postcode: "LS2 8NU",
    phone: "0113 496 0400",
  },
  {
    odsCode: "8J008",
    name: "Brigg Community Nursing Team",
    kind: "nhs-trust",
    lines: ["Wrawby Road"],
    town: "Brigg",
    postcode: "DN20 8GS",
    phone: "01652 960 310",
  },
  {
    odsCode: "RM559",
    name: "North Lincolnshire Mental Health Unit",
    kind: "nhs-trust",
    lines: ["Cambridge Avenue"],
    town: "Scunthorpe",
    postcode: "DN16 1QQ",
    phone: "01724 960 320",
  },
  // the NHS sandbox's default e-RS roles (A030) are at these two
  { odsCode: "R69", name: "e-RS Test Provider Trust", kind: "nhs-trust", lines: ["1 Test Road"], town: "Leeds", postcode: "LS2 9JT", phone: "0113 496 0600" },
  {
    odsCode: "R68",
    name: "e-RS Test Referring Practice",
    kind: "gp-practice",
    lines: ["2 Test Road"],
    town: "Leeds",
    postcode: "LS2 9JU",
    phone: "0113 496 0601",
  },
  { odsCode: "YES", name: "Spine Test Organisation", kind: "nhs-body", lines: ["Spine Test Lab"], town: "Leeds", postcode: "LS1 4HR", phone: "0113 496 0500" },
];

export function findOrganisation(odsCode: string): DemoOrganisation | undefined {
  const wanted = odsCode.toUpperCase();
  return ORGANISATIONS.find((organisation) => organisation.odsCode === wanted);
}

export function organisationByDosServiceId(serviceId: string): DemoOrganisation | undefined {
  return ORGANISATIONS.find((organisation) => organisation.dosServiceId === serviceId);
}
