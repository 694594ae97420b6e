"use client";

import { useEffect } from "react";

/**
 * A page restored from the back-forward cache is not fetched again, so after sign-out the back
 * button could show patient data. Reloading such a page asks the server, which checks the session.
 */
export function ReloadWhenRestoredFromHistory() {
  useEffect(() => {
    const onPageShow = (event: PageTransitionEvent) => {
      if (event.persisted) window.location.reload();
    };
    window.addEventListener("pageshow", onPageShow);
    return () => window.removeEventListener("pageshow", onPageShow);
  }, []);
  return null;
}
