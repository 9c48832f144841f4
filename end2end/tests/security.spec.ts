import { test, expect } from "@playwright/test";
import { jsOff, ready, settled, signIn } from "./helpers";

// Every page carries a Content-Security-Policy; the islands hydrate and work under it, and the
// browser reports no violation. Pages with a person's data are never stored by the browser.
test("pages work under their Content-Security-Policy", async ({ page }, info) => {
  const violations: string[] = [];
  page.on("console", (m) => {
    if (/Content Security Policy|Refused to/i.test(m.text())) violations.push(m.text());
  });
  page.on("pageerror", (e) => violations.push(e.message));
  const answer = await page.goto("/");
  const csp = answer?.headers()["content-security-policy"] ?? "";
  expect(csp).toContain("script-src 'nonce-");
  expect(csp).toContain("object-src 'none'");
  await ready(page, info);
  // The search island still filters (with JavaScript) or the form still sends (without).
  await page.locator("#q").fill("南头");
  if (jsOff(info)) await page.getByRole("button", { name: "查询" }).click();
  await settled(page, /q=%E5%8D%97%E5%A4%B4/);
  await expect(page.locator(".results .result").first()).toBeVisible();

  await signIn(page, "ns_street", "/ledger");
  await expect(page).toHaveURL(/\/ledger$/);
  const ledger = await page.request.get("/ledger");
  expect(ledger.headers()["cache-control"]).toBe("no-store");
  expect(ledger.headers()["content-security-policy"]).toContain("frame-ancestors 'none'");
  expect(violations).toEqual([]);
});
