"use client";

import { signIn } from "next-auth/react";
import { Button } from "nhsuk-react-components";
import { useState } from "react";
import * as content from "@/lib/content/sign-in";
import * as paths from "@/lib/paths";

export function SignInButton() {
  const [starting, setStarting] = useState(false);
  return (
    <Button
      type="button"
      disabled={starting}
      onClick={() => {
        setStarting(true);
        void signIn("cis2", { callbackUrl: paths.continue() });
      }}
    >
      {content.start.signIn}
    </Button>
  );
}
