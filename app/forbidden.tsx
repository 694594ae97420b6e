import { Refused } from "@/components/Refused";
import { recordPathOf, requestedPath, sectionFeature } from "@/lib/access/sections";
import { logger } from "@/lib/log";

/** The 403 page: the reason for the part refused when it is one tab or search, and a way back to the record. */
export default async function Forbidden() {
  const path = await requestedPath();
  // which part was refused, never the path: it holds the record's reference
  logger.info({ event: "refused", status: 403, feature: sectionFeature(path) }, "page refused");
  return <Refused section={sectionFeature(path)} recordPath={recordPathOf(path)} />;
}
