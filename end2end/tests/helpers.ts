import { expect, Page, TestInfo } from "@playwright/test";

export const jsOff = (info: TestInfo) => info.project.name.endsWith("nojs");

/** Waits until the page is hydrated (with JavaScript) so that event handlers are live. */
export async function ready(page: Page, info: TestInfo) {
  await page.waitForLoadState("load");
  if (!jsOff(info)) {
    await page.locator("body[data-hydrated]").waitFor({ state: "attached" });
  }
}

/** A 360 px phone never scrolls sideways. */
export async function noSideScroll(page: Page) {
  const over = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(over).toBeLessThanOrEqual(0);
}

/**
 * Waits until the address shows `url` and the results answer it: with JavaScript the island
 * marks the results busy from the change until its answer is in the page.
 */
export async function settled(page: Page, url: RegExp) {
  await expect(page).toHaveURL(url);
  await expect(page.locator(".results-region")).toHaveAttribute("aria-busy", "false");
}
