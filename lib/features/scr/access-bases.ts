import type { ScrAccessBasis } from "./session-slice";

/** The bases of access the SCR form offers, in its order. Safe for client components: it imports no schema or text. */
export const ACCESS_BASES: ScrAccessBasis[] = ["patient-permission", "legitimate-relationship", "self-claimed-relationship", "emergency-access"];
