/** What the search feature keeps in the server session. */
export interface SearchSessionSlice {
  /** The last search by details, so that Back from a record returns to its results without a URL carrying it. */
  lastSearch?: { kind: "basic" | "advanced"; form: Record<string, string>; at: number } | null;
}
