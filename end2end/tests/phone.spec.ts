import { test, expect, Page } from "@playwright/test";
import { jsOff, noSideScroll, ready, signIn } from "./helpers";

/**
 * Every control a thumb must hit, as `tag#id.class "text" WxH`, when it is smaller than 44 px
 * tall (WCAG 2.5.5) or 24 px wide (2.5.8). A checkbox or radio counts by its label, which takes
 * the tap; a link inside a sentence (other text beside it in its block) is exempt, as WCAG
 * exempts inline targets.
 */
async function smallTargets(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const out: string[] = [];
    const controls = document.querySelectorAll<HTMLElement>(
      "a[href], button, summary, select, textarea, input:not([type=hidden])",
    );
    for (const el of controls) {
      // Hidden, or inside a closed menu: nothing to hit.
      if (!el.checkVisibility({ visibilityProperty: true, contentVisibilityAuto: true })) continue;
      let box = el.getBoundingClientRect();
      if (box.width === 0 && box.height === 0) continue;
      if (el instanceof HTMLInputElement && (el.type === "checkbox" || el.type === "radio")) {
        const label = el.closest("label");
        if (label) box = label.getBoundingClientRect();
      }
      if (el.tagName === "A") {
        const block = el.parentElement;
        const own = (el.textContent ?? "").trim();
        const around = (block?.textContent ?? "").trim();
        if (block && around !== own && getComputedStyle(el).display === "inline") continue;
      }
      if (box.height < 44 || box.width < 24) {
        const name = `${el.tagName.toLowerCase()}${el.id ? "#" + el.id : ""}${el.className && typeof el.className === "string" ? "." + el.className.split(" ").join(".") : ""}`;
        out.push(`${name} "${(el.textContent ?? "").trim().slice(0, 20)}" ${Math.round(box.width)}x${Math.round(box.height)}`);
      }
    }
    return out;
  });
}

test.describe("on a 360 px phone", () => {
  test.beforeEach(({}, info) => {
    test.skip(info.project.name === "desktop", "the phone's navigation and targets");
  });

  test("the navigation is one row that opens a column of 44 px links, and closes on the way", async ({ page }, info) => {
    await signIn(page, "ns_coordinator", "/work");
    await expect(page).toHaveURL(/\/work$/);
    await ready(page, info);
    const header = await page.locator(".site-header").boundingBox();
    expect(header?.height ?? 999).toBeLessThanOrEqual(56);
    const ledger = page.locator(".nav").getByRole("link", { name: "台账" });
    await expect(ledger).toBeHidden();
    await page.locator(".menu > summary").click();
    await expect(ledger).toBeVisible();
    for (const link of await page.locator(".nav a, .nav button").all()) {
      expect((await link.boundingBox())?.height ?? 0).toBeGreaterThanOrEqual(44);
    }
    await ledger.click();
    await expect(page).toHaveURL(/\/ledger$/);
    await expect(page.locator(".nav").getByRole("link", { name: "今日工作" })).toBeHidden();
    await noSideScroll(page);
  });

  test("every control a thumb must hit is at least 44 px tall, on the pages of each role", async ({ page }) => {
    const pages: Array<[string | null, string[]]> = [
      [null, ["/", "/verify", "/areas", "/login"]],
      ["ns_coordinator", ["/work", "/work?group=visits", "/ledger", "/ledger/new", "/coordinators/me"]],
      ["ns_street", ["/reviews", "/platforms"]],
      ["sz_hr", ["/coordinators"]],
    ];
    const found: string[] = [];
    let checked = 0;
    for (const [user, paths] of pages) {
      if (user) await signIn(page, user, paths[0]);
      for (const path of paths) {
        await page.goto(path);
        await page.waitForLoadState("load");
        checked += await page.locator("a[href], button, input:not([type=hidden]), select").count();
        found.push(...(await smallTargets(page)).map((t) => `${path}: ${t}`));
      }
      // A household page and a coordinator's record, with their check boxes and forms.
      if (user === "ns_coordinator") {
        await page.goto("/ledger");
        await page.locator(".results .result-name").first().click();
        await page.waitForLoadState("load");
        found.push(...(await smallTargets(page)).map((t) => `household: ${t}`));
      }
      if (user === "sz_hr") {
        await page.locator("table a, .results a").first().click();
        await page.waitForLoadState("load");
        found.push(...(await smallTargets(page)).map((t) => `coordinator: ${t}`));
      }
    }
    expect(checked).toBeGreaterThan(100);
    expect(found).toEqual([]);
  });
});

test("number fields open the number keyboard", async ({ page }) => {
  // The fields where only digits make sense, by the end of their name.
  const numeric = /(hours|theory|practical|year|score|assessment|area_code|hukou_code|coordinator_id)\]?$/;
  await signIn(page, "sz_hr", "/coordinators");
  await page.locator("table a, .results a").first().click();
  await page.waitForLoadState("load");
  const fields = await page.locator("input").evaluateAll((els) =>
    els.map((e) => ({ name: e.getAttribute("name") ?? "", type: e.getAttribute("type") ?? "text", mode: e.getAttribute("inputmode") })),
  );
  const numbers = fields.filter((f) => numeric.test(f.name) && f.type !== "hidden");
  expect(numbers.length).toBeGreaterThanOrEqual(4);
  for (const f of numbers) expect([f.name, f.mode]).toEqual([f.name, "numeric"]);
});

test("the work list shows each group's size and its five most urgent, and pages a group", async ({ page }, info) => {
  await signIn(page, "ns_coordinator", "/work");
  await expect(page).toHaveURL(/\/work$/);
  for (const group of ["zero", "reviews", "services", "visits"]) {
    const total = Number(await page.locator(`.tile[data-group=${group}] .tile-count`).getAttribute("data-total"));
    const shown = await page.locator(`.work-group[data-group=${group}] .results > li`).count();
    expect([group, shown]).toEqual([group, Math.min(total, 5)]);
  }
  // The groups stand in order of urgency: 零就业家庭 (一票否决) first, routine visits last.
  expect(await page.locator(".work-group").evaluateAll((s) => s.map((e) => e.getAttribute("data-group")))).toEqual([
    "zero", "reviews", "services", "visits",
  ]);
  const visits = Number(await page.locator(".tile[data-group=visits] .tile-count").getAttribute("data-total"));
  expect(visits).toBeGreaterThan(5);
  await page.locator(".tile[data-group=visits]").click();
  await expect(page).toHaveURL(/\/work\?group=visits$/);
  await expect(page.locator(".work-group")).toHaveCount(1);
  const first = page.locator("#due-visits .results > li");
  await expect(first).toHaveCount(Math.min(visits, 20));
  // Never visited first, then the earliest due date.
  const dates = (await first.locator(".result-meta").allTextContents()).map((t) => t.match(/\d{4}-\d{2}-\d{2}/)?.[0] ?? "");
  const visited = dates.filter((d) => d !== "");
  expect(dates.slice(0, dates.length - visited.length).every((d) => d === "")).toBe(true);
  expect([...visited].sort()).toEqual(visited);
  if (visits > 20) {
    await page.getByRole("link", { name: "下一页" }).click();
    await expect(page).toHaveURL(/group=visits&page=2$/);
    await expect(page.locator("#due-visits .results > li")).toHaveCount(Math.min(visits - 20, 20));
  }
  if (!jsOff(info)) await ready(page, info);
  await noSideScroll(page);
});
