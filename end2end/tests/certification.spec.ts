import { test, expect, Browser, Page, TestInfo } from "@playwright/test";
import { jsOff, later, noSideScroll, signedIn } from "./helpers";

const port = Number(process.env.E2E_PORT ?? 3400);

/** A page of its own signed in as `username` at `base` (another server on the same database). */
async function signedInAt(browser: Browser, info: TestInfo, username: string, base: string): Promise<Page> {
  const context = await browser.newContext({ ...info.project.use, baseURL: base });
  const page = await context.newPage();
  await page.goto(`${base}/login?next=/certification`);
  await page.locator("#username").fill(username);
  await page.locator("#password").fill("demo12345");
  await page.getByRole("button", { name: "登录" }).click();
  await expect(page).toHaveURL(/\/certification$/);
  return page;
}

/** Approves the file at the signed-in account's step from the file's page. */
async function approveAt(page: Page, file: string, stage: string) {
  await page.goto(file);
  await page.locator("#decide form button.primary").click();
  await expect(page.locator(".notice[role=status]")).toContainText("已保存");
  await expect(page.locator("[data-application] [data-stage]").first()).toHaveAttribute("data-stage", stage);
}

test("a national round from 马家龙's application to the ministry's certificate, revoked after a failed re-inspection", async ({ browser }, info) => {
  // One file per community and round: the whole chain runs once, in the desktop project.
  test.skip(info.project.name === "phone", "desktop runs it with JavaScript, phone-nojs without");
  test.setTimeout(180_000);

  // The coordinator sees the community's indicators pass and applies in the national round.
  const coordinator = await signedIn(browser, info, "mjl_coordinator");
  await coordinator.goto("/certification");
  await expect(coordinator.locator("#own [data-verdict=pass]")).toBeVisible();
  const national = await coordinator.locator("#round_id option", { hasText: "国家级" }).getAttribute("value");
  await coordinator.locator("#round_id").selectOption(national ?? "");
  await coordinator.locator("#narrative").fill("马家龙社区就业服务站窗口2个、专职协理员3名，零就业家庭动态清零，就业率持续保持在95%以上。");
  await coordinator.locator("#apply button[type=submit]").click();
  await expect(coordinator).toHaveURL(/\/certification\/applications\/\d+\?saved=1/);
  const file = coordinator.url().replace(/\?.*$/, "");
  // The self-assessment kept with the file is judged by the national standard: star status and years.
  await expect(coordinator.locator("table.indicators tr.ok[data-indicator=star_status]")).toBeVisible();
  await expect(coordinator.locator("table.indicators tr.ok[data-indicator=consecutive_years]")).toBeVisible();
  const id = file.split("/").pop() ?? "";

  // The street sends it back; the community amends and resubmits; the street recommends.
  const street = await signedIn(browser, info, "ns_street");
  await street.goto(file);
  await street.locator("#decide details summary").click();
  await street.locator("#reason").fill("请补充服务站制度文件");
  await street.locator("#decide details button[type=submit]").click();
  await expect(street.locator("[data-application] [data-stage]").first()).toHaveAttribute("data-stage", "returned");
  await coordinator.goto(file);
  const sentBack = coordinator.locator("ol.events li[data-action=send_back]");
  await expect(sentBack).toContainText("请补充服务站制度文件");
  // Events name the officer, not the account's username.
  await expect(sentBack).toContainText("南头街道劳动保障事务所（演示）");
  await expect(sentBack).not.toContainText("ns_street");
  await coordinator.locator("#resubmit textarea").fill("已补充服务站制度文件。马家龙社区就业服务站窗口2个、专职协理员3名，零就业家庭动态清零。");
  await coordinator.locator("#resubmit button[type=submit]").click();
  await expect(coordinator.locator("[data-application] [data-stage]").first()).toHaveAttribute("data-stage", "street");
  await approveAt(street, file, "county");
  await approveAt(await signedIn(browser, info, "ns_county"), file, "city");

  // The city scores the qualitative items with evidence and records the site visit: 公示 begins.
  const city = await signedIn(browser, info, "sz_city");
  await city.goto(file);
  for (const [code, score] of [["service_quality", "34"], ["innovation", "24"], ["example", "22"]]) {
    await city.locator(`#score-${code}`).fill(score);
    await city.locator(`#evidence-${code}`).fill("查阅服务台账、走访居民5户");
  }
  await city.locator("#site_visit").fill("实地核查：服务场地、窗口、制度上墙齐全，台账与系统一致。");
  await city.locator("#decide form button.primary").click();
  await expect(city.locator("[data-application] [data-stage]").first()).toHaveAttribute("data-stage", "notice");
  await expect(city.locator("[data-total=qualitative]")).toHaveText("80");

  // Anyone objects on the public page, without signing in; the city investigates.
  const publicContext = await browser.newContext({ ...info.project.use });
  const visitor = await publicContext.newPage();
  await visitor.goto("/notices");
  const notice = visitor.locator(`li[data-notice="${id}"]`);
  await notice.locator("summary").click();
  await notice.locator(`#contact-${id}`).fill("13800138000");
  await notice.locator(`#text-${id}`).fill("听说该社区有失业人员没有登记，请核实。");
  await notice.getByRole("button", { name: "提交异议" }).click();
  await expect(visitor.locator(".notice[data-received]")).toBeVisible();
  await city.goto(file);
  const objection = city.locator("#objections li[data-outcome=pending]").first();
  await objection.locator("textarea").fill("入户核查：反映人员已于上月就业，台账已更新，不属实。");
  await objection.getByRole("button", { name: "不属实" }).click();
  await expect(city.locator("#objections li[data-outcome=unfounded]")).toHaveCount(1);
  // The province cannot decide while the notice runs.
  const province = await signedIn(browser, info, "gd_province");
  await province.goto(file);
  await expect(province.locator("#decide")).toHaveCount(0);

  const servers: { stop: () => void }[] = [];
  try {
    // Two weeks later the notice has run: the province nominates; the national 公示 begins.
    const twoWeeks = await later(14, port + 11);
    servers.push(twoWeeks);
    const provinceLater = await signedInAt(browser, info, "gd_province", twoWeeks.base);
    await approveAt(provinceLater, `${twoWeeks.base}/certification/applications/${id}`, "national_notice");

    // Four weeks later the ministry approves: the certificate is public and printable.
    const fourWeeks = await later(28, port + 12);
    servers.push(fourWeeks);
    const ministry = await signedInAt(browser, info, "ministry", fourWeeks.base);
    await approveAt(ministry, `${fourWeeks.base}/certification/applications/${id}`, "certified");
    const number = (await ministry.locator("dd [data-certificate]").textContent())?.trim() ?? "";
    expect(number).toMatch(/^SF-\d{4}-440305-\d{4}$/);
    const pdf = await ministry.request.get(`${fourWeeks.base}/api/v1/public/certificates/${number}/pdf`);
    expect(pdf.status()).toBe(200);
    expect((await pdf.body()).subarray(0, 5).toString()).toBe("%PDF-");
    await visitor.goto(`/verify/${number}`);
    await expect(visitor.locator("[data-status=valid]")).toContainText("国家级充分就业示范社区");

    // Two years on the title is due for re-inspection; it fails and is revoked publicly.
    const twoYears = await later(28 + 760, port + 13);
    servers.push(twoYears);
    const inspector = await signedInAt(browser, info, "ministry", twoYears.base);
    // The list of titles due, paged: the page that holds this one.
    await inspector.goto(`${twoYears.base}/certification?list=due`);
    const due = inspector.locator(`#due li[data-due="${number}"]`);
    while ((await due.count()) === 0) {
      await inspector.locator("#due .pager a[rel=next]").click();
      await expect(inspector).toHaveURL(/list=due&page=\d+/);
    }
    await due.locator("summary").click();
    await due.locator("textarea").fill("复查：登记失业人员失业超过6个月，服务窗口撤并。");
    await due.getByRole("button", { name: "复查不合格，撤销称号" }).click();
    await expect(inspector).toHaveURL(new RegExp(`/verify/${number}$`));
    // Public at once on the server that revoked it (another instance's page cache keeps a public
    // page for up to REGISTRY_CACHE_SECONDS).
    await visitor.goto(`${twoYears.base}/verify/${number}`);
    await expect(visitor.locator("[data-status=revoked]")).toContainText("已撤销");
    await expect(visitor.locator("[data-status=revoked]")).toContainText("服务窗口撤并");
    const history = await signedIn(browser, info, "sz_city");
    await history.goto("/certification/communities/440305001007");
    await expect(history.locator(`li[data-certificate="${number}"] .badge.bad`)).toBeVisible();
    await expect(history.locator("li[data-inspection]")).toHaveCount(1);
  } finally {
    servers.forEach((s) => s.stop());
  }
});

test("the public 公示 page on a phone: the demo file under notice, and an objection filed", async ({ page }, info) => {
  await page.goto("/notices");
  const demo = page.locator("#notices li[data-notice]", { hasText: "演示" }).first();
  await expect(demo).toBeVisible();
  await expect(demo).toContainText("公示期");
  await noSideScroll(page);
  // One objection from the no-JavaScript phone (a plain form post); the throttle allows three an
  // hour from one address, and the national-round test files one more.
  if (!jsOff(info)) return;
  await demo.locator("summary").click();
  const id = await demo.getAttribute("data-notice");
  await demo.locator(`#contact-${id}`).fill("zhang@example.cn");
  await demo.locator(`#text-${id}`).fill("x");
  await demo.getByRole("button", { name: "提交异议" }).click();
  // Too short: the form comes back open with the message and what was typed.
  await expect(page.locator(`li[data-notice="${id}"] .field-error[data-field=text]`)).toBeVisible();
  await page.locator(`#contact-${id}`).fill("zhang@example.cn");
  await page.locator(`#text-${id}`).fill("该社区公示的就业率与我了解的情况不符，请核实。");
  await page.locator(`li[data-notice="${id}"]`).getByRole("button", { name: "提交异议" }).click();
  await expect(page.locator(".notice[data-received]")).toBeVisible();
});

test("officers see the round's pipeline, export it, and a community's indicator history", async ({ browser }, info) => {
  const city = await signedIn(browser, info, "sz_city");
  await city.goto("/certification?list=rounds");
  const round = city.locator("#rounds li[data-round]", { hasText: "星级社区评定（演示）" }).first();
  await round.locator("a.result-name").click();
  await expect(city.locator("table.pipeline tr[data-stage=notice] [data-count=files]")).toHaveText(/^[1-9]\d*$/);
  await noSideScroll(city);
  const href = await city.locator("a[download]").getAttribute("href");
  const xlsx = await city.request.get(href ?? "");
  expect(xlsx.status()).toBe(200);
  expect(xlsx.headers()["content-type"]).toContain("spreadsheetml");
  // The province opens a round from the page; a quota line it cannot read comes back.
  const province = await signedIn(browser, info, "gd_province");
  await province.goto("/certification");
  const form = province.locator("#open-round");
  await form.locator("summary").click();
  await form.locator("#round-title").fill(`广东省充分就业社区评定（${info.project.name}）`);
  // Half a year ahead of the day the test runs: the server refuses a closing date in the past.
  const closes = new Date(Date.now() + 183 * 24 * 3600 * 1000).toISOString().slice(0, 10);
  await form.locator("#round-closes").fill(closes);
  await form.locator("#round-quotas").fill("深圳 3");
  await form.locator("button[type=submit]").click();
  await expect(province.locator("#open-round .field-error[data-field=quotas]")).toBeVisible();
  await province.locator("#round-quotas").fill("440300000000 3");
  await province.locator("#open-round button[type=submit]").click();
  await expect(province).toHaveURL(/\/certification\/rounds\/\d+$/);
  await expect(province.locator("h1")).toContainText(info.project.name);
  // Quotas by the names of their areas.
  await expect(province.locator("main")).toContainText("深圳市 3 个");
  await expect(province.locator("main")).not.toContainText("440300000000");
  await city.goto("/certification/communities/440305001007");
  const chart = city.locator("figure.rate-chart");
  await expect(chart.locator("svg[role=img]")).toBeVisible();
  // The chart states its scale (ticks in %, up to 100 %), every bar's value, and the standard.
  const bars = await chart.locator("svg rect").count();
  expect(bars).toBeGreaterThan(0);
  await expect(chart.locator("svg text.value")).toHaveCount(bars);
  await expect(chart.locator("svg text.tick").last()).toHaveText("100%");
  await expect(chart.locator("svg line.threshold")).toHaveCount(1);
  await expect(chart.locator("figcaption")).toContainText("标准 95.0%");
  // On a phone the chart fits the screen.
  const box = await chart.locator("svg").boundingBox();
  expect(box?.width ?? 0).toBeLessThanOrEqual(city.viewportSize()?.width ?? 0);
  await expect(city.locator("table.indicators tr[data-indicator]").first()).toBeVisible();
  await noSideScroll(city);
});

test("a province's certification page: the summary first, every list short, one list paged", async ({ browser }, info) => {
  const province = await signedIn(browser, info, "gd_province");
  await province.goto("/certification");
  // The summary comes before every list: one tile per list with its size.
  const tiles = province.locator("#cert-summary a.tile");
  expect(await tiles.count()).toBeGreaterThanOrEqual(2);
  const summaryBottom = (await province.locator("#cert-summary").boundingBox())?.y ?? 0;
  for (const id of ["rounds", "files"]) {
    expect((await province.locator(`section#${id}`).boundingBox())?.y ?? 0).toBeGreaterThan(summaryBottom);
  }
  // Each list shows its first five; a longer one links to all of it.
  for (const section of await province.locator("main section[data-list]").all()) {
    expect(await section.locator(":scope > ul > li").count()).toBeLessThanOrEqual(5);
  }
  const rounds = Number(await province.locator("#cert-summary a.tile[data-list=rounds] .tile-count").textContent());
  await province.locator("#cert-summary a.tile[data-list=rounds]").click();
  await expect(province).toHaveURL(/list=rounds$/);
  // Opened, the list stands alone, twenty a page.
  await expect(province.locator("main section[data-list]")).toHaveCount(1);
  await expect(province.locator("#rounds .results > li")).toHaveCount(Math.min(rounds, 20));
  await expect(province.locator("#cert-summary a.tile[data-list=rounds]")).toHaveAttribute("aria-current", "page");
  await noSideScroll(province);
  // An unknown list is a clear refusal, not an empty page.
  const response = await province.goto("/certification?list=everything");
  expect(response?.status()).toBe(422);
  await expect(province.locator(".error-box li[data-field=list]")).toContainText("列表只能是");
});
