import { test, expect } from "@playwright/test";
import { jsOff, noSideScroll, ready, settled } from "./helpers";

test("the registry lists demo certifications in Chinese", async ({ page }) => {
  await page.goto("/");
  await expect(page.locator("html")).toHaveAttribute("lang", "zh-CN");
  await expect(page.getByRole("heading", { name: "充分就业社区公示查询" })).toBeVisible();
  await expect(page.locator(".result-count")).toContainText("共");
  const total = Number(await page.locator(".result-count").getAttribute("data-total"));
  expect(total).toBeGreaterThan(20);
  await expect(page.locator(".results .result")).toHaveCount(20);
  await expect(page.locator(".badge.demo").first()).toBeVisible();
  await noSideScroll(page);
});

test("searching by a name fragment narrows the list", async ({ page }, info) => {
  await page.goto("/");
  await ready(page, info);
  const before = Number(await page.locator(".result-count").getAttribute("data-total"));
  await page.locator("#q").fill("南头");
  if (jsOff(info)) {
    await page.getByRole("button", { name: "查询" }).click();
  }
  // With JavaScript the list filters while typing, without it after the form is sent.
  await settled(page, /q=%E5%8D%97%E5%A4%B4/);
  await expect(page.locator(".results .result").first()).toBeVisible();
  const after = Number(await page.locator(".result-count").getAttribute("data-total"));
  expect(after).toBeGreaterThan(0);
  expect(after).toBeLessThan(before);
  for (const name of await page.locator(".result-name").allTextContents()) {
    expect(name).toContain("南头");
  }
});

test("the area filter drills down from province to city", async ({ page }, info) => {
  await page.goto("/");
  await ready(page, info);
  await page.locator("#area-0").selectOption({ label: "北京市" });
  if (jsOff(info)) await page.getByRole("button", { name: "查询" }).click();
  await settled(page, /area=11/);
  await expect(page.locator("#area-1")).toBeVisible();
  for (const path of await page.locator(".result .muted").allTextContents()) {
    expect(path).toContain("北京市");
  }
  // Switch province: the stale city choice is dropped.
  await page.locator("#area-0").selectOption({ label: "广东省" });
  if (jsOff(info)) await page.getByRole("button", { name: "查询" }).click();
  await settled(page, /area=44/);
  await page.locator("#area-1").selectOption({ label: "深圳市" });
  if (jsOff(info)) await page.getByRole("button", { name: "查询" }).click();
  await settled(page, /area=4403/);
  const paths = await page.locator(".result .muted").allTextContents();
  expect(paths.length).toBeGreaterThan(0);
  for (const path of paths) expect(path).toContain("深圳市");
});

test("paging moves through the results", async ({ page }) => {
  await page.goto("/");
  const first = await page.locator(".cert-no").first().textContent();
  await page.getByRole("link", { name: "下一页" }).click();
  await expect(page).toHaveURL(/page=2/);
  await expect(page.locator(".pager-pos")).toContainText("2 /");
  expect(await page.locator(".cert-no").first().textContent()).not.toBe(first);
});

test("a certificate checks out publicly, an unknown one does not", async ({ page }) => {
  await page.goto("/");
  const number = (await page.locator(".cert-no").first().textContent())!.trim();
  await page.locator(".cert-no").first().click();
  await expect(page).toHaveURL(new RegExp(`/verify/${number}`));
  // The page says what the register says of this one certificate.
  const stored = await page.request.get(`/api/v1/public/certificates/${number}`);
  expect(stored.status()).toBe(200);
  const { status } = await stored.json();
  await expect(page.locator(".verdict h2")).toHaveText(status === "valid" ? "证书有效" : "证书已撤销");
  await expect(page.locator(".verdict")).toContainText(number);
  await noSideScroll(page);

  await page.goto("/verify");
  await page.locator("#number").fill("XJ-2099-000000-0001");
  await page.getByRole("button", { name: "核验" }).click();
  await expect(page.locator(".verdict h2")).toHaveText("查无此证书");
});

test("one public form checks a certificate or a card, at /verify and at /cards", async ({ page }) => {
  for (const form of ["/verify", "/cards"]) {
    const answer = await page.goto(form);
    expect(answer?.status()).toBe(200);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("证书与援助卡核验");
    // A card number as a full-width IME types it is read as a card's.
    await page.locator("#number").fill("ＪＹ４４０３０５－２０９９－０００００１");
    await page.getByRole("button", { name: "核验" }).click();
    await expect(page.locator(".verdict[data-status=unknown] h2")).toHaveText("查无此卡号");
    // A mistyped card number is refused as a card's, not as a certificate's.
    await page.locator("#number").fill("JY4403-2026-1");
    await page.getByRole("button", { name: "核验" }).click();
    await expect(page.locator(".verdict .error-box")).toContainText("卡号格式不正确");
    await page.locator("#number").fill("XJ-2099-000000-0001");
    await page.getByRole("button", { name: "核验" }).click();
    await expect(page.locator(".verdict h2")).toHaveText("查无此证书");
    await noSideScroll(page);
  }
  // The certificate's QR address takes a card's number too.
  await page.goto("/verify/JY440305-2099-000001");
  await expect(page.locator(".verdict[data-status=unknown] h2")).toHaveText("查无此卡号");
});

test("a revoked title shows its date and reason", async ({ page }) => {
  await page.goto("/?per_page=100");
  const revoked = page.locator(".result", { has: page.locator(".badge.bad") }).first();
  await expect(revoked).toBeVisible();
  await revoked.locator(".cert-no").click();
  await expect(page.locator(".verdict h2")).toHaveText("证书已撤销");
  await expect(page.locator(".facts")).toContainText("撤销原因");
});

test("English on request, remembered across pages", async ({ page }) => {
  await page.goto("/");
  await page.getByRole("link", { name: "English" }).click();
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  await expect(page.getByRole("heading", { name: "Certified full-employment communities" })).toBeVisible();
  await page.goto("/areas");
  await expect(page.getByRole("heading", { name: "China" })).toBeVisible();
  await page.getByRole("link", { name: "中文" }).click();
  await expect(page.locator("html")).toHaveAttribute("lang", "zh-CN");
});

test("with JavaScript the results change in place, in the page's language", async ({ page }, info) => {
  test.skip(jsOff(info), "needs JavaScript");
  const errors: string[] = [];
  page.on("pageerror", (e) => errors.push(e.message));
  page.on("console", (m) => {
    if (m.type() === "error") errors.push(m.text());
  });
  await page.goto("/lang/en?next=/");
  await ready(page, info);
  // A mark on the window survives only if the page is not loaded again.
  await page.evaluate(() => ((window as unknown as { mark: number }).mark = 42));
  await page.locator("#tier").selectOption("national_demonstration");
  await settled(page, /tier=national_demonstration/);
  await expect(page.locator(".result .badge.tier-national_demonstration").first()).toBeVisible();
  const tiers = await page.locator(".result .badge[class*='tier-']").allTextContents();
  expect(tiers.length).toBeGreaterThan(0);
  for (const t of tiers) expect(t).toBe("National demonstration community");
  expect(await page.evaluate(() => (window as unknown as { mark?: number }).mark)).toBe(42);
  expect(errors).toEqual([]);
});

test("a refused search says why next to the field", async ({ page }) => {
  const response = await page.goto(`/?q=${"社".repeat(51)}&tier=gold`);
  expect(response?.status()).toBe(422);
  await expect(page.locator(".field-error[data-field=q]")).toContainText("50");
  await expect(page.locator(".field-error[data-field=tier]")).toBeVisible();
  await expect(page.locator(".error-box")).toBeVisible();
});
