/** The request header the proxy sets to the path asked for; it replaces any value a client sends. */
export const REQUESTED_PATH_HEADER = "x-app-path";
