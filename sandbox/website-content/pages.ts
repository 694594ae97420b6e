/**
 * The stand-in's NHS.UK pages: the NHS sandbox's own (medicines aciclovir, acrivastine and zopiclone; conditions
 * acne, achalasia, acanthosis nigricans, cancer and zika) and pages for the demo patients' medicines and vaccines.
 * The wording is this project's, written for the stand-in in NHS.UK's plain style and in the API's shape
 * (schema.org MedicalWebPage with health-aspect sections); it is not NHS.UK's text and is not medical advice.
 */

const SCHEMA = "http://schema.org/";
export const ATTRIBUTION = {
  url: "https://www.nhs.uk",
  logo: "https://assets.nhs.uk/nhsuk-cms/images/nhs-attribution.width-510.png",
  email: "nhswebsite.servicedesk@nhs.net",
  "@type": "Organization",
  name: "NHS website",
};

export type PageKind = "medicines" | "conditions" | "vaccinations" | "hospitals";

/** Where a kind's pages sit below the API's base path and on www.nhs.uk ("hospitals" is in the NHS services hub). */
export const KIND_PATHS: Readonly<Record<PageKind, string>> = {
  medicines: "medicines",
  conditions: "conditions",
  vaccinations: "vaccinations",
  hospitals: "nhs-services/hospitals",
};

interface Section {
  aspect: string;
  headline: string;
  html: string;
}

export interface StandInPage {
  kind: PageKind;
  slug: string;
  name: string;
  description: string;
  reviewed: string;
  sections: Section[];
  /**
   * How the API gives the content: "modules" in hasPart (medicines, conditions, vaccinations), or "main-entity" in
   * mainEntityOfPage with an empty hasPart (NHS services and tests-and-treatments pages, as the NHS sandbox's
   * how-to-register-with-a-gp-surgery and angiography answers do). A section with an empty headline opens the page.
   */
  shape?: "modules" | "main-entity";
  /** www.nhs.uk's own address, where it differs from the API's path (tests and treatments are served under /conditions/). */
  webpage?: string;
  /** Left out of the conditions A to Z (a tests-and-treatments page). */
  unlisted?: boolean;
  genre?: string;
}

const p = (...paragraphs: string[]) => paragraphs.map((text) => `<p>${text}</p>`).join("");
const list = (...items: string[]) => `<ul>${items.map((item) => `<li>${item}</li>`).join("")}</ul>`;

function medicine(slug: string, name: string, what: string, how: string, sideEffects: string[], reviewed = "2025-06-02"): StandInPage {
  const short = name.split(" (")[0]!;
  return {
    kind: "medicines",
    slug,
    name,
    description: `Find out how ${short.toLowerCase()} ${what.split(".")[0]!.toLowerCase()}, and how to take it.`,
    reviewed,
    sections: [
      { aspect: "OverviewHealthAspect", headline: `About ${short.toLowerCase()}`, html: p(what, `${short} is only available on prescription.`) },
      {
        aspect: "UsageOrScheduleHealthAspect",
        headline: `How and when to take ${short.toLowerCase()}`,
        html: p(how, "If you forget a dose, take it as soon as you remember, unless it is nearly time for the next one. Never take 2 doses at the same time."),
      },
      {
        aspect: "SideEffectsHealthAspect",
        headline: "Side effects",
        html:
          p("Like all medicines, this one can cause side effects, although not everyone gets them. Common ones include:") +
          list(...sideEffects) +
          p(
            'Speak to a pharmacist or doctor if a side effect bothers you or does not go away. You can report a suspected side effect through the <a href="https://yellowcard.mhra.gov.uk/">Yellow Card scheme</a>.',
          ),
      },
      {
        aspect: "InteractionsHealthAspect",
        headline: "Cautions with other medicines",
        html: p(
          `Some medicines and ${short.toLowerCase()} can affect each other. Tell your doctor or pharmacist about any other medicines you take, including ones you <a href="/medicines/">buy from a pharmacy</a>.`,
        ),
      },
    ],
  };
}

function condition(slug: string, name: string, about: string, symptoms: string[], treatment: string, reviewed = "2024-11-20"): StandInPage {
  return {
    kind: "conditions",
    slug,
    name,
    description: about,
    reviewed,
    sections: [
      { aspect: "OverviewHealthAspect", headline: name, html: p(about) },
      { aspect: "SymptomsHealthAspect", headline: `Symptoms of ${name.toLowerCase()}`, html: p("Symptoms can include:") + list(...symptoms) },
      { aspect: "TreatmentsHealthAspect", headline: `Treatment for ${name.toLowerCase()}`, html: p(treatment) },
      {
        aspect: "SeeADoctorHealthAspect",
        headline: "When to get help",
        html: p(
          'See a GP if your symptoms are getting worse or you are worried. Call 999 in an emergency, or get help from <a href="https://111.nhs.uk/">NHS 111</a>.',
        ),
      },
    ],
  };
}

function vaccination(slug: string, name: string, who: string, reviewed = "2025-09-01"): StandInPage {
  return {
    kind: "vaccinations",
    slug,
    name,
    description: `Find out who can have the ${name.toLowerCase()}, how to get it and what side effects it can cause.`,
    reviewed,
    sections: [
      { aspect: "OverviewHealthAspect", headline: `About the ${name.toLowerCase()}`, html: p(who) },
      {
        aspect: "SideEffectsHealthAspect",
        headline: "Side effects",
        html:
          p("Side effects are usually mild and get better within a few days. They can include:") +
          list("a sore arm where you had the injection", "feeling tired", "a headache"),
      },
    ],
  };
}

/** A tests-and-treatments page: served under /conditions/, its content in mainEntityOfPage, not in the conditions A to Z. */
function testOrTreatment(slug: string, name: string, description: string, sections: Section[], reviewed = "2024-05-14"): StandInPage {
  return {
    kind: "conditions",
    slug,
    name,
    description,
    reviewed,
    sections,
    shape: "main-entity",
    webpage: `https://www.nhs.uk/tests-and-treatments/${slug}/`,
    unlisted: true,
    genre: "Tests and treatments",
  };
}

export const PAGES: readonly StandInPage[] = [
  medicine(
    "aciclovir",
    "Aciclovir (Zovirax)",
    "Aciclovir is an antiviral medicine. It treats infections caused by the herpes virus, such as cold sores, chickenpox and shingles.",
    "Take the tablets with a glass of water, with or without food, at evenly spaced times through the day.",
    ["headaches", "feeling or being sick", "diarrhoea"],
    "2023-03-15",
  ),
  medicine(
    "acrivastine",
    "Acrivastine",
    "Acrivastine is an antihistamine. It helps with allergy symptoms such as hay fever and itchy skin rashes.",
    "Take one capsule up to 3 times a day, leaving at least 8 hours between doses. Swallow it whole with water.",
    ["feeling sleepy", "a dry mouth", "feeling dizzy"],
    "2024-08-19",
  ),
  {
    // written with markup the service must not pass on (a script, inline style, an event attribute, a javascript: link)
    ...medicine(
      "zopiclone",
      "Zopiclone",
      "Zopiclone is a sleeping tablet. It is used for a short time to help with severe sleeping problems.",
      "Take one tablet just before you go to bed. Do not take it for longer than 4 weeks.",
      ["a bitter or metallic taste", "a dry mouth", "feeling sleepy the next day"],
      "2024-02-12",
    ),
    sections: [
      {
        aspect: "OverviewHealthAspect",
        headline: "About zopiclone",
        html:
          '<p style="color:red" onclick="alert(1)">Zopiclone is a sleeping tablet. It is used for a short time to help with severe sleeping problems.</p>' +
          '<script>document.title="injected"</script><p>Read <a href="javascript:alert(2)">this</a> and <a href="/conditions/insomnia/">insomnia</a>.</p>' +
          '<img src="x" onerror="alert(3)"><iframe src="https://example.com"></iframe>',
      },
      {
        aspect: "UsageOrScheduleHealthAspect",
        headline: "How and when to take zopiclone",
        html: p("Take one tablet just before you go to bed. Do not take it for longer than 4 weeks."),
      },
      { aspect: "SideEffectsHealthAspect", headline: "Side effects", html: p("Common side effects include a bitter taste and feeling sleepy the next day.") },
    ],
  },
  medicine(
    "amoxicillin",
    "Amoxicillin",
    "Amoxicillin is an antibiotic. It is used to treat bacterial infections, such as chest infections and dental abscesses.",
    "Take the capsules 3 times a day, spaced evenly. Keep taking them until the course is finished, even if you feel better.",
    ["feeling sick", "diarrhoea"],
  ),
  medicine(
    "atorvastatin",
    "Atorvastatin",
    "Atorvastatin is a statin. It lowers cholesterol and helps prevent heart disease, heart attacks and strokes.",
    "Take it once a day, at any time of day, but try to take it at the same time each day.",
    ["a headache", "muscle aches", "feeling sick"],
  ),
  medicine(
    "cetirizine",
    "Cetirizine",
    "Cetirizine is an antihistamine. It relieves allergy symptoms such as a runny nose, sneezing and itchy eyes.",
    "Take it once a day. Use the measuring syringe or spoon that comes with the liquid.",
    ["feeling sleepy", "a dry mouth", "a headache"],
  ),
  medicine(
    "chlorphenamine",
    "Chlorphenamine (Piriton)",
    "Chlorphenamine is an antihistamine. It relieves the symptoms of allergies, including itchy skin and hay fever.",
    "Take it every 4 to 6 hours when you need it, but no more than the packet or your doctor says in 24 hours.",
    ["feeling sleepy", "difficulty concentrating", "a dry mouth"],
  ),
  medicine(
    "clarithromycin",
    "Clarithromycin",
    "Clarithromycin is an antibiotic. It treats infections such as chest and skin infections.",
    "Take it twice a day, about 12 hours apart, until the course is finished.",
    ["feeling or being sick", "diarrhoea", "a changed sense of taste"],
  ),
  medicine(
    "ibuprofen-for-adults",
    "Ibuprofen for adults (Nurofen)",
    "Ibuprofen is a painkiller. It also brings down a high temperature and reduces swelling.",
    "Take the tablets with food or a drink of milk, with at least 4 hours between doses.",
    ["indigestion", "feeling or being sick", "a headache"],
  ),
  medicine(
    "metformin",
    "Metformin",
    "Metformin lowers blood sugar. It is used to treat type 2 diabetes.",
    "Take it with a meal to reduce the chance of an upset stomach. Swallow the tablets whole with water.",
    ["feeling sick", "diarrhoea", "stomach ache", "a metallic taste"],
    "2025-01-06",
  ),
  medicine(
    "paracetamol-for-children",
    "Paracetamol for children (Calpol)",
    "Paracetamol is a painkiller for children. It also brings down a high temperature.",
    "Give the dose on the label for your child's age, with at least 4 hours between doses, and no more than 4 doses in 24 hours.",
    ["side effects are rare"],
  ),
  medicine(
    "ramipril",
    "Ramipril",
    "Ramipril is an ACE inhibitor. It treats high blood pressure and heart failure.",
    "Take it once a day. Your first dose may make you feel dizzy, so take it at bedtime.",
    ["a dry, tickly cough", "feeling dizzy", "a headache"],
  ),
  medicine(
    "simvastatin",
    "Simvastatin",
    "Simvastatin is a statin. It lowers cholesterol and helps prevent heart disease.",
    "Take it once a day in the evening.",
    ["a headache", "muscle pain", "feeling sick"],
    "2024-10-07",
  ),
  condition(
    "acne",
    "Acne",
    "Acne is a common skin condition that causes spots and oily skin. It often starts in the teenage years.",
    ["spots on the face, back or chest", "oily skin", "skin that is hot or painful to touch"],
    "Mild acne can be treated with creams and gels from a pharmacy. A GP can prescribe treatment for acne that is more severe.",
  ),
  condition(
    "achalasia",
    "Achalasia",
    "Achalasia is a rare condition where the muscles of the food pipe (oesophagus) do not let food pass into the stomach easily.",
    ["difficulty swallowing", "bringing food back up", "heartburn"],
    "Treatments include medicines, stretching the food pipe, or an operation.",
  ),
  condition(
    "acanthosis-nigricans",
    "Acanthosis nigricans",
    "Acanthosis nigricans is when patches of skin become darker and thicker, often in the armpits, groin or neck.",
    ["darker, thicker patches of skin", "itching"],
    "Treating the cause, such as losing weight or changing a medicine, can help the patches fade.",
  ),
  condition(
    "cancer",
    "Cancer",
    "Cancer is a condition where cells in a part of the body grow and reproduce uncontrollably.",
    ["a lump or swelling", "unexplained weight loss", "a cough that does not go away"],
    "Treatment depends on the type of cancer and may include surgery, chemotherapy and radiotherapy.",
  ),
  condition(
    "zika",
    "Zika virus",
    "Zika is an infection spread by mosquitoes in parts of the world. It is usually mild but can harm an unborn baby.",
    ["a rash", "itching", "a high temperature", "joint pain"],
    "There is no specific treatment. Rest and drink plenty of fluids.",
  ),
  condition(
    "asthma",
    "Asthma",
    "Asthma is a common lung condition that causes occasional breathing difficulties.",
    ["wheezing", "breathlessness", "a tight chest", "coughing"],
    "Inhalers relieve symptoms and stop them from developing.",
  ),
  condition(
    "type-2-diabetes",
    "Type 2 diabetes",
    "Type 2 diabetes is a common condition that causes the level of sugar in the blood to become too high.",
    ["peeing more than usual", "feeling thirsty", "feeling tired"],
    "Treatment includes healthy eating, exercise and medicines such as metformin.",
  ),
  vaccination("flu-vaccine", "Flu vaccine", "The flu vaccine helps protect against flu. It is offered every year on the NHS to people at higher risk."),
  vaccination(
    "covid-19-vaccine",
    "COVID-19 vaccine",
    "The COVID-19 vaccine reduces the chance of becoming seriously ill from COVID-19. It is offered to people at higher risk.",
  ),
  vaccination(
    "shingles-vaccine",
    "Shingles vaccine",
    "The shingles vaccine helps protect against shingles. It is offered to some older adults and people with a severely weakened immune system.",
  ),
  vaccination(
    "pneumococcal-vaccine",
    "Pneumococcal vaccine",
    "The pneumococcal vaccine helps protect against serious illnesses like pneumonia and meningitis.",
  ),
  // the page every referral shows (lib/nhs/website-content/referral-pages.ts), in the NHS services hub
  {
    kind: "hospitals",
    slug: "referrals-for-specialist-care",
    name: "Referrals for specialist care",
    description: "What happens when a GP or other health professional refers you to a specialist, and how long you may wait.",
    reviewed: "2024-09-10",
    shape: "main-entity",
    genre: "Advice or information",
    sections: [
      {
        aspect: "",
        headline: "",
        html: p("If you need tests or treatment your GP surgery cannot give, they can refer you to a specialist service, usually at a hospital or clinic."),
      },
      {
        aspect: "",
        headline: "Choosing where to go",
        html: p("For most referrals you can choose which hospital or service you go to. Ask the person referring you which services you can choose from."),
      },
      {
        aspect: "",
        headline: "Booking your appointment",
        html:
          p("After you are referred, you may be asked to book your appointment yourself, online or by phone, or the service will contact you.") +
          list("keep the letter or message with your booking reference", "tell the service if you need an interpreter or help getting there"),
      },
      {
        aspect: "",
        headline: "If you do not hear anything",
        html: p(
          'Contact the service, or the surgery that referred you, if you have not heard anything within a few weeks. If your symptoms get worse while you wait, contact your GP surgery or get help from <a href="https://111.nhs.uk/">NHS 111</a>.',
        ),
      },
    ],
  },
  // tests and treatments that an e-RS specialty stands for (SPECIALTY_PAGES in referral-pages.ts)
  testOrTreatment("physiotherapy", "Physiotherapy", "Physiotherapy helps people move better and manage pain after injury, illness or surgery.", [
    { aspect: "", headline: "", html: p("A physiotherapist looks at how you move and helps you recover movement and strength.") },
    {
      aspect: "",
      headline: "What happens at an appointment",
      html:
        p("At your first appointment the physiotherapist will ask about your symptoms, look at how you move and agree a plan with you.") +
        list("wear clothes you can move in easily", "bring a list of any medicines you take"),
    },
    { aspect: "", headline: "Exercises at home", html: p("You will usually be given exercises to do between appointments. Doing them helps you recover.") },
  ]),
  testOrTreatment("hearing-tests", "Hearing tests", "A hearing test checks how well you can hear sounds and speech.", [
    { aspect: "", headline: "", html: p("Hearing tests are quick and painless. They are done by an audiologist or a trained hearing specialist.") },
    {
      aspect: "",
      headline: "What happens during a hearing test",
      html: p("You will usually wear headphones and listen for sounds at different pitches and volumes, pressing a button when you hear one."),
    },
    { aspect: "", headline: "Your results", html: p("The audiologist will explain your results and whether hearing aids or other help could be useful.") },
  ]),
  testOrTreatment("endoscopy", "Endoscopy", "An endoscopy looks inside the body with a thin tube that has a small camera on the end.", [
    { aspect: "", headline: "", html: p("An endoscopy is usually done in hospital and you can normally go home the same day.") },
    {
      aspect: "",
      headline: "Getting ready",
      html: p("The hospital will tell you how to prepare. You may be asked not to eat or drink for a few hours before the test."),
    },
    {
      aspect: "",
      headline: "After the test",
      html: p("You may need someone to take you home if you had a sedative. The hospital will tell you when you will get your results."),
    },
  ]),
];

export function findPage(kind: PageKind, slug: string): StandInPage | undefined {
  return PAGES.find((page) => page.kind === kind && page.slug === slug);
}

const GENRES: Readonly<Record<PageKind, string>> = {
  medicines: "Medicine",
  conditions: "Condition",
  vaccinations: "Vaccination",
  hospitals: "Advice or information",
};

/**
 * The content in mainEntityOfPage, as the NHS sandbox gives NHS services and tests-and-treatments pages: an NHS
 * services page as one section whose elements carry the headlines (as how-to-register-with-a-gp-surgery does), a
 * tests-and-treatments page as one section per headline (as angiography does).
 */
function mainEntityOfPage(page: StandInPage) {
  const element = (section: Section, position: number) => ({
    position,
    identifier: "1",
    "@type": "WebPageElement",
    name: "markdown",
    headline: section.headline,
    text: section.html,
  });
  if (page.kind === "hospitals")
    return [{ identifier: "0", name: "section heading", position: 0, "@type": "WebPageElement", description: "", hasPart: page.sections.map(element) }];
  return page.sections.map((section, position) => ({
    identifier: "0",
    name: "section heading",
    position,
    "@type": "WebPageElement",
    description: "",
    ...(section.headline ? { headline: section.headline } : {}),
    hasPart: [element({ ...section, headline: "" }, 0)],
  }));
}

/** A page as the API answers for it: the full page, with the attribution and review dates. */
export function pageBody(page: StandInPage, apiBase: string) {
  const reviewed = new Date(`${page.reviewed}T00:00:00+00:00`);
  const due = new Date(reviewed);
  due.setUTCFullYear(due.getUTCFullYear() + 3);
  const path = `${KIND_PATHS[page.kind]}/${page.slug}/`;
  return {
    "@context": "http://schema.org",
    "@type": page.kind === "hospitals" ? "WebPage" : "MedicalWebPage",
    name: page.name,
    copyrightHolder: { name: "Crown Copyright", "@type": "Organization" },
    license: "https://developer.api.nhs.uk/terms",
    author: ATTRIBUTION,
    about: { "@type": "WebPage", name: page.name, alternateName: "" },
    description: page.description,
    url: `${apiBase}/${path}`,
    genre: [page.genre ?? GENRES[page.kind]],
    keywords: "",
    dateModified: `${page.reviewed}T09:30:00+00:00`,
    lastReviewed: [reviewed.toISOString().replace(".000Z", "+00:00"), due.toISOString().replace(".000Z", "+00:00")],
    hasPart:
      page.shape === "main-entity"
        ? []
        : page.sections.map((section, index) => ({
            "@type": "HealthTopicContent",
            hasHealthAspect: `${SCHEMA}${section.aspect}`,
            url: `${apiBase}/${path}#section-${index}`,
            headline: section.headline,
            description: "",
            hasPart: [{ "@type": "WebPageElement", headline: "", text: section.html }],
          })),
    ...(page.shape === "main-entity" ? { mainEntityOfPage: mainEntityOfPage(page) } : {}),
    webpage: page.webpage ?? `https://www.nhs.uk/${path}`,
  };
}

/** The A to Z for one letter, as the API's category listing answers. */
export function listingBody(kind: PageKind, letter: string, apiBase: string) {
  const pages = PAGES.filter((page) => page.kind === kind && !page.unlisted && page.slug.startsWith(letter));
  return {
    "@context": "http://schema.org",
    "@type": "MedicalWebPage",
    name: kind === "conditions" ? "Conditions A to Z" : "Medicines A to Z",
    author: ATTRIBUTION,
    url: `${apiBase}/${kind}/`,
    significantLink: pages.map((page) => ({
      "@type": "LinkRole",
      linkRelationship: "Result",
      articleStatus: "published",
      mainEntityOfPage: {
        "@type": "MedicalWebPage",
        genre: [page.kind === "conditions" ? "Condition" : "Medicine"],
        dateModified: `${page.reviewed}T09:30:00+00:00`,
      },
      name: page.name,
      description: page.description,
      url: `${apiBase}/${page.kind}/${page.slug}/`,
    })),
  };
}
