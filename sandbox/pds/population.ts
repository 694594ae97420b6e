/**
 * The rest of the stand-in's PDS population: every NHS number the NHS sandbox's search and retrieve
 * scenarios name, each as one consistent record. Names, dates of birth and postcodes match the NHS
 * sandbox's test data so that its documented searches find the same people here.
 */
import type { FhirPatient } from "./fixtures";

interface PersonFacts {
  id: string;
  family: string;
  given: string[];
  prefix?: string;
  gender: "male" | "female" | "other" | "unknown";
  birthDate: string;
  deceased?: string;
  lines?: string[];
  postcode?: string;
  gp?: string;
  /** The nominated pharmacy's ODS code. */
  pharmacy?: string;
  phone?: string;
  email?: string;
  restricted?: boolean;
  versionId?: number;
  /** An earlier name, for historic and fuzzy matches. */
  oldName?: { family: string; given: string[]; end: string };
}

const ODS_SYSTEM = "https://fhir.nhs.uk/Id/ods-organization-code";

export function buildPatient(facts: PersonFacts): FhirPatient {
  const patient: Record<string, unknown> = {
    resourceType: "Patient",
    id: facts.id,
    identifier: [{ system: "https://fhir.nhs.uk/Id/nhs-number", value: facts.id }],
    meta: {
      versionId: String(facts.versionId ?? 1),
      security: [
        {
          system: "http://terminology.hl7.org/CodeSystem/v3-Confidentiality",
          code: facts.restricted ? "R" : "U",
          display: facts.restricted ? "restricted" : "unrestricted",
        },
      ],
    },
    name: [
      {
        id: "NAME-1",
        use: "usual",
        period: { start: facts.oldName ? facts.oldName.end : facts.birthDate },
        family: facts.family,
        given: facts.given,
        ...(facts.prefix ? { prefix: [facts.prefix] } : {}),
      },
      ...(facts.oldName
        ? [
            {
              id: "NAME-2",
              use: "old",
              period: { start: facts.birthDate, end: facts.oldName.end },
              family: facts.oldName.family,
              given: facts.oldName.given,
            },
          ]
        : []),
    ],
    gender: facts.gender,
    birthDate: facts.birthDate,
  };
  if (facts.deceased) patient.deceasedDateTime = facts.deceased;
  if (facts.lines) {
    patient.address = [
      {
        id: "ADDR-1",
        use: "home",
        period: { start: facts.birthDate },
        line: facts.lines,
        ...(facts.postcode ? { postalCode: facts.postcode } : {}),
      },
    ];
  }
  const telecom = [
    ...(facts.phone ? [{ id: "TEL-1", system: "phone", value: facts.phone, use: "home" }] : []),
    ...(facts.email ? [{ id: "TEL-2", system: "email", value: facts.email, use: "home" }] : []),
  ];
  if (telecom.length) patient.telecom = telecom;
  if (facts.gp) {
    patient.generalPractitioner = [{ id: "GP-1", type: "Organization", identifier: { system: ODS_SYSTEM, value: facts.gp } }];
  }
  if (facts.pharmacy) {
    patient.extension = [
      {
        url: "https://fhir.hl7.org.uk/StructureDefinition/Extension-UKCore-NominatedPharmacy",
        valueReference: { identifier: { system: ODS_SYSTEM, value: facts.pharmacy } },
      },
    ];
  }
  return patient as FhirPatient;
}

const TREVELYAN = ["1 Trevelyan Square", "Boar Lane", "City Centre", "Leeds", "West Yorkshire"];

/** The Sam Smiths of DN17 4AA: the NHS sandbox's multi-match and postcode-wildcard population. */
const SMITHS_OF_DN17: Array<[string, string[], string | undefined, string | undefined, string?]> = [
  ["5069635395", ["5 The Blackthorns", "Broughton", "BRIGG"], undefined, "test@test.com"],
  ["5502481484", ["Shahdaroba", "Poplar Drive", "Broughton", "BRIGG"], "01234123123", "test@test.com"],
  ["5667541432", ["146 Burringham Road", "SCUNTHORPE"], "01234123123", "test@test.com", "2022-03-03T00:00:00+00:00"],
  ["5689174815", ["3", "1 Albert Square Meadowside", "DUNDEE"], "01234123123", "test@test.com", "2022-07-07T00:00:00+00:00"],
  ["5900020584", ["street", "town"], "0121000222", "New@new.com"],
  ["5900021459", ["Ivanhoe", "New Holland Road", "BARROW-UPON-HUMBER"], "01234123123", "test@test.com"],
  ["5900022366", ["Elm Cottage", "West End Road", "ULCEBY"], "01222111111", "test@test.com"],
  ["5900022978", ["2 HIGHFIELD CRESCENT", "SCUNTHORPE"], "01234444444", "test@test.com"],
  ["5900025225", ["1 SCHOOL CROFT", "WESTWOODSIDE", "DONCASTER"], "01234111111", "test@test.com"],
  ["5900026086", ["8 Bedale Road", "SCUNTHORPE"], "01234123123", "test@test.com"],
  ["5900026191", ["Riseholme", "Greengate Lane", "Goxhill", "BARROW-UPON-HUMBER"], "01234123123", "test@test.com", "2022-07-07T00:00:00+00:00"],
  ["5900027376", ["6 Sturmer Court", "SCUNTHORPE"], "01234123123", "email@email.com"],
  ["5900028917", ["DANE LODGE", "MILL LANE", "WRAWBY", "BRIGG"], "01234333333", "test@test.com"],
  ["5900030741", ["81 Ermine Street", "Broughton", "BRIGG"], "01234123123", "test@test.com"],
  ["5900031160", ["6 Northlands Avenue", "Winterton", "SCUNTHORPE"], "01234123123", "test@test.com"],
  ["5900032809", ["1 ST. VINCENTS AVENUE", "SCUNTHORPE"], undefined, "test@test.com"],
  ["5900033694", ["CRESTA", "COLLEGE ROAD", "EAST HALTON", "IMMINGHAM", "S HUMBERSIDE"], "01234222222", "test@test.com"],
  ["5900034143", ["1 ALAN CRESCENT", "SCUNTHORPE", "S HUMBERSIDE"], "01234123123", "work@work.com"],
  ["5900034372", ["Don Moorings", "Island Road", "Garthorpe", "SCUNTHORPE"], "01234123123", "test@test.com"],
  ["5900036863", ["122 Grange Lane South", "SCUNTHORPE"], "01234123123", "test@test.com"],
];

const FACTS: PersonFacts[] = [
  {
    id: "9000000017",
    family: "Smyth",
    given: ["Jayne"],
    prefix: "Mrs",
    gender: "female",
    birthDate: "2010-10-22",
    deceased: "2010-10-22T00:00:00+00:00",
    lines: TREVELYAN,
    postcode: "LS1 6AE",
    gp: "Y12345",
    phone: "01632960587",
    email: "jayne.smyth@example.com",
    versionId: 2,
  },
  {
    id: "9000000015",
    family: "Smith",
    given: ["John Paul", "James"],
    prefix: "Mr",
    gender: "male",
    birthDate: "2010-10-22",
    deceased: "2010-10-22T00:00:00+00:00",
    lines: TREVELYAN,
    postcode: "LS1 6AE",
    gp: "Y12345",
    phone: "01632960587",
    email: "johnp.smith@example.com",
    versionId: 2,
  },
  {
    id: "9693632109",
    family: "GARTON",
    given: ["Bill"],
    prefix: "MR",
    gender: "male",
    birthDate: "1955-11-05",
    lines: ["1 MOUNT AVENUE", "BARTON-UPON-HUMBER", "S HUMBERSIDE"],
    postcode: "DN18 5DW",
    gp: "A20047",
    pharmacy: "FA565",
    phone: "01652960587",
    versionId: 58,
    oldName: { family: "Blogs", given: ["Joe"], end: "1989-12-31" },
  },
  {
    id: "9732019506",
    family: "MUIR",
    given: ["Julius"],
    prefix: "MR",
    gender: "male",
    birthDate: "2017-09-06",
    lines: ["1 HUNTERS CROFT", "HAXEY", "DONCASTER", "S YORKSHIRE"],
    postcode: "DN9 2NX",
    gp: "A20047",
    phone: "00917855986859",
  },
  {
    id: "9732019395",
    family: "CUFF",
    given: ["Jane"],
    prefix: "MRS",
    gender: "female",
    birthDate: "1926-01-07",
    lines: ["2 CHURCH CLOSE", "BONBY", "BRIGG", "S HUMBERSIDE"],
    postcode: "DN20 0PQ",
    gp: "A20047",
    versionId: 3,
  },
  {
    id: "9733163201",
    family: "TUNNEY",
    given: ["Debra"],
    prefix: "MS",
    gender: "female",
    birthDate: "1980-01-21",
    deceased: "2019-02-07T00:00:00+00:00",
    lines: ["THREE GABLES", "HALKON CLOSE", "LUDDINGTON", "SCUNTHORPE", "S HUMBERSIDE"],
    postcode: "DN17 4RF",
    gp: "A20047",
  },
  {
    id: "9733162337",
    family: "MEEK",
    given: ["Bart", "Nathan"],
    prefix: "MR",
    gender: "male",
    birthDate: "2015-10-22",
    lines: ["3 ECCLES COURT", "WRAWBY", "BRIGG", "S HUMBERSIDE"],
    postcode: "DN20 8TD",
    gp: "A20047",
  },
  { id: "5900035697", family: "jones", given: ["jackie"], prefix: "Mr", gender: "male", birthDate: "2000-01-01", lines: ["12", "somewhere", "london"] },
  {
    id: "9736363120",
    family: "KNAPP",
    given: ["Kathy", "Megan"],
    prefix: "MISS",
    gender: "female",
    birthDate: "1943-07-03",
    lines: ["44 NEWLAND AVENUE", "SCUNTHORPE"],
    postcode: "DN15 7HQ",
    gp: "A20047",
  },
  {
    id: "9693632966",
    family: "MASSAM",
    given: ["Martha", "Carol"],
    prefix: "MRS",
    gender: "female",
    birthDate: "1920-08-11",
    lines: ["49 MESSINGHAM LANE", "SCAWBY", "BRIGG", "S HUMBERSIDE"],
    postcode: "DN20 9BB",
    gp: "A20047",
  },
  {
    id: "9733162450",
    family: "MED",
    given: ["Rowenad"],
    prefix: "Miss",
    gender: "male",
    birthDate: "1999-09-09",
    lines: ["10 OAKWOOD RISE", "SCUNTHORPE", "S HUMBERSIDE"],
    postcode: "DN16 3JW",
    gp: "A20047",
  },
  {
    id: "5900036502",
    family: "McMatch-Multiple",
    given: ["Leandro", "Gerry"],
    gender: "male",
    birthDate: "1997-08-20",
    lines: ["1 Jasmine Court"],
    postcode: "DN19 7UD",
  },
  {
    id: "5900053679",
    family: "McMatch-Multiple",
    given: ["Leandro", "Gerry"],
    gender: "male",
    birthDate: "1997-08-20",
    lines: ["1 Jasmine Court"],
    postcode: "DN19 7UD",
  },
  {
    id: "5900054586",
    family: "McMatch-Single",
    given: ["Mickey"],
    prefix: "Mr",
    gender: "male",
    birthDate: "1954-10-26",
    lines: ["317 Stuart Streets"],
    postcode: "BAP4WG",
  },
  {
    id: "9693633148",
    family: "attisón",
    given: ["Pauline"],
    prefix: "Ms",
    gender: "female",
    birthDate: "1960-07-14",
    lines: ["2 WOODLANDS CLOSE", "BARROW-UPON-HUMBER", "S HUMBERSIDE"],
    postcode: "DN19 7DX",
    gp: "A20047",
  },
  {
    id: "9693633121",
    family: "attison",
    given: ["Pauline", "Mary"],
    prefix: "Mrs",
    gender: "female",
    birthDate: "1960-07-14",
    lines: ["13 COLLUM AVENUE", "SCUNTHORPE", "S HUMBERSIDE"],
    postcode: "DN16 2HB",
    gp: "A20047",
  },
  { id: "9693632125", family: "GODSOE", given: ["Rodney", "Jeff"], prefix: "MR", gender: "male", birthDate: "1936-02-24", restricted: true },
  {
    id: "9693633679",
    family: "YOUDS",
    given: ["Luke"],
    gender: "male",
    birthDate: "1970-01-24",
    lines: ["109 REGINALD ROAD", "SCUNTHORPE", "S HUMBERSIDE"],
    postcode: "DN15 8PG",
    gp: "A20047",
  },
  { id: "9693633687", family: "YOUDS", given: ["Luke"], gender: "female", birthDate: "1970-01-24", lines: ["1", "Shelfford Street", "Scunthorpe"] },
  {
    id: "9693633695",
    family: "YOUDS",
    given: ["Luke"],
    prefix: "Miss",
    gender: "unknown",
    birthDate: "1970-01-24",
    lines: ["109 REGINALD ROAD", "SCUNTHORPE", "S HUMBERSIDE"],
    postcode: "DN15 8PG",
    gp: "A20047",
  },
  {
    id: "9693633709",
    family: "YOUDS",
    given: ["Luke", "Damien"],
    prefix: "Mr",
    gender: "other",
    birthDate: "1970-01-24",
    lines: ["109 REGINALD ROAD", "SCUNTHORPE", "S HUMBERSIDE"],
    postcode: "DN15 8PG",
    gp: "A20047",
  },
  {
    id: "9732110317",
    family: "Sanderson",
    given: ["Adrian"],
    prefix: "Mr",
    gender: "male",
    birthDate: "1936-06-21",
    lines: ["3984 Tomika Greens"],
    postcode: "ZY5T2PX",
    versionId: 7,
    oldName: { family: "Saunderson", given: ["Adrian"], end: "1960-01-01" },
  },
  {
    id: "9733162043",
    family: "KILLEN",
    given: ["Dean", "Roger"],
    prefix: "MR",
    gender: "male",
    birthDate: "1955-05-27",
    lines: ["2 GRANGE LANE NURSERY", "SCUNTHORPE", "S HUMBERSIDE"],
    postcode: "DN16 3BA",
    gp: "A20047",
    versionId: 2,
  },
  {
    id: "9736363015",
    family: "MOONEY",
    given: ["Conrad", "Landon"],
    prefix: "MR",
    gender: "male",
    birthDate: "1937-04-08",
    lines: ["SHERINGHAM", "CROWLE MOORS", "CROWLE", "SCUNTHORPE", "S HUMBERSIDE"],
    postcode: "DN17 4BL",
    gp: "A20047",
    versionId: 6,
  },
  {
    id: "9736363023",
    family: "MELLOY",
    given: ["Cyril", "Gordon"],
    prefix: "MR",
    gender: "male",
    birthDate: "1940-08-02",
    lines: ["10 WOODGARR AVENUE", "KEADBY", "SCUNTHORPE", "S HUMBERSIDE"],
    postcode: "DN17 3BZ",
    gp: "A20047",
    versionId: 5,
  },
  {
    id: "9736363066",
    family: "WEAVER",
    given: ["Randal", "Gerald"],
    prefix: "MR",
    gender: "unknown",
    birthDate: "1933-02-25",
    lines: ["1 SCHOOL ROAD", "WINTERINGHAM", "SCUNTHORPE"],
    postcode: "DN15 9NL",
    gp: "A20047",
    versionId: 3,
  },
  {
    id: "9736363074",
    family: "WILCOX",
    given: ["Arthur", "Mathew"],
    prefix: "MR",
    gender: "male",
    birthDate: "1955-11-05",
    lines: ["10 MAGDALEN CLOSE", "SCUNTHORPE", "S HUMBERSIDE"],
    postcode: "DN16 3NA",
    gp: "A20047",
    versionId: 3,
  },
  {
    id: "5900046192",
    family: "Karate-test-gtikmto",
    given: ["Zebedee"],
    prefix: "Mr",
    gender: "male",
    birthDate: "1991-06-28",
    lines: ["Flat 16, The Heights", "Curley Rows", "WALLINGTON", "Surrey"],
    postcode: "SM5 9PX",
    versionId: 3,
  },
  {
    id: "5900056597",
    family: "Karate-test-cpwdvdf",
    given: ["Jane"],
    prefix: "Mr",
    gender: "male",
    birthDate: "1981-12-05",
    lines: ["74003 Titus Lock"],
    postcode: "JH1B0NK",
    versionId: 3,
  },
  {
    id: "5900057208",
    family: "Karate-test-ytormjb",
    given: ["Zebedee"],
    prefix: "Mr",
    gender: "male",
    birthDate: "2013-07-19",
    lines: ["64768 Schneider Extensions"],
    postcode: "T38DG",
  },
  { id: "5900059073", family: "Karate-test-jaujxet", given: ["Zebedee"], prefix: "Mr", gender: "male", birthDate: "1996-09-30", versionId: 2 },
  {
    id: "5900059332",
    family: "Karate-test-wzclvui",
    given: ["Zebedee"],
    prefix: "Mr",
    gender: "male",
    birthDate: "1958-02-23",
    lines: ["2690 Kasey Lodge"],
    postcode: "AVG8LL",
  },
  ...SMITHS_OF_DN17.map(
    ([id, lines, phone, email, deceased]): PersonFacts => ({
      id,
      family: "Smith",
      given: id === "5900030741" ? ["Sam", "Bob"] : id === "5900034372" ? ["Dave", "Matt"] : ["Sam", "Matt"],
      gender: "male",
      birthDate: "2000-05-05",
      deceased,
      lines,
      postcode: "DN17 4AA",
      gp: id === "5900034372" ? "H81109" : undefined,
      phone,
      email,
    }),
  ),
];

export const PDS_POPULATION: FhirPatient[] = FACTS.map(buildPatient);

/** Retrieving a superseded NHS number returns the record that replaced it (a different id). */
export const SUPERSEDED_NHS_NUMBERS: ReadonlyMap<string, string> = new Map([["9732019387", "9732019395"]]);

/** Records invalidated in PDS: retrieve answers 404 INVALIDATED_RESOURCE. */
export const INVALIDATED_NHS_NUMBERS: ReadonlySet<string> = new Set(["9000000068"]);
