import type { Cis2Identity } from "@/lib/auth/cis2-claims";

declare module "next-auth" {
  interface Session {
    /** The server-side session's id; everything else stays on the server. */
    sid?: string;
  }
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface User extends Cis2Identity {}
}

declare module "next-auth/jwt" {
  interface JWT {
    sid?: string;
  }
}
