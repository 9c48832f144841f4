import { test, expect, Page } from "@playwright/test";
import { noSideScroll, projectSeq, signedIn } from "./helpers";

/** YYYY-MM-DD in Beijing time, `days` from today. */
function beijingDay(days: number): string {
  return new Date(Date.now() + 8 * 3600e3 + days * 86400e3).toISOString().slice(0, 10);
}

/** Publishes 广东's next 就业援助 policy version from `from` with the county's limit `county`. */
async function publishVersion(page: Page, from: string, county: number): Promise<string> {
  const list = await page.request.get("/api/v1/policies/assistance?area=440000000000");
  expect(list.status()).toBe(200);
  const versions = await list.json();
  const inForce = versions.find((v: { in_force: boolean }) => v.in_force);
  const policy = { ...inForce.policy, street_review_days: 3, county_review_days: county };
  const published = await page.request.post("/api/v1/policies/assistance", {
    data: { area_code: "440000000000", effective_from: from, policy },
  });
  // A retry of this test finds its version published already.
  expect([201, 409]).toContain(published.status());
  return `44-${from}`;
}

test("a province officer reads the policy in force, its history and what a new version changes", async ({ browser }, info) => {
  const page = await signedIn(browser, info, "gd_province");
  const seq = projectSeq(info, 0);
  const county = 2 + seq / 2; // 2, 3, 4: never the default 5, different per project
  const label = await publishVersion(page, beijingDay(40 + seq), county);

  await page.goto("/policies");
  await expect(page.locator("h1")).toHaveText("政策与标准");
  await expect(page.locator("#policy-area")).toContainText("广东省");
  // The version in force first, by name, with its state.
  await expect(page.locator("#shown")).toHaveAttribute("data-state", "in_force");
  await expect(page.locator("#shown h2")).not.toContainText(/default-\d{4}|^44-/);
  // The history lists the scheduled version, and opens it.
  const row = page.locator(`#versions li[data-version="${label}"]`);
  await expect(row).toHaveAttribute("data-state", "scheduled");
  await expect(row.locator(".badge")).toHaveText("待施行");
  await row.locator("a").click();
  await expect(page).toHaveURL(new RegExp(`version=${label}`));
  await expect(page.locator("#shown")).toHaveAttribute("data-version", label);
  // Compared with the version before it: the county's limit by its label, before and after.
  const change = page.locator('#changes tr[data-path="county_review_days"]');
  await expect(change.locator("th")).toHaveText("县区审批时限（工作日）");
  await expect(change.locator("td.after")).toHaveText(String(county));
  await expect(change.locator("td.before")).not.toHaveText(String(county));
  await expect(page.locator("#changes")).not.toContainText(/_days|_months|services\./);
  // Every setting of the version, labelled; the service limits name their service.
  await expect(page.locator('#settings tr[data-path="county_review_days"] td')).toHaveText(String(county));
  await expect(page.locator('#settings tr[data-path="services.job_referral.time_limit_days"] th')).toHaveText("服务时限（工作日） · 职业介绍");
  await noSideScroll(page);

  // The platform policy: rates and coefficients as people write them.
  await page.locator('a.tab[data-kind="platform"]').click();
  await expect(page).toHaveURL(/kind=platform/);
  await expect(page.locator('#settings tr[data-path="grades.pay_second.0"] th')).toHaveText("二级绩效工资系数 · 优秀");
  await expect(page.locator('#settings tr[data-path="grades.pay_second.0"] td')).toHaveText("1.20");
  await expect(page.locator('#settings tr[data-path="grades.min_education"] td')).toHaveText("大专");
  // The provincial star standard: per-mille rates as percentages.
  await page.locator('a.tab[data-kind="standard"]').click();
  await page.locator('a.tab[data-tier="provincial_star"]').click();
  await expect(page).toHaveURL(/tier=provincial_star/);
  await expect(page.locator("#versions li").first()).toBeVisible();
  await expect(page.locator('#settings tr[data-path="min_rate_able_willing"] td')).toHaveText(/^\d+\.\d%$/);
  await noSideScroll(page);

  // The performance indicator system: each indicator by its code, measures and bands by name.
  await page.locator('a.tab[data-kind="performance"]').click();
  await expect(page).toHaveURL(/kind=performance/);
  await expect(page.locator('#settings tr[data-path="indicators.A1.weight"] th')).toHaveText("权重（分） · A1");
  await expect(page.locator('#settings tr[data-path="indicators.A3.measure"] td')).toHaveText("零就业家庭按时清零率");
  await expect(page.locator('#settings tr[data-path="rating_bands.0"] th')).toHaveText("年度考核等次分数线 · 优秀");
  await expect(page.locator('#settings tr[data-path="grassroots_share"] td')).toHaveText("70.0%");
  await noSideScroll(page);

  // An unknown kind is refused with its message and 422.
  const refused = await page.goto("/policies?kind=pension");
  expect(refused?.status()).toBe(422);
  await expect(page.locator("main")).toContainText("没有这一类政策");
});

test("the ministry chooses a province and reads the national versions alone", async ({ browser }, info) => {
  const page = await signedIn(browser, info, "ministry");
  await page.goto("/policies?kind=assistance");
  await expect(page.locator("#policy-area")).toHaveAttribute("data-area", "000000000000");
  await expect(page.locator("#versions li[data-version^='44-']")).toHaveCount(0);
  await page.locator("#policy-area-select").selectOption("440000000000");
  await page.locator("#policy-area-form button").click();
  await expect(page).toHaveURL(/area=440000000000/);
  await expect(page.locator("#policy-area")).toContainText("广东省");
});
