import { test, expect } from "@playwright/test";

test("a wrong password is refused with a message", async ({ page }) => {
  await page.goto("/login");
  await page.locator("#username").fill("sz_city");
  await page.locator("#password").fill("not-the-password");
  await page.getByRole("button", { name: "登录" }).click();
  await expect(page.locator(".error-box")).toContainText("用户名或密码不正确");
});

test("sign in, see the accounts of my area, sign out", async ({ page }) => {
  await page.goto("/login");
  await page.locator("#username").fill("ns_county");
  await page.locator("#password").fill("demo12345");
  await page.getByRole("button", { name: "登录" }).click();
  await expect(page).toHaveURL(/\/$/);
  await expect(page.getByRole("link", { name: "南山区人社局（演示）" })).toBeVisible();
  await page.getByRole("link", { name: "南山区人社局（演示）" }).click();
  await expect(page.getByRole("heading", { name: "南山区人社局（演示）" })).toBeVisible();
  const listed = await page.locator(".results .result strong").allTextContents();
  // The county's own account, its street officer and the two demo coordinators.
  expect(listed.length).toBe(4);
  expect(listed.join()).not.toContain("北京");
  // Asking for another district is refused.
  await page.locator("#area").fill("440304");
  await page.getByRole("button", { name: "查询" }).click();
  await expect(page.locator(".error-box")).toContainText("不在您的辖区内");
  await page.getByRole("button", { name: "退出" }).click();
  await expect(page.getByRole("link", { name: "登录" })).toBeVisible();
});
