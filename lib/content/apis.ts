/**
 * How each NHS API is named to people: from the catalogue, so a new API is named where it is declared. A part of
 * its own because it carries the catalogue: server code reads it through the content module; no client
 * component imports it, so the catalogue stays out of the browser's JavaScript.
 */
import { NHS_API_IDS, NHS_APIS, type NhsApiId } from "@/lib/nhs/catalogue";

export const apiNames: Record<NhsApiId, string> = Object.fromEntries(NHS_API_IDS.map((api) => [api, NHS_APIS[api].name])) as Record<NhsApiId, string>;
