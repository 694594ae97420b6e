import "server-only";
import * as content from "@/lib/content";
import { callContextFor } from "@/lib/nhs/transport/call-context";
import type { Organisation } from "@/lib/nhs/ods/client";
import type { Cis2Role } from "@/lib/auth/cis2-role";
import { services } from "@/lib/server/services";

export interface OrganisationDisplay {
  odsCode: string;
  label: string;
  organisation: Organisation | null;
}

/** Names for ODS codes, looked up in parallel; a failed lookup still shows the code, and says so. */
export async function organisationNames(codes: Array<string | null>, role: Cis2Role, session: { id: string }): Promise<Map<string, OrganisationDisplay>> {
  const unique = [...new Set(codes.filter((code): code is string => Boolean(code)))];
  const context = callContextFor(role, session);
  const looked = await Promise.all(
    unique.map(async (odsCode): Promise<OrganisationDisplay> => {
      const result = await services().ods.organisation(odsCode, context);
      switch (result.kind) {
        case "found":
          return { odsCode, label: result.organisation.name, organisation: result.organisation };
        case "not-found":
          return { odsCode, label: content.patient.details.unknownOrganisation(odsCode), organisation: null };
        case "failed":
          return { odsCode, label: content.patient.details.lookupUnavailable(odsCode, result.failure.requestId), organisation: null };
        default: {
          const unhandled: never = result;
          return unhandled;
        }
      }
    }),
  );
  return new Map(looked.map((display) => [display.odsCode, display]));
}
