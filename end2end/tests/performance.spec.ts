import { test, expect } from "@playwright/test";
import { idNumber, noSideScroll, projectSeq, signedIn } from "./helpers";

test("a street officer reads the scorecard, opens a figure to its files and back", async ({ browser }, info) => {
  const page = await signedIn(browser, info, "ns_street");
  await page.goto("/performance");
  await expect(page.locator("h1")).toHaveText("绩效考核");
  const card = page.locator("#scorecard");
  await expect(card).toHaveAttribute("data-area", "440305001000");
  await expect(card.locator("h2")).toContainText("南头街道");
  // Every indicator of the system in force, with a status and its points.
  await expect(card.locator("li.figure")).toHaveCount(8);
  await expect(card.locator('li.figure[data-measure="registrations_on_time"] .name')).toHaveText("登记认定按时办结率");
  await expect(card.locator("#proposed-rating")).toHaveText(/优秀|合格|基本合格|不合格/);
  const total = Number(await card.locator("#total").getAttribute("data-total"));
  expect(total).toBeGreaterThanOrEqual(0);
  expect(total).toBeLessThanOrEqual(10000);
  await noSideScroll(page);

  // A figure opens the files behind it: the same count, each record met or missed.
  const figure = card.locator('li.figure[data-measure="visits_on_schedule"]');
  const shown = await figure.locator(".figure-link").textContent();
  await figure.locator(".figure-link").click();
  await expect(page).toHaveURL(/\/performance\/figure\?.*measure=visits_on_schedule/);
  await expect(page.locator("h1")).toHaveText("按期走访率");
  const count = page.locator("#figure-count");
  const part = await count.getAttribute("data-part");
  const whole = await count.getAttribute("data-whole");
  expect(shown).toContain(`${part} / 应办 ${whole}`);
  const missed = Number(whole) - Number(part);
  const rows = page.locator("#figure-records li.record");
  await expect(rows).toHaveCount(Math.min(missed, 50));
  if (missed > 0) {
    await expect(rows.first()).toHaveAttribute("data-met", "false");
    // The street works the ledger: households by address, linked.
    await expect(rows.first().locator("a")).toHaveAttribute("href", /^\/ledger\/\d+$/);
  }
  await page.locator('a.tab:has-text("全部")').click();
  await expect(page).toHaveURL(/show=all/);
  await expect(rows).toHaveCount(Math.min(Number(whole), 50));
  await noSideScroll(page);
  await page.locator('a:has-text("返回计分卡")').click();
  await expect(page.locator("#scorecard")).toHaveAttribute("data-area", "440305001000");

  // A period that cannot be read: the message, and the typed period kept.
  await page.locator("#period").fill("2026-13");
  await page.locator('#period-form button[type="submit"]').click();
  await expect(page).toHaveURL(/period=2026-13/);
  await expect(page.locator(".error-box")).toContainText("2026-Q4");
  await expect(page.locator("#period")).toHaveValue("2026-13");
  // A past quarter, complete.
  await page.locator("#period").fill("2026-Q3");
  await page.locator('#period-form button[type="submit"]').click();
  await expect(page.locator("#scorecard")).toHaveAttribute("data-period", "2026-Q3");
  await expect(page.locator("#scorecard")).toContainText("考核期已结束");
});

test("a coordinator reads the community's scorecard on the phone, and not the street's", async ({ browser }, info) => {
  const page = await signedIn(browser, info, "ns_coordinator");
  await page.goto("/performance");
  const card = page.locator("#scorecard");
  await expect(card).toHaveAttribute("data-area", /^440305001\d{3}$/);
  await expect(card.locator("li.figure")).toHaveCount(8);
  await noSideScroll(page);
  await page.goto("/performance?area=440305001000");
  await expect(page.locator(".error-box")).toBeVisible();
  await expect(page.locator("#scorecard")).toHaveCount(0);
});

/** Today's year and month in Beijing time: ["2026", "2026-12"]. */
function thisYearAndMonth(): [string, string] {
  const now = new Date(Date.now() + 8 * 3600e3).toISOString();
  return [now.slice(0, 4), now.slice(0, 7)];
}

test("a street officer's dashboard: 时序进度, trends, the communities below and the workbook", async ({ browser }, info) => {
  const page = await signedIn(browser, info, "ns_street");
  const [year, month] = thisYearAndMonth();
  await page.goto("/performance/dashboard");
  await expect(page.locator("h1")).toHaveText("绩效看板");
  const board = page.locator("#dashboard");
  await expect(board).toHaveAttribute("data-area", "440305001000");
  await expect(board).toHaveAttribute("data-period", year);
  // Every indicator with its status colour and a twelve-month trend drawn on the server.
  await expect(board.locator("li.figure")).toHaveCount(8);
  await expect(board.locator("li.figure svg.sparkline")).toHaveCount(8);
  await expect(board.locator("li.figure figcaption").first()).toContainText(month);
  const elapsed = Number(await page.locator("#elapsed").getAttribute("data-elapsed"));
  expect(elapsed).toBeGreaterThan(0);
  expect(elapsed).toBeLessThanOrEqual(1000);
  await expect(page.locator("#counted-as-of")).toContainText(/\d{4}-\d{2}-\d{2}/);
  const rows = page.locator("#areas-below li.drill-row");
  await expect(rows.first()).toBeVisible();
  await expect(page.locator('#areas-below li.drill-row[data-code="440305001007"]')).toHaveCount(1);
  await noSideScroll(page);

  // The kept figures give the scorecard's total, counted live from the records (other tests
  // write meanwhile: read both again until no write falls between them).
  await expect(async () => {
    await page.goto(`/performance/dashboard?period=${year}`);
    const kept = await page.locator("#dashboard #total").getAttribute("data-total");
    await page.goto(`/performance?period=${year}`);
    await expect(page.locator("#scorecard #total")).toHaveAttribute("data-total", kept ?? "", { timeout: 1000 });
  }).toPass({ timeout: 30_000 });
  await page.locator("#dashboard-link").click();
  await expect(page.locator("#dashboard")).toHaveAttribute("data-period", year);

  // Down one level: a community's own dashboard.
  const code = await page.locator("#areas-below li.drill-row").first().getAttribute("data-code");
  await page.locator("#areas-below li.drill-row a.name").first().click();
  await expect(page).toHaveURL(new RegExp(`area=${code}`));
  await expect(page.locator("#dashboard")).toHaveAttribute("data-area", code ?? "");
  await expect(page.locator("#areas-below .muted")).toContainText("没有下级区域");
  // Another kept period from the chooser, as a plain GET form.
  await page.locator("#period").selectOption(month);
  await page.locator('#dashboard-form button[type="submit"]').click();
  await expect(page.locator("#dashboard")).toHaveAttribute("data-period", month);
  await noSideScroll(page);

  const href = await page.locator("#dashboard-xlsx").getAttribute("href");
  const res = await page.request.get(href ?? "");
  expect(res.status()).toBe(200);
  expect(res.headers()["content-type"]).toContain("spreadsheetml");
  // A period older than those kept: the message and the way back.
  await page.goto("/performance/dashboard?period=2020-01");
  await expect(page.locator(".error-box")).toContainText("近12个月");
});

test("a coordinator's dashboard on the phone is the own community's", async ({ browser }, info) => {
  const page = await signedIn(browser, info, "ns_coordinator");
  await page.goto("/performance/dashboard");
  await expect(page.locator("#dashboard")).toHaveAttribute("data-area", /^440305001\d{3}$/);
  await expect(page.locator("#dashboard li.figure svg.sparkline")).toHaveCount(8);
  expect(await page.locator("#coordinators-below li.drill-row").count()).toBeLessThanOrEqual(1);
  await noSideScroll(page);
  await page.goto("/performance/dashboard?area=440305001000");
  await expect(page.locator(".error-box")).toBeVisible();
  await expect(page.locator("#dashboard")).toHaveCount(0);
});

/** The month before the one holding today, Beijing time: `2026-11` on 2026-12-01. */
function lastMonth(): string {
  const now = new Date(Date.now() + 8 * 3600e3);
  const d = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 1));
  return d.toISOString().slice(0, 7);
}

test("a street officer assesses its communities, adjusts one with a reason and publishes", async ({ browser }, info) => {
  const page = await signedIn(browser, info, "ns_street");
  const period = lastMonth();
  await page.goto("/performance/assessments");
  await expect(page.locator("h1")).toHaveText("考核");
  // A retry finds the assessment made by the first try.
  const earlier = page.locator("#assessments li.record a", { hasText: period });
  if ((await earlier.count()) === 0) {
    await page.locator("#a-period").fill(period);
    await page.locator('#run button[type="submit"]').click();
  } else {
    await earlier.first().click();
  }
  await expect(page).toHaveURL(/\/performance\/assessments\/\d+/);
  const sheet = page.locator("#assessment");
  const units = page.locator("#units li.entry");
  expect(await units.count()).toBeGreaterThan(1);
  // Ranked: no entry ranks above the one before it.
  const ranks = (await units.evaluateAll((els) => els.map((e) => Number(e.getAttribute("data-rank")))));
  expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
  // Each unit opens its scorecard for the period.
  await expect(units.first().locator("a.name")).toHaveAttribute("href", new RegExp(`period=${period}`));

  if ((await sheet.getAttribute("data-status")) === "draft") {
    const first = units.first();
    const code = await first.getAttribute("data-code");
    await first.locator("details.adjust summary").click();
    // Beyond the bound: the message, and the points as typed.
    await first.locator('input[name="input[adjustment]"]').fill("9");
    await first.locator('input[name="input[reason]"]').fill("台账补录");
    await first.locator('button[type="submit"]').click();
    const again = page.locator(`#units li.entry[data-code="${code}"]`);
    await expect(again.locator(".field-error")).toBeVisible();
    await expect(again.locator('input[name="input[adjustment]"]')).toHaveValue("9");
    await expect(again.locator('input[name="input[reason]"]')).toHaveValue("台账补录");
    await again.locator('input[name="input[adjustment]"]').fill("-1.5");
    await again.locator('button[type="submit"]').click();
    await expect(page.locator(`#units li.entry[data-code="${code}"] .adjustment`)).toContainText("1.50（台账补录）");
    await noSideScroll(page);
    await page.locator('#publish button[type="submit"]').click();
  }
  await expect(page.locator("#assessment")).toHaveAttribute("data-status", "published");
  const digest = await page.locator("#digest code").getAttribute("data-digest");
  expect(digest).toMatch(/^[0-9a-f]{64}$/);
  await expect(page.locator("#digest [data-intact]")).toHaveAttribute("data-intact", "true");
  await expect(page.locator("#publish")).toHaveCount(0);
  await expect(page.locator("#correct")).toBeVisible();
  await noSideScroll(page);

  // The assessed read it on the phone.
  const url = page.url();
  const coordinator = await signedIn(browser, info, "ns_coordinator");
  await coordinator.goto(url);
  await expect(coordinator.locator("#assessment")).toHaveAttribute("data-status", "published");
  await expect(coordinator.locator("#correct")).toHaveCount(0);
  await noSideScroll(coordinator);
});

test("an HR manager confirms the annual ratings an annual assessment proposes, overriding one with a reason", async ({ browser }, info) => {
  const year = String(new Date(Date.now() + 8 * 3600e3).getUTCFullYear() - 1);
  // A coordinator hired at the start of last year in 南联社区, not yet rated for it.
  const hr = await signedIn(browser, info, "sz_hr");
  const seq = projectSeq(info, 810);
  const hired = await hr.request.post("/api/v1/coordinators", {
    data: {
      name: `考核员${seq}`,
      id_number: idNumber("19860315", seq),
      phone: "13800138000",
      area_code: "440305001011",
      employment: "full_time",
      hired_on: `${year}-01-02`,
      education: "college",
    },
  });
  // A retry finds the number registered already (and the proposal decided by the first try).
  if (hired.status() !== 201) {
    expect(hired.status()).toBe(422);
    expect(JSON.stringify(await hired.json())).toContain("id_number");
  }

  // The street assesses last year and publishes, unless a try before did.
  const street = await signedIn(browser, info, "ns_street");
  await street.goto("/performance/assessments");
  const earlier = street.locator("#assessments li.record a", { hasText: new RegExp(`^${year} `) });
  if ((await earlier.count()) === 0) {
    await street.locator("#a-period").fill(year);
    await street.locator('#run button[type="submit"]').click();
    await expect(street).toHaveURL(/\/performance\/assessments\/\d+/);
    await street.locator('#publish button[type="submit"]').click();
    await expect(street.locator("#assessment")).toHaveAttribute("data-status", "published");
  }

  await hr.goto(`/performance/ratings?year=${year}`);
  await expect(hr.locator("h1")).toHaveText("年度考核等次确认");
  const open = hr.locator("#proposals li.record", { has: hr.locator(".decide") });
  const decided = hr.locator("#proposals li.record .decided");
  if ((await open.count()) > 0) {
    const item = open.first();
    const id = await item.getAttribute("id");
    const proposed = await item.locator(".proposed").getAttribute("data-rating");
    const other = proposed === "qualified" ? "basically_qualified" : "qualified";
    // An override without a reason comes back with the choice kept.
    await item.locator("select").selectOption(other);
    await item.locator('button[type="submit"]').click();
    const again = hr.locator(`#${id}`);
    await expect(again.locator(".field-error")).toBeVisible();
    await expect(again.locator("select")).toHaveValue(other);
    await again.locator('input[name="input[reason]"]').fill("全年两次未按期走访");
    await again.locator('button[type="submit"]').click();
    await expect(hr.locator(`#${id} .decided`)).toContainText("全年两次未按期走访");
  }
  await expect(decided.first()).toBeVisible();
  await noSideScroll(hr);
});
