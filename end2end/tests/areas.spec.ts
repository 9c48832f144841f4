import { test, expect } from "@playwright/test";
import { noSideScroll } from "./helpers";

test("drill down from the country to a community", async ({ page }) => {
  await page.goto("/areas");
  await expect(page.getByRole("heading", { name: "全国" })).toBeVisible();
  await page.getByRole("link", { name: "广东省" }).click();
  await page.getByRole("link", { name: "深圳市" }).click();
  await page.getByRole("link", { name: "南山区" }).click();
  await page.getByRole("link", { name: "南头街道" }).click();
  await expect(page.getByRole("heading", { name: "南头街道" })).toBeVisible();
  await expect(page.locator(".crumbs")).toContainText("深圳市");
  await expect(page.locator(".area-list li").first()).toContainText("居委会");
  await noSideScroll(page);
  await page.locator(".area-list a").first().click();
  await expect(page.locator(".card").first()).toContainText("440305001");
});

test("an unknown area code is a clear 404", async ({ page }) => {
  const resp = await page.goto("/areas/650000");
  expect(resp?.status()).toBe(404);
  await expect(page.locator(".error-box")).toContainText("未找到");
});
