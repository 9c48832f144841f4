import { test, expect, Page } from "@playwright/test";
import { approveAfterNotice, approveFile, idNumber, noSideScroll, noticeRuns, projectSeq, ready, signIn, signedIn } from "./helpers";

test("a coordinator surveys a household, a refused member keeps what was typed, the rule flags 零就业家庭", async ({ page, browser }, info) => {
  await signIn(page, "ns_coordinator", "/ledger");
  await expect(page).toHaveURL(/\/ledger$/);
  await expect(page.getByRole("heading", { name: "台账" })).toBeVisible();
  // The demo street's households of this community only.
  const total = Number(await page.locator(".result-count").getAttribute("data-total"));
  expect(total).toBeGreaterThanOrEqual(80);
  await noSideScroll(page);
  // The Excel export of the same list, for this account (full numbers: it works this ledger).
  const exportHref = await page.locator("#export").getAttribute("href");
  const xlsx = await page.request.get(exportHref ?? "");
  expect(xlsx.status()).toBe(200);
  expect(xlsx.headers()["content-type"]).toContain("spreadsheetml");
  expect((await xlsx.body()).subarray(0, 2).toString()).toBe("PK");

  await page.getByRole("link", { name: "入户登记" }).click();
  await expect(page).toHaveURL(/\/ledger\/new$/);
  const address = `南头城北街${info.project.name}号`;
  await page.locator("#address").fill(address);
  await page.getByRole("button", { name: "保存" }).click();
  await expect(page).toHaveURL(/\/ledger\/\d+\?saved=1/);
  await expect(page.getByRole("heading", { name: address })).toBeVisible();
  await expect(page.locator(".notice[role=status]")).toContainText("已保存");
  await noSideScroll(page);

  // A wrong check character: refused under the field, everything typed kept (the ID number and
  // the phone wait in the server's memory, never in the session table).
  // One number per project (they share the server's database); odd = male.
  const seq = projectSeq(info, 101);
  const good = idNumber("19750310", seq);
  const bad = good.slice(0, 17) + (good.endsWith("0") ? "1" : "0");
  const form = page.locator("#member-form");
  await form.locator("#id_number").fill(bad);
  await form.locator("#name").fill("李强");
  await form.locator("#phone").fill("13800138000");
  await form.locator("#ability").selectOption("full");
  await form.locator("input[name='input[wants_work]']").check();
  await form.locator("#status").selectOption("registered_unemployed");
  await form.locator("#unemployment_cert_no").fill("4403052026000001");
  await form.getByRole("button", { name: "添加家庭成员" }).click();
  await expect(page.locator(".field-error[data-field=id_number]")).toContainText("校验位");
  await expect(page.locator("#member-form #name")).toHaveValue("李强");
  await expect(page.locator("#member-form #unemployment_cert_no")).toHaveValue("4403052026000001");

  await expect(page.locator("#member-form #id_number")).toHaveValue(bad);
  await expect(page.locator("#member-form #phone")).toHaveValue("13800138000");
  await page.locator("#member-form #id_number").fill(good);
  await page.locator("#member-form").getByRole("button", { name: "添加家庭成员" }).click();
  await expect(page.locator(".notice[role=status]")).toContainText("已保存");
  const member = page.locator("#members .member").first();
  await expect(member).toContainText("李强");
  // Masked in the household record; the only working-age member is unemployed: 零就业家庭.
  await expect(member.locator(".id-number")).toHaveText(/^440305\*{11}[0-9X]$/);
  await expect(member.locator(".phone")).toHaveText("138****8000");
  await expect(page.locator("#zero-badge")).toBeVisible();
  await expect(member.locator(".categories")).toContainText("零就业家庭成员");
  await expect(member.locator(".categories")).toContainText("4050");

  // A visit moves the next re-check date.
  await page.locator("#visit_note").fill("核实：户主登记失业，有培训需求");
  await page.getByRole("button", { name: "记录走访" }).click();
  await expect(page.locator("#visits .timeline li").first()).toContainText("核实：户主登记失业");

  // Registered as an assistance target with the categories the ledger supports; the
  // community review starts with its working-day deadline.
  await page.locator("#members .member .result-name").first().click();
  await expect(page.locator("#id_number")).toHaveValue(good);
  await expect(page.locator("#target-form input[value=forty_fifty]")).toBeChecked();
  await page.getByRole("button", { name: "登记为就业援助对象" }).click();
  await expect(page).toHaveURL(/\/people\/\d+\?saved=1/);
  const file = page.locator("#targets .result").first();
  await expect(file).toContainText("认定中");
  await expect(file).toContainText("社区初审公示");
  await expect(file.locator(".due")).toHaveText(/\d{4}-\d{2}-\d{2}/);
  const fileId = await file.getAttribute("data-target");
  const personUrl = page.url().replace(/\?.*$/, "");
  // The coordinator's review queue: the file waits out its 初审公示, then the community
  // approves it and it moves on to the street.
  await page.goto("/reviews");
  const row = page.locator(`li[data-target="${fileId}"]`);
  await expect(row).toContainText("李强");
  await noticeRuns(page, fileId);
  await approveAfterNotice(browser, info, "ns_coordinator", fileId, 1);
  await page.goto("/reviews");
  await expect(page.locator(`li[data-target="${fileId}"]`)).toHaveCount(0);
  await page.goto(personUrl);
  await expect(page.locator("#targets .result").first()).toContainText("街道审核");

  // He finds a job: the household is no longer zero-employment, and the change is in history.
  await page.locator("#status").selectOption("employed_formal");
  await page.locator("#employed_since").fill("2026-01-05");
  await page.getByRole("button", { name: "保存" }).click();
  await expect(page).toHaveURL(/\/ledger\/\d+\?saved=1/);
  await expect(page.locator("#zero-badge")).toHaveCount(0);
  // His own history names what changed by its labels (fields only, never their values, never
  // their stored names), newest first.
  await page.goto(personUrl);
  const latest = page.locator("#history .timeline li").first();
  await expect(latest.locator(".changes")).toContainText("就业状态");
  await expect(latest.locator(".changes")).toContainText("就业日期");
  await expect(latest).not.toContainText("employed_since");
  await expect(latest).not.toContainText("employed_formal");
  for (const changes of await page.locator("#history .timeline .changes").allTextContents()) {
    expect(changes).not.toMatch(/[a-z]/);
  }
});

test("an officer's stale edit is refused, not written over a newer one", async ({ page }) => {
  await signIn(page, "ns_street", "/ledger");
  await expect(page).toHaveURL(/\/ledger$/);
  await page.locator(".results .result-name").first().click();
  await expect(page).toHaveURL(/\/ledger\/\d+$/);
  const url = page.url();
  // Two tabs open the same household; the first saves, the second saves after it.
  const other = await page.context().newPage();
  await other.goto(url);
  await page.locator("summary", { hasText: "修改住户信息" }).click();
  await page.locator("#note").fill("第一位保存");
  await page.locator("#household-form").getByRole("button", { name: "保存" }).click();
  await expect(page.locator(".notice[role=status]")).toContainText("已保存");
  await other.locator("summary", { hasText: "修改住户信息" }).click();
  await other.locator("#note").fill("第二位保存");
  await other.locator("#household-form").getByRole("button", { name: "保存" }).click();
  await expect(other.locator(".error-box")).toContainText("已被他人修改");
  // What the second worker typed is still in the form, and the record keeps the first save.
  await expect(other.locator("#note")).toHaveValue("第二位保存");
  await page.reload();
  await expect(page.locator(".card p").filter({ hasText: "第一位保存" })).toBeVisible();
});

test("the ledger needs a signed-in worker; the public never sees it", async ({ page }) => {
  const response = await page.goto("/ledger");
  expect(response?.status()).toBe(401);
  await expect(page.getByRole("link", { name: "登录" }).last()).toBeVisible();
  const api = await page.request.get("/api/v1/households");
  expect(api.status()).toBe(401);
});

test("a coordinator's day: 零就业家庭 to clear with their deadlines, visits due, files to review", async ({ page }) => {
  await signIn(page, "ns_coordinator", "/work");
  await expect(page).toHaveURL(/\/work$/);
  await expect(page.getByRole("heading", { name: /今日工作/ })).toBeVisible();
  const open = Number(await page.locator("#zero-summary [data-count=open]").textContent());
  expect(open).toBeGreaterThanOrEqual(2);
  // Every group shows its size; the overview shows at most five of each.
  expect(Number(await page.locator(".tile[data-group=zero] .tile-count").getAttribute("data-total"))).toBe(open);
  const cases = page.locator("#zero-cases .result");
  expect(await cases.count()).toBe(Math.min(open, 5));
  await expect(cases.first().locator(".due")).toHaveText(/清零时限: \d{4}-\d{2}-\d{2}/);
  // One past case per demo community was stable already; another, cleared four months ago, was
  // found stable by the rules when the list was drawn.
  expect(Number(await page.locator("#zero-summary [data-count=stable]").textContent())).toBeGreaterThanOrEqual(2);
  await expect(page.locator("#due-visits .result").first()).toBeVisible();
  await noSideScroll(page);
  // The case opens its household.
  await cases.first().locator(".result-name").click();
  await expect(page.locator("#zero-badge")).toBeVisible();
});

test("from registration to a card: community, street, county and notification, then a public check", async ({ browser }, info) => {
  const as = (username: string) => signedIn(browser, info, username);
  const coordinator = await as("ns_coordinator");
  await coordinator.goto("/ledger/new");
  await coordinator.locator("#address").fill(`中山东街${info.project.name}号`);
  await coordinator.getByRole("button", { name: "保存" }).click();
  await expect(coordinator).toHaveURL(/\/ledger\/\d+\?saved=1/);
  const seq = projectSeq(info, 201);
  const form = coordinator.locator("#member-form");
  await form.locator("#id_number").fill(idNumber("19820707", seq));
  await form.locator("#name").fill("吴勇");
  await form.locator("#ability").selectOption("full");
  await form.locator("input[name='input[wants_work]']").check();
  await form.locator("#status").selectOption("unemployed");
  await form.locator("#unemployed_since").fill("2024-03-01");
  await form.getByRole("button", { name: "添加家庭成员" }).click();
  await coordinator.locator("#members .member .result-name").first().click();
  await coordinator.getByRole("button", { name: "登记为就业援助对象" }).click();
  const fileId = await coordinator.locator("#targets .result").first().getAttribute("data-target");
  const personUrl = coordinator.url().replace(/\?.*$/, "");

  const approve = (page: Page) => approveFile(page, fileId);
  await noticeRuns(coordinator, fileId);
  await approveAfterNotice(browser, info, "ns_coordinator", fileId, 2);
  const street = await as("ns_street");
  // The county sees nothing to do yet: the street has not reviewed it.
  const county = await as("ns_county");
  await county.goto("/reviews");
  await expect(county.locator(`li[data-target="${fileId}"]`)).toHaveCount(0);
  // The street decides in its queue with the ledger's facts in view: each category, whether the
  // ledger supports it, and the figures (unemployed since 2024-03-01, 12 months needed).
  await street.goto("/reviews");
  const row = street.locator(`li[data-target="${fileId}"]`);
  const longTerm = row.locator(".evidence li[data-category=long_term_unemployed]");
  await expect(longTerm).toHaveAttribute("data-supported", "true");
  await expect(longTerm).toContainText(/自 2024-03-01 起失业，已 \d+ 个月（须满 12 个月）/);
  // One tap does not decide: 「通过…」 opens a confirmation saying what follows.
  await expect(row.getByRole("button", { name: "确认通过" })).toBeHidden();
  await row.locator("details.approve > summary").click();
  await expect(row.locator("details.approve")).toContainText("确认后，文件转入「县区确认」");
  await row.getByRole("button", { name: "确认通过" }).click();
  await expect(street.locator(".notice[role=status]")).toContainText("已保存");
  // The county decides on the person's page, the same facts beside the buttons, and stays there.
  await county.goto(personUrl);
  const file = county.locator(`#targets .result[data-target="${fileId}"]`);
  await expect(file.locator(".evidence li[data-category=long_term_unemployed]")).toContainText("须满 12 个月");
  await file.locator("details.approve > summary").click();
  await expect(file.locator("details.approve")).toContainText("确认后，文件转入「告知本人」");
  await file.getByRole("button", { name: "确认通过" }).click();
  await expect(county).toHaveURL(new RegExp(`${personUrl.replace(/^https?:\/\/[^/]+/, "")}\\?saved=1`));
  await expect(county.locator(`#targets .result[data-target="${fileId}"] .badge`).first()).toHaveText("告知本人");
  await noSideScroll(county);
  await approve(coordinator);

  await coordinator.goto(personUrl);
  await expect(coordinator.locator("#targets .result").first()).toContainText("已认定");
  await coordinator.locator("#print-card").click();
  const card = coordinator.locator(".assistance-card");
  await expect(card).toContainText("吴勇");
  await expect(card.locator(".qr svg")).toBeVisible();
  const number = (await card.locator("header .cert-no").textContent())?.trim() ?? "";
  expect(number).toMatch(/^JY440305-\d{4}-\d{6}$/);
  // 「一人一策」: plan the services his needs call for, then record the guidance given.
  await coordinator.goto(personUrl);
  await coordinator.locator("#plan-form").getByRole("button", { name: "制定服务计划" }).click();
  await expect(coordinator).toHaveURL(/saved=1/);
  const guidance = coordinator.locator("#plan .plan-item[data-service=career_guidance]");
  await expect(guidance).toContainText("办理中");
  await expect(guidance.locator(".due")).toHaveText(/\d{4}-\d{2}-\d{2}/);
  await coordinator.locator("#plan_item_id").selectOption({ index: 0 });
  await coordinator.locator("#outcome").selectOption("provided");
  await coordinator.locator("#record_note").fill("一对一职业指导，建议参加电工培训");
  await coordinator.getByRole("button", { name: "记录服务" }).click();
  await expect(coordinator.locator("#records li").first()).toContainText("已提供");
  await expect(coordinator.locator("#plan .plan-item .badge.ok").first()).toContainText("已完成");

  // The public check, without signing in: valid, and nothing personal.
  const visitor = await browser.newContext({ ...info.project.use });
  const pub = await visitor.newPage();
  const response = await pub.goto(`/cards/${number}`);
  expect(response?.status()).toBe(200);
  await expect(pub.locator(".verdict.ok h2")).toHaveText("此卡有效");
  await expect(pub.locator("body")).not.toContainText("吴勇");
});

test("long unbroken text wraps: no page scrolls sideways at 360 px", async ({ page }, info) => {
  await signIn(page, "ns_coordinator", "/ledger");
  await expect(page).toHaveURL(/\/ledger$/);
  // An address typed as one unbroken run (a URL, an e-mail), as people paste them.
  const address = `南头街道https://example.com/${info.project.name}/${"x".repeat(80)}@mail.example.com`;
  const created = await page.request.post("/api/v1/households", {
    data: { community_code: "440305001001", address },
  });
  expect(created.status()).toBe(201);
  const id = (await created.json()).household.id;
  for (const path of [`/ledger?q=${encodeURIComponent(address.slice(0, 30))}`, `/ledger/${id}`, "/work", "/duplicates"]) {
    await page.goto(path);
    await expect(page.locator("main")).toBeVisible();
    await noSideScroll(page);
  }
  await page.goto(`/ledger/${id}`);
  await expect(page.getByRole("heading", { level: 1 })).toContainText("example.com");
});

test("the ledger is searched by a name's start, and a person found by ID number that never enters a URL", async ({ page, browser }, info) => {
  await signIn(page, "ns_coordinator", "/ledger");
  await expect(page).toHaveURL(/\/ledger$/);
  // A member of a demo household (the oldest on the page; other tests add empty ones): the
  // name and the number from their own record.
  await page.locator(".results .result-name").last().click();
  await expect(page).toHaveURL(/\/ledger\/\d+$/);
  const householdPath = new URL(page.url()).pathname;
  const member = page.locator(".member .result-name").first();
  const name = (await member.textContent())?.trim() ?? "";
  expect(name.length).toBeGreaterThanOrEqual(2);
  await member.click();
  await expect(page).toHaveURL(/\/people\/\d+/);
  const personId = new URL(page.url()).pathname.split("/").pop();
  const number = await page.locator("#id_number").inputValue();
  expect(number).toMatch(/^\d{17}[\dX]$/);

  // By the start of the name (the surname and the first given character).
  await page.goto("/ledger");
  await ready(page, info);
  await page.locator("#q").fill(name.slice(0, 2));
  await page.locator("#q").press("Enter");
  await expect(page).toHaveURL(/\/ledger\?q=/);
  await expect(page.locator(`.results a[href='${householdPath}']`)).toBeVisible();
  const found = Number(await page.locator(".result-count").getAttribute("data-total"));
  expect(found).toBeGreaterThanOrEqual(1);
  expect(found).toBeLessThan(80);

  // By the number, typed in groups as it is read aloud: straight to the member, and the number
  // is in no address the browser keeps.
  await page.goto("/ledger");
  await ready(page, info);
  await page.locator("#find-id-number").fill(`${number.slice(0, 6)} ${number.slice(6, 14)} ${number.slice(14)}`);
  await page.locator("#find button[type=submit]").click();
  await expect(page).toHaveURL(new RegExp(`${householdPath}#person-${personId}$`));
  await expect(page.locator(`#person-${personId}`)).toBeVisible();
  expect(page.url()).not.toContain(number.slice(6, 14));

  // A slip in the check character: refused under the field, the typed number kept.
  const slip = number.slice(0, 17) + (number.endsWith("1") ? "2" : "1");
  await page.goto("/ledger");
  await ready(page, info);
  await page.locator("#find-id-number").fill(slip);
  await page.locator("#find button[type=submit]").click();
  await expect(page.locator("#find .field-error[data-field=id_number]")).toContainText("校验位");
  await expect(page.locator("#find-id-number")).toHaveValue(slip);
  expect(page.url()).not.toContain(slip.slice(6, 14));
  await noSideScroll(page);

  // The city officer sees numbers masked: no lookup by number (trying the numbers a mask leaves
  // open would rebuild it), and a number typed as a search is refused with the reason.
  const city = await signedIn(browser, info, "sz_city");
  await expect(city.locator(".results .result").first()).toBeVisible();
  await expect(city.locator("#find")).toHaveCount(0);
  await city.goto(`/ledger?q=${number}`);
  await expect(city.locator(".error-box [data-field=q]")).toContainText("脱敏");
  await city.context().close();
});
