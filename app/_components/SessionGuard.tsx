"use client";

import { usePathname } from "next/navigation";
import { useCallback, useEffect, useRef, useState } from "react";
import * as content from "@/lib/content/common";
import * as paths from "@/lib/paths";

export const SESSION_CHANNEL = "care-record-viewer-session";

type ChannelMessage = { type: "signed-out" } | { type: "activity"; deadline: number };

function announceToOtherTabs(message: ChannelMessage) {
  if (typeof BroadcastChannel === "undefined") return;
  const channel = new BroadcastChannel(SESSION_CHANNEL);
  channel.postMessage(message);
  channel.close();
}

// A channel message also reaches this page's own listener; the tab that is leaving must not obey it.
let leavingThisTab = false;

/** Tells the other tabs this user signed out, so they close too. */
export function announceSignOut() {
  leavingThisTab = true;
  announceToOtherTabs({ type: "signed-out" });
}

const text = content.sessionWarning;

/**
 * The browser's side of the inactivity timeout: a warning two minutes before, "Stay signed in", and
 * the end of the session at zero. The server enforces the same timeout whatever happens here.
 * Every tab follows the same clock, and signing out in one signs out all.
 */
export function SessionGuard({ idleTimeoutSeconds, warningSeconds }: { idleTimeoutSeconds: number; warningSeconds: number }) {
  const [deadline, setDeadline] = useState(() => Date.now() + idleTimeoutSeconds * 1000);
  const [now, setNow] = useState(() => Date.now());
  const dialog = useRef<HTMLDialogElement>(null);
  const ending = useRef(false);
  const pathname = usePathname();
  const remaining = Math.max(0, Math.ceil((deadline - now) / 1000));

  const left = useRef(false);
  const leave = useCallback((reason: "inactive" | "elsewhere" | "ended") => {
    // the first reason wins: a status check that finds the session gone must not overtake the timeout's own exit
    if (left.current) return;
    left.current = true;
    // a full page load, not router.push: it also drops the client router's cache of patient pages
    // eslint-disable-next-line @next/next/no-location-assign-relative-destination
    window.location.assign(`${paths.signedOut()}?reason=${reason}`);
  }, []);

  // each page the server renders counts as activity there, so the clock restarts here too (on the next tick)
  const currentPath = useRef(pathname);
  const countedPath = useRef(pathname);
  useEffect(() => {
    currentPath.current = pathname;
  }, [pathname]);

  useEffect(() => {
    const tick = setInterval(() => {
      if (currentPath.current !== countedPath.current) {
        countedPath.current = currentPath.current;
        const next = Date.now() + idleTimeoutSeconds * 1000;
        setDeadline(next);
        announceToOtherTabs({ type: "activity", deadline: next });
      }
      setNow(Date.now());
    }, 1000);
    return () => clearInterval(tick);
  }, [idleTimeoutSeconds]);

  // notices a session ended elsewhere (another device, the server's own timeout); tabs share activity over the channel
  useEffect(() => {
    const sync = setInterval(async () => {
      try {
        const response = await fetch("/api/session", { cache: "no-store" });
        if (response.status === 401) leave("ended");
      } catch {
        // offline for a moment: the local clock carries on
      }
    }, 60_000);
    return () => clearInterval(sync);
  }, [leave]);

  // the header's sign-out is a server-rendered form; its submission is heard here
  useEffect(() => {
    const onSubmit = (event: SubmitEvent) => {
      if (event.target instanceof HTMLFormElement && event.target.hasAttribute("data-sign-out")) announceSignOut();
    };
    document.addEventListener("submit", onSubmit);
    return () => document.removeEventListener("submit", onSubmit);
  }, []);

  useEffect(() => {
    if (typeof BroadcastChannel === "undefined") return;
    const channel = new BroadcastChannel(SESSION_CHANNEL);
    channel.onmessage = (event: MessageEvent<ChannelMessage>) => {
      if (event.data?.type === "signed-out" && !leavingThisTab) leave("elsewhere");
      if (event.data?.type === "activity") setDeadline(event.data.deadline);
    };
    return () => channel.close();
  }, [leave]);

  useEffect(() => {
    const element = dialog.current;
    if (!element) return;
    const warn = remaining > 0 && remaining <= warningSeconds;
    if (warn && !element.open) element.showModal();
    if (!warn && element.open) element.close();
  }, [remaining, warningSeconds]);

  useEffect(() => {
    if (remaining > 0 || ending.current) return;
    ending.current = true;
    void fetch("/api/session/end", { method: "POST" })
      .catch(() => undefined)
      .finally(() => {
        announceSignOut();
        leave("inactive");
      });
  }, [remaining, leave]);

  const staySignedIn = async () => {
    const response = await fetch("/api/session/keep-alive", { method: "POST" });
    if (response.status === 401) return leave("ended");
    const status = (await response.json()) as { idleSecondsRemaining: number };
    const next = Date.now() + status.idleSecondsRemaining * 1000;
    setDeadline(next);
    announceToOtherTabs({ type: "activity", deadline: next });
  };

  return (
    <dialog
      ref={dialog}
      className="app-session-warning"
      aria-labelledby="session-warning-title"
      aria-describedby="session-warning-body"
      data-testid="session-warning"
    >
      <h2 id="session-warning-title" className="nhsuk-heading-m">
        {text.title}
      </h2>
      <p id="session-warning-body">{text.body(text.minutesAndSeconds(remaining))}</p>
      <div className="nhsuk-button-group">
        <button className="nhsuk-button" type="button" onClick={() => void staySignedIn()} autoFocus>
          {text.stay}
        </button>
      </div>
      <form method="post" action={paths.signOut()} onSubmit={announceSignOut}>
        <button className="nhsuk-button nhsuk-button--secondary" type="submit">
          {text.signOut}
        </button>
      </form>
    </dialog>
  );
}
