import { describe, expect, it } from "vitest";
import { PROVIDER_WORKLISTS, REFERRER_WORKLISTS } from "@/lib/nhs/ers/client";
import { readWorklistQuery } from "./worklists";

describe("worklist query string", () => {
  it("reads the list, the page and the filter codes", () => {
    expect(
      readWorklistQuery({ list: PROVIDER_WORKLISTS[1], page: "3", specialty: "SPEC_CARDIO", service: "svc-1", clinician: "C123" }, PROVIDER_WORKLISTS),
    ).toStrictEqual({
      listType: PROVIDER_WORKLISTS[1],
      page: 3,
      filter: { specialty: "SPEC_CARDIO", service: "svc-1", clinician: "C123" },
    });
  });

  it("refuses nothing: a list the user may not see is their first, an odd page the nearest, an odd code no filter", () => {
    expect(
      readWorklistQuery({ list: "elsewhere", page: "0", specialty: "a b", service: ["x", "y"], clinician: "c".repeat(41) }, REFERRER_WORKLISTS),
    ).toStrictEqual({
      listType: REFERRER_WORKLISTS[0],
      page: 1,
      filter: { specialty: undefined, service: undefined, clinician: undefined },
    });
    expect(readWorklistQuery({ page: "5000" }, REFERRER_WORKLISTS).page).toBe(1000);
    expect(readWorklistQuery({ page: ["2"] }, REFERRER_WORKLISTS).page).toBe(1);
  });
});
