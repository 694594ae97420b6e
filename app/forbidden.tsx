import { Refused } from "@/components/Refused";
import { recordPathOf, requestedPath, sectionFeature } from "@/lib/access/sections";

/** The 403 page: the reason for the part refused when it is one tab or search, and a way back to the record. */
export default async function Forbidden() {
  const path = await requestedPath();
  return <Refused section={sectionFeature(path)} recordPath={recordPathOf(path)} />;
}
