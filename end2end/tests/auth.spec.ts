import { test, expect } from "@playwright/test";
import { openMenu } from "./helpers";

test("a wrong password is refused with a message, the username kept", async ({ page }) => {
  await page.goto("/login");
  await page.locator("#username").fill("sz_city");
  await page.locator("#password").fill("not-the-password");
  await page.getByRole("button", { name: "登录" }).click();
  await expect(page.locator(".error-box")).toContainText("用户名或密码不正确");
  await expect(page.locator("#username")).toHaveValue("sz_city");
  await expect(page.locator("#password")).toHaveValue("");
  expect(page.url()).not.toContain("not-the-password");
});

// Each role lands on its own start page, not on the public registry.
for (const [username, start, heading] of [
  ["mjl_coordinator", "/work", "今日工作"],
  ["ns_street", "/reviews", null],
  ["sz_city", "/certification", null],
  ["sz_hr", "/coordinators", null],
] as const) {
  test(`${username} lands on ${start} after signing in`, async ({ page }) => {
    await page.goto("/login");
    await page.locator("#username").fill(username);
    await page.locator("#password").fill("demo12345");
    await page.getByRole("button", { name: "登录" }).click();
    await expect(page).toHaveURL(new RegExp(`${start}$`));
    if (heading) {
      await expect(page.getByRole("heading", { level: 1 })).toContainText(heading);
    }
  });
}

test("a sign-in sent from a page goes back to it", async ({ page }) => {
  await page.goto("/login?next=/ledger");
  await page.locator("#username").fill("mjl_coordinator");
  await page.locator("#password").fill("demo12345");
  await page.getByRole("button", { name: "登录" }).click();
  await expect(page).toHaveURL(/\/ledger$/);
});

test("sign in, see the accounts of my area, sign out", async ({ page }) => {
  await page.goto("/login");
  await page.locator("#username").fill("ns_county");
  await page.locator("#password").fill("demo12345");
  await page.getByRole("button", { name: "登录" }).click();
  await expect(page).toHaveURL(/\/reviews$/);
  // The account's name is in the header (in the 「菜单」 on a phone).
  await openMenu(page);
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
  await openMenu(page);
  await page.getByRole("button", { name: "退出" }).click();
  await openMenu(page);
  await expect(page.getByRole("link", { name: "登录" })).toBeVisible();
});
