/**
 * Every piece of text a user reads, in one place, in plain English: this module and its parts beside it.
 * Server code imports it whole (`import * as content from "@/lib/content"`); nothing user-facing is
 * written inline elsewhere. A client component imports only the part it shows
 * (`import * as content from "@/lib/content/common"`), so a page's JavaScript carries only that text,
 * not the whole service's.
 */

export * from "./common";
export * from "./apis";
export * from "./sign-in";
export * from "./find-patient";
export * from "./patient";
export * from "./scr";
export * from "./audit";
export * from "./prescriptions";
export * from "./immunisations";
export * from "./gp-record";
export * from "./documents";
export * from "./vaccination";
export * from "./referrals";
export * from "./access";
export * from "./gp-summary";
export * from "./nhs-website";
export * from "./patient-messages";
