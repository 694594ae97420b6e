import { expect, test, type Page } from "./support/test";
import { expectAccessible } from "./support/axe";
import { openRecord, openSection, signInAsGp, signInAsGpAndSearch } from "./support/journeys";

function scriptPolicy(csp: string): string {
  return (
    csp
      .split(";")
      .map((directive) => directive.trim())
      .find((directive) => directive.startsWith("script-src")) ?? ""
  );
}

async function headersOf(page: Page, path: string) {
  const response = await page.goto(path);
  expect(response, path).not.toBeNull();
  return response!.headers();
}

test("every page has a per-request CSP nonce and no unsafe-inline scripts, HSTS, no framing and a referrer policy; patient pages are no-store", async ({
  page,
}) => {
  await signInAsGp(page);
  const ref = await openRecord(page, "9693632109");
  const nonces = new Set<string>();
  for (const path of ["/", "/find-patient", `/patient/${ref}`, `/patient/${ref}/details`, `/patient/${ref}/referrals`, `/patient/${ref}`]) {
    const headers = await headersOf(page, path);
    const csp = headers["content-security-policy"] ?? "";
    const scripts = scriptPolicy(csp);
    const nonce = /'nonce-([^']+)'/.exec(scripts)?.[1];
    expect(nonce, path).toBeTruthy();
    expect(scripts, path).not.toContain("unsafe-inline");
    expect(csp, path).toContain("frame-ancestors 'none'");
    expect(csp, path).toContain("object-src 'none'");
    nonces.add(nonce!);
    expect(headers["strict-transport-security"], path).toContain("max-age=");
    expect(headers["referrer-policy"], path).toBe("same-origin");
    expect(headers["x-content-type-options"], path).toBe("nosniff");
    if (path.startsWith("/patient") || path === "/find-patient") expect(headers["cache-control"], path).toContain("no-store");
    // every script the server sent carries that response's nonce (read from the raw HTML: browsers hide nonce attributes)
    const served = await page.request.get(path);
    const servedNonce = /'nonce-([^']+)'/.exec(scriptPolicy(served.headers()["content-security-policy"] ?? ""))?.[1];
    const tags = (await served.text()).match(/<script\b[^>]*>/g) ?? [];
    expect(tags.length, path).toBeGreaterThan(0);
    expect(
      tags.filter((tag) => !tag.includes(`nonce="${servedNonce}"`)),
      path,
    ).toEqual([]);
  }
  expect(nonces.size, "a fresh nonce for each response").toBe(6);
});

test("markup in upstream data (a patient's name and address, a document's title) is shown as text and never runs", async ({ page }) => {
  await signInAsGpAndSearch(page, "9000000076");
  const banner = page.getByTestId("patient-banner");
  await expect(banner).toContainText('<script>__injected="pds"</script>');
  await expect(banner).toContainText("<IMG SRC=X ONERROR=__INJECTED=1>X");
  await expect(banner).toContainText("<b>1</b> Markup Street");
  await expect(banner.locator("img, script, b")).toHaveCount(0);
  expect(await page.evaluate(() => (window as unknown as { __injected?: unknown }).__injected)).toBeUndefined();
  await expectAccessible(page, "patient with markup in their name");
  // a shared document's title, from NRL, in the documents list and the timeline
  await openSection(page, "Documents");
  await expect(page.getByRole("link", { name: '<img src=x onerror="window.__injected = 2">NEWS2 chart' })).toBeVisible();
  await openSection(page, "Overview");
  await expect(page.getByTestId("timeline-entries")).toContainText('<img src=x onerror="window.__injected = 2">NEWS2 chart');
  await expect(page.locator("main img")).toHaveCount(0);
  expect(await page.evaluate(() => (window as unknown as { __injected?: unknown }).__injected)).toBeUndefined();
});
