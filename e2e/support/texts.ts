import { expect, type Locator, type Page } from "@playwright/test";

type Text = string | RegExp;

/** Each test id's element has exactly its text (toHaveText), checked in the order given. */
export async function expectTestIdTexts(scope: Page | Locator, texts: Record<string, Text>) {
  for (const [testId, text] of Object.entries(texts)) await expect(scope.getByTestId(testId), testId).toHaveText(text);
}

/** Each test id's element contains each of its texts (toContainText, one check a text), in the order given. */
export async function expectTestIdsContain(scope: Page | Locator, texts: Record<string, Text | Text[]>) {
  for (const [testId, expected] of Object.entries(texts)) {
    for (const text of [expected].flat()) await expect(scope.getByTestId(testId), testId).toContainText(text);
  }
}
