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
