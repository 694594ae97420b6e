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

const TITLES = new Set(["MR", "MRS", "MS", "MISS", "MX", "DR"]);

/** A name written "Title Given Names FAMILY", the title optional: every word between the title and the last is a given name. */
function parseName(name: string): Pick<PersonFacts, "prefix" | "given" | "family"> {
  const words = name.split(" ");
  const prefix = TITLES.has(words[0].toUpperCase()) ? words.shift() : undefined;
  const family = words.pop() ?? "";
  return { prefix, given: words, family };
}

type Home = Pick<PersonFacts, "lines" | "postcode">;
const home = (lines: string[], postcode?: string): Home => ({ lines, postcode });
const NO_HOME: Home = {};

/** One person: who they are and where they live, and whatever else their record holds. */
function person(
  id: string,
  name: string | Pick<PersonFacts, "prefix" | "given" | "family">,
  gender: PersonFacts["gender"],
  birthDate: string,
  where: Home,
  more: Omit<PersonFacts, "id" | "prefix" | "given" | "family" | "gender" | "birthDate" | "lines" | "postcode"> = {},
): PersonFacts {
  return { id, ...(typeof name === "string" ? parseName(name) : name), gender, birthDate, ...where, ...more };
}

/** The NHS sandbox's Jayne Smyth and John Paul Smith: born and died the same day, at the same address and GP. */
const TREVELYAN_SQUARE_2010 = { deceased: "2010-10-22T00:00:00+00:00", gp: "Y12345", phone: "01632960587", versionId: 2 };

/** Where three of the NHS sandbox's four Luke YOUDSes, told apart by gender, live. */
const REGINALD_ROAD = home(["109 REGINALD ROAD", "SCUNTHORPE", "S HUMBERSIDE"], "DN15 8PG");

/** The GP Connect reference provider's patients (demonstrator test data), with the details it holds for them. */
const GP_CONNECT_TEST_PATIENTS: PersonFacts[] = [
  person("9690937286", "MR Horace SKELLY", "male", "1925-04-21", home(["3 BOWESFIELD CRESCENT", "STOCKTON-ON-TEES"], "TS18 3BL"), { gp: "B82617" }),
  person("9690937294", "MR Samuel HESLBY", "male", "1936-03-17", home(["10 MANOR DRIVE", "STILLINGTON", "STOCKTON-ON-TEES"], "TS21 1JG"), { gp: "B82617" }),
  person("9690938533", "MRS Anita CLAY", "female", "2000-09-09", home(["1 MONMOUTH DRIVE", "EAGLESCLIFFE", "STOCKTON-ON-TEES"], "TS16 9HU"), { gp: "B82617" }),
  person("9690938576", "MRS Dora McCAIN", "female", "1972-09-16", home(["2 ABBEY CLOSE", "STOCKTON-ON-TEES"], "TS19 7SP"), { gp: "B82617" }),
  person("9690938681", "MR James ROONEY", "male", "1968-02-03", home(["8 AUSTEN CLOSE", "BILLINGHAM"], "TS23 3GT"), {
    gp: "B82617",
    deceased: "1993-02-17T00:00:00+00:00",
  }),
  person("9690938622", "MRS Alexi HORN", "female", "1978-11-28", home(["19 HARTBURN LANE", "STOCKTON-ON-TEES"], "TS18 4EP"), { gp: "B82617" }),
];

const FACTS: PersonFacts[] = [
  person("9000000017", "Mrs Jayne Smyth", "female", "2010-10-22", home(TREVELYAN, "LS1 6AE"), { ...TREVELYAN_SQUARE_2010, email: "jayne.smyth@example.com" }),
  person("9000000015", { prefix: "Mr", given: ["John Paul", "James"], family: "Smith" }, "male", "2010-10-22", home(TREVELYAN, "LS1 6AE"), {
    ...TREVELYAN_SQUARE_2010,
    email: "johnp.smith@example.com",
  }),
  person("9693632109", "MR Bill GARTON", "male", "1955-11-05", home(["1 MOUNT AVENUE", "BARTON-UPON-HUMBER", "S HUMBERSIDE"], "DN18 5DW"), {
    gp: "A20047",
    pharmacy: "FA565",
    phone: "01652960587",
    versionId: 58,
    oldName: { family: "Blogs", given: ["Joe"], end: "1989-12-31" },
  }),
  person("9732019506", "MR Julius MUIR", "male", "2017-09-06", home(["1 HUNTERS CROFT", "HAXEY", "DONCASTER", "S YORKSHIRE"], "DN9 2NX"), {
    gp: "A20047",
    phone: "00917855986859",
  }),
  person("9732019395", "MRS Jane CUFF", "female", "1926-01-07", home(["2 CHURCH CLOSE", "BONBY", "BRIGG", "S HUMBERSIDE"], "DN20 0PQ"), {
    gp: "A20047",
    versionId: 3,
  }),
  person(
    "9733163201",
    "MS Debra TUNNEY",
    "female",
    "1980-01-21",
    home(["THREE GABLES", "HALKON CLOSE", "LUDDINGTON", "SCUNTHORPE", "S HUMBERSIDE"], "DN17 4RF"),
    { deceased: "2019-02-07T00:00:00+00:00", gp: "A20047" },
  ),
  person("9733162337", "MR Bart Nathan MEEK", "male", "2015-10-22", home(["3 ECCLES COURT", "WRAWBY", "BRIGG", "S HUMBERSIDE"], "DN20 8TD"), { gp: "A20047" }),
  person("5900035697", "Mr jackie jones", "male", "2000-01-01", home(["12", "somewhere", "london"])),
  person("9736363120", "MISS Kathy Megan KNAPP", "female", "1943-07-03", home(["44 NEWLAND AVENUE", "SCUNTHORPE"], "DN15 7HQ"), { gp: "A20047" }),
  person("9693632966", "MRS Martha Carol MASSAM", "female", "1920-08-11", home(["49 MESSINGHAM LANE", "SCAWBY", "BRIGG", "S HUMBERSIDE"], "DN20 9BB"), {
    gp: "A20047",
  }),
  person("9733162450", "Miss Rowenad MED", "male", "1999-09-09", home(["10 OAKWOOD RISE", "SCUNTHORPE", "S HUMBERSIDE"], "DN16 3JW"), { gp: "A20047" }),
  person("5900036502", "Leandro Gerry McMatch-Multiple", "male", "1997-08-20", home(["1 Jasmine Court"], "DN19 7UD")),
  person("5900053679", "Leandro Gerry McMatch-Multiple", "male", "1997-08-20", home(["1 Jasmine Court"], "DN19 7UD")),
  person("5900054586", "Mr Mickey McMatch-Single", "male", "1954-10-26", home(["317 Stuart Streets"], "BAP4WG")),
  person("9693633148", "Ms Pauline attisón", "female", "1960-07-14", home(["2 WOODLANDS CLOSE", "BARROW-UPON-HUMBER", "S HUMBERSIDE"], "DN19 7DX"), {
    gp: "A20047",
  }),
  person("9693633121", "Mrs Pauline Mary attison", "female", "1960-07-14", home(["13 COLLUM AVENUE", "SCUNTHORPE", "S HUMBERSIDE"], "DN16 2HB"), {
    gp: "A20047",
  }),
  person("9693632125", "MR Rodney Jeff GODSOE", "male", "1936-02-24", NO_HOME, { restricted: true }),
  person("9693633679", "Luke YOUDS", "male", "1970-01-24", REGINALD_ROAD, { gp: "A20047" }),
  person("9693633687", "Luke YOUDS", "female", "1970-01-24", home(["1", "Shelfford Street", "Scunthorpe"])),
  person("9693633695", "Miss Luke YOUDS", "unknown", "1970-01-24", REGINALD_ROAD, { gp: "A20047" }),
  person("9693633709", "Mr Luke Damien YOUDS", "other", "1970-01-24", REGINALD_ROAD, { gp: "A20047" }),
  person("9732110317", "Mr Adrian Sanderson", "male", "1936-06-21", home(["3984 Tomika Greens"], "ZY5T2PX"), {
    versionId: 7,
    oldName: { family: "Saunderson", given: ["Adrian"], end: "1960-01-01" },
  }),
  person("9733162043", "MR Dean Roger KILLEN", "male", "1955-05-27", home(["2 GRANGE LANE NURSERY", "SCUNTHORPE", "S HUMBERSIDE"], "DN16 3BA"), {
    gp: "A20047",
    versionId: 2,
  }),
  person(
    "9736363015",
    "MR Conrad Landon MOONEY",
    "male",
    "1937-04-08",
    home(["SHERINGHAM", "CROWLE MOORS", "CROWLE", "SCUNTHORPE", "S HUMBERSIDE"], "DN17 4BL"),
    { gp: "A20047", versionId: 6 },
  ),
  person("9736363023", "MR Cyril Gordon MELLOY", "male", "1940-08-02", home(["10 WOODGARR AVENUE", "KEADBY", "SCUNTHORPE", "S HUMBERSIDE"], "DN17 3BZ"), {
    gp: "A20047",
    versionId: 5,
  }),
  person("9736363066", "MR Randal Gerald WEAVER", "unknown", "1933-02-25", home(["1 SCHOOL ROAD", "WINTERINGHAM", "SCUNTHORPE"], "DN15 9NL"), {
    gp: "A20047",
    versionId: 3,
  }),
  person("9736363074", "MR Arthur Mathew WILCOX", "male", "1955-11-05", home(["10 MAGDALEN CLOSE", "SCUNTHORPE", "S HUMBERSIDE"], "DN16 3NA"), {
    gp: "A20047",
    versionId: 3,
  }),
  person(
    "5900046192",
    "Mr Zebedee Karate-test-gtikmto",
    "male",
    "1991-06-28",
    home(["Flat 16, The Heights", "Curley Rows", "WALLINGTON", "Surrey"], "SM5 9PX"),
    { versionId: 3 },
  ),
  person("5900056597", "Mr Jane Karate-test-cpwdvdf", "male", "1981-12-05", home(["74003 Titus Lock"], "JH1B0NK"), { versionId: 3 }),
  person("5900057208", "Mr Zebedee Karate-test-ytormjb", "male", "2013-07-19", home(["64768 Schneider Extensions"], "T38DG")),
  person("5900059073", "Mr Zebedee Karate-test-jaujxet", "male", "1996-09-30", NO_HOME, { versionId: 2 }),
  person("5900059332", "Mr Zebedee Karate-test-wzclvui", "male", "1958-02-23", home(["2690 Kasey Lodge"], "AVG8LL")),
  // GP Connect's reference provider's test patients (gpconnect-demonstrator), registered at its practice B82617
  ...GP_CONNECT_TEST_PATIENTS,
  ...SMITHS_OF_DN17.map(([id, lines, phone, email, deceased]) =>
    person(
      id,
      { given: id === "5900030741" ? ["Sam", "Bob"] : id === "5900034372" ? ["Dave", "Matt"] : ["Sam", "Matt"], family: "Smith" },
      "male",
      "2000-05-05",
      home(lines, "DN17 4AA"),
      { deceased, gp: id === "5900034372" ? "H81109" : undefined, phone, email },
    ),
  ),
];

export const PDS_POPULATION: FhirPatient[] = FACTS.map(buildPatient);

/** Retrieving a superseded NHS number returns the record that replaced it (a different id). */
export const SUPERSEDED_NHS_NUMBERS: ReadonlyMap<string, string> = new Map([["9732019387", "9732019395"]]);

/** Records invalidated in PDS: retrieve answers 404 INVALIDATED_RESOURCE. */
export const INVALIDATED_NHS_NUMBERS: ReadonlySet<string> = new Set(["9000000068"]);
