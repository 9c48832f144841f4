import { test, expect, Page, Browser, TestInfo } from "@playwright/test";
import path from "path";
import { jsOff, later, noSideScroll } from "./helpers";

const port = Number(process.env.E2E_PORT ?? 3400);

/** A page of its own signed in as `username`, on `next`. */
async function signedInOn(browser: Browser, info: TestInfo, username: string, next: string, base?: string): Promise<Page> {
  const context = await browser.newContext({ ...info.project.use, ...(base ? { baseURL: base } : {}) });
  const page = await context.newPage();
  await page.goto(`/login?next=${encodeURIComponent(next)}`);
  await page.locator("#username").fill(username);
  await page.locator("#password").fill("demo12345");
  await page.getByRole("button", { name: "登录" }).click();
  await expect(page).toHaveURL(new RegExp(`${next.replace(/[/?]/g, "\\$&")}$`));
  return page;
}

/** The record number of the coordinator named `name` in the HR manager's list. */
async function coordinatorId(page: Page, name: string): Promise<string> {
  await page.goto(`/coordinators?q=${encodeURIComponent(name)}`);
  const item = page.locator("#coordinators li[data-coordinator]", { hasText: name });
  await expect(item).toHaveCount(1);
  return (await item.getAttribute("data-coordinator")) ?? "";
}

test("a coordinator sees on the phone the grade, what promotion still needs, hours and ratings", async ({ browser }, info) => {
  const page = await signedInOn(browser, info, "ns_coordinator", "/coordinators/me");
  await expect(page.locator("h1")).toHaveText("林志强");
  await expect(page.locator("#grade")).toHaveText("二级协理员");
  // 24 hours in the window: the training rule is what is missing.
  await expect(page.locator("#training-hours")).toHaveText("24");
  await expect(page.locator("#promotion-missing")).toContainText("近期培训学时");
  await expect(page.locator("#rules tr[data-rule=training]")).toHaveAttribute("data-met", "false");
  // The rule says what it needs and what he has, in numbers: 40 hours in 2 years, 24, short 16.
  const training = page.locator("#rules tr[data-rule=training] .figures");
  await expect(training).toHaveText("要求：近 2 年培训 40 学时；实际：24 学时（差 16）");
  await expect(training).toHaveAttribute("data-short", "16");
  // Ratings by their names, the policy by its name.
  await expect(page.locator("#rules tr[data-rule=ratings] .figures")).toContainText("优秀");
  await expect(page.locator("#rules")).not.toContainText(/excellent|qualified|default-\d{4}/);
  await expect(page.locator("#rules [data-version]")).toContainText("全国默认标准");
  await expect(page.locator("#ratings li")).toHaveCount(2);
  await noSideScroll(page);
});

test("the HR manager of Shenzhen sees only Shenzhen's coordinators, their rules explained", async ({ browser }, info) => {
  const page = await signedInOn(browser, info, "sz_hr", "/coordinators");
  await expect(page.locator("#coordinators li", { hasText: "陈晓梅" })).toBeVisible();
  // 孙京 works in Beijing: never listed.
  await expect(page.locator("#coordinators")).not.toContainText("孙京");
  await expect(page.locator("#coordinators li", { hasText: "陈晓梅" }).locator(".badge.ok")).toBeVisible();
  const id = await coordinatorId(page, "刘芳");
  await page.goto(`/coordinators/${id}`);
  // Not graded yet: the entry rules, each met, with the records behind them.
  await expect(page.locator("#rules tr[data-rule=exam]")).toHaveAttribute("data-met", "true");
  await expect(page.locator("#rules tr[data-rule=exam] .evidence")).toContainText("/");
  await noSideScroll(page);
  // In English the record speaks English: grades, the history's reasons, the rules, the title.
  const chen = await coordinatorId(page, "陈晓梅");
  await page.goto(`/lang/en?next=${encodeURIComponent(`/coordinators/${chen}`)}`);
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  await expect(page).toHaveTitle(/ · Grassroots Employment$/);
  await expect(page.locator("#grade")).toHaveText(/^(First|Second) grade$/);
  await expect(page.locator("#grade-history")).toContainText("Entered by assessment (National defaults (2026))");
  await expect(page.locator("#rules thead")).toContainText("Needed and found");
  await expect(page.locator("main")).not.toContainText(/二级|一级|考核上岗|要求：|实际：|合格线|；/);
  await page.goto(`/lang/zh-CN?next=${encodeURIComponent("/coordinators")}`);
  await expect(page.locator("html")).toHaveAttribute("lang", "zh-CN");
});

test("a rating workbook with bad rows lists every one of them and writes nothing", async ({ browser }, info) => {
  const page = await signedInOn(browser, info, "sz_hr", "/coordinators/import");
  await page.locator("#file").setInputFiles(path.resolve(__dirname, "../fixtures/ratings-with-errors.xlsx"));
  await page.getByRole("button", { name: "检查并导入" }).click();
  await expect(page).toHaveURL(/\/coordinators\/import$/);
  await expect(page.locator("#import-errors [role=alert]")).toContainText("未写入任何数据");
  // Row 2: the name differs; row 3: nobody with that number here; row 4: a duplicate and an unknown rating.
  await expect(page.locator("#import-errors tr[data-row='2']")).toContainText("姓名与登记的不一致");
  await expect(page.locator("#import-errors tr[data-row='3']")).toContainText("本辖区没有该身份证号的协理员");
  await expect(page.locator("#import-errors tr[data-row='4']")).toHaveCount(2);
  await expect(page.locator("#import-done")).toHaveCount(0);
  await noSideScroll(page);
});

test("coverage of Guangdong drills down to a street, with the chart and the Excel export", async ({ browser }, info) => {
  const page = await signedInOn(browser, info, "gd_province", "/platforms");
  // The figures are the register's own, as the REST API counts them.
  const api = await page.request.get("/api/v1/platforms/coverage?area=440000000000");
  expect(api.status()).toBe(200);
  const { total } = await api.json();
  for (const figure of ["streets", "townships", "communities", "villages"]) {
    const s = total[figure];
    await expect(page.locator(`#coverage tr[data-area=total] td[data-figure=${figure}]`)).toContainText(
      s.whole === 0 ? "—" : `${s.part}/${s.whole}`,
    );
  }
  await expect(page.locator("#coverage tr[data-area='440300000000']")).toBeVisible();
  await expect(page.locator("#coverage svg rect.open[data-figure=six]")).toBeAttached();
  const href = await page.locator("#coverage a[download]").getAttribute("href");
  const xlsx = await page.request.get(href ?? "");
  expect(xlsx.status()).toBe(200);
  expect(xlsx.headers()["content-type"]).toContain("spreadsheetml");
  await page.locator("#coverage tr[data-area='440300000000'] a").click();
  await expect(page).toHaveURL(/area=440300000000/);
  await page.goto("/platforms?area=440305001000");
  await expect(page.locator("#platforms li[data-platform='440305001007']")).toBeVisible();
  await noSideScroll(page);
});

test("a street officer updates a platform's record, and a stale copy is refused", async ({ browser }, info) => {
  test.skip(info.project.name === "phone", "desktop runs it with JavaScript, phone-nojs without");
  const page = await signedInOn(browser, info, "ns_street", "/platforms/440305001014");
  // A second tab holds the same version.
  const stale = await page.context().newPage();
  await stale.goto("/platforms/440305001014");
  await page.locator("#p-venue_m2").fill("80");
  await page.locator("#p-windows").fill("2");
  await page.locator("#edit button[type=submit]").click();
  await expect(page).toHaveURL(/saved=1/);
  await expect(page.locator("#history li").first()).toContainText("venue_m2");
  await stale.locator("#p-windows").fill("3");
  await stale.locator("#edit button[type=submit]").click();
  // Refused as a stale copy (conflict.version), with what was typed kept.
  await expect(stale.locator("#edit .error-box")).toContainText("这条记录已被他人修改");
  await expect(stale.locator("#p-windows")).toHaveValue("3");
});

test("an HR manager runs a promotion round: one candidate refused on an unmet rule, the others promoted, and a demotion after 不合格", async ({ browser }, info) => {
  test.skip(info.project.name === "phone", "desktop runs it with JavaScript, phone-nojs without");
  test.setTimeout(120_000);
  const hr = await signedInOn(browser, info, "sz_hr", "/promotions");
  const lin = await coordinatorId(hr, "林志强");
  await hr.goto("/promotions");
  await hr.locator("#r-title").fill("南山区协理员晋升评审");
  // The area by its name, from the list of the manager's areas.
  await expect(hr.locator("#r-areas option[value='南山区 440305000000']")).toHaveCount(1);
  await hr.locator("#r-area").fill("南山区");
  await hr.locator("#open button[type=submit]").click();
  await expect(hr).toHaveURL(/\/promotions\/\d+$/);
  const round = hr.url();
  // The rules found the two who meet everything but the assessment.
  const candidate = (name: string) => hr.locator("#candidates li[data-candidate]", { hasText: name });
  await expect(candidate("陈晓梅")).toBeVisible();
  await expect(candidate("王磊")).toBeVisible();
  await expect(candidate("林志强")).toHaveCount(0);
  // 林志强 is nominated, scored, and cannot be approved: the training rule is shown unmet.
  // Chosen from the list of the area's 二级 coordinators, by name.
  await expect(hr.locator("#n-id option", { hasText: "林志强" })).toHaveCount(1);
  await hr.locator("#n-id").selectOption(lin);
  await hr.locator("#n-reason").fill("入户摸底工作突出");
  await hr.locator("#nominate button[type=submit]").click();
  await expect(candidate("林志强")).toBeVisible();
  await expect(candidate("林志强").locator("tr[data-rule=training]")).toHaveAttribute("data-met", "false");
  for (const [name, score] of [["陈晓梅", "82"], ["王磊", "76"], ["林志强", "88"]]) {
    await expect(candidate(name).locator(".pass-mark")).toHaveText("合格线 70 分");
    await candidate(name).locator("input[name='input[assessment]']").fill(score);
    await candidate(name).getByRole("button", { name: "保存分数" }).click();
    await expect(hr.locator(".notice[role=status]")).toBeVisible();
  }
  // The score beside its pass mark; the round's policy by name.
  await expect(candidate("王磊").locator(".score")).toHaveText("76 分（合格线 70 分）");
  await expect(hr.locator("dd[data-version]")).not.toContainText("default-");
  // A decision needs its reason, an approval too.
  await expect(candidate("林志强").locator("textarea[name='input[reason]']")).toHaveAttribute("required", "");
  await candidate("林志强").locator("textarea[name='input[reason]']").fill("入户摸底工作突出");
  await candidate("林志强").getByRole("button", { name: "同意晋升" }).click();
  await expect(candidate("林志强").locator("[data-unmet]")).toContainText("近期培训学时");
  await candidate("林志强").locator("textarea[name='input[reason]']").fill("近两年培训学时不足40学时");
  await candidate("林志强").getByRole("button", { name: "不予晋升" }).click();
  await expect(candidate("林志强").locator("[data-decision=rejected]")).toBeVisible();
  for (const name of ["陈晓梅", "王磊"]) {
    await candidate(name).locator("textarea[name='input[reason]']").fill("考核优良，条件齐备");
    await candidate(name).getByRole("button", { name: "同意晋升" }).click();
    await expect(candidate(name).locator("[data-decision=approved]")).toBeVisible();
  }
  await hr.locator("#publish button[type=submit]").click();
  await expect(hr.locator("#round-status")).toHaveText("公示中");
  // In English the round speaks English: the policy by name, scores beside their pass mark.
  const roundPath = new URL(round).pathname;
  await hr.goto(`/lang/en?next=${encodeURIComponent(roundPath)}`);
  await expect(hr).toHaveTitle(/ · Grassroots Employment$/);
  await expect(hr.locator("dd[data-version]")).toContainText("National defaults");
  await expect(candidate("王磊").locator(".score")).toHaveText("76 (pass mark 70)");
  await expect(hr.locator("main")).not.toContainText(/二级|一级|合格线|要求：|推荐理由|；/);
  await hr.goto(`/lang/zh-CN?next=${encodeURIComponent(roundPath)}`);
  await expect(hr.locator("#round-status")).toHaveText("公示中");

  // The public notice lists the two approved, not the one refused.
  const visitor = await browser.newPage();
  await visitor.goto(`http://127.0.0.1:${port}/promotion-notices`);
  await expect(visitor.locator("[data-candidate]", { hasText: "陈晓梅" })).toBeVisible();
  await expect(visitor.locator("main")).not.toContainText("林志强");

  // Ten days later the notice is over: the round closes with an effective date.
  const tenDays = await later(10, port + 21);
  try {
    const hrLater = await signedInOn(browser, info, "sz_hr", "/promotions", tenDays.base);
    await hrLater.goto(round.replace(/^http:\/\/[^/]+/, tenDays.base));
    await hrLater.locator("#close button[type=submit]").click();
    await expect(hrLater.locator("#round-status")).toHaveText("已生效");
    const chen = await coordinatorId(hrLater, "陈晓梅");
    await hrLater.goto(`${tenDays.base}/coordinators/${chen}`);
    await expect(hrLater.locator("#grade")).toHaveText("一级协理员");
    await expect(hrLater.locator("#grade-history")).toContainText("南山区协理员晋升评审");

    // 黄丽华 (一级) rated 不合格 this year falls back to 二级.
    const huang = await coordinatorId(hrLater, "黄丽华");
    await hrLater.goto(`${tenDays.base}/coordinators/${huang}`);
    await expect(hrLater.locator("#grade")).toHaveText("一级协理员");
    await hrLater.locator("#r-rating").selectOption("unqualified");
    await hrLater.locator("#rating button[type=submit]").click();
    await expect(hrLater.locator("#grade")).toHaveText("二级协理员");
    await expect(hrLater.locator("#grade-history")).toContainText("不合格");
  } finally {
    tenDays.stop();
  }
});

test("without JavaScript the coordinator list and a round's page still work", async ({ browser }, info) => {
  test.skip(!jsOff(info), "no-JS project only");
  const page = await signedInOn(browser, info, "sz_hr", "/coordinators");
  await page.locator("#q").fill("王磊");
  await page.locator("form.search button").click();
  await expect(page).toHaveURL(/q=/);
  await expect(page.locator("#coordinators li")).toHaveCount(1);
});
