import { test, expect } from "@playwright/test";
import { approveAfterNotice, approveFile, idNumber, noSideScroll, noticeRuns, projectSeq, signedIn } from "./helpers";

test("a plan followed to a job and an exit: the card as PDF, the 零就业家庭 cleared, the card withdrawn", async ({ browser }, info) => {
  const coordinator = await signedIn(browser, info, "ns_coordinator");
  await coordinator.goto("/work");
  const cleared = async () => Number(await coordinator.locator("#zero-summary [data-count=cleared]").textContent());
  const clearedBefore = await cleared();

  // A household whose only member of working age is out of work: 零就业家庭 by the rule.
  await coordinator.goto("/ledger/new");
  await coordinator.locator("#address").fill(`桃园路${info.project.name}号`);
  await coordinator.getByRole("button", { name: "保存" }).click();
  await expect(coordinator).toHaveURL(/\/ledger\/\d+\?saved=1/);
  const form = coordinator.locator("#member-form");
  await form.locator("#id_number").fill(idNumber("19780412", projectSeq(info, 301)));
  // The longest name the ledger takes (50 characters).
  const name = "郑华" + "·阿卜杜热合曼·买买提".repeat(4) + "·吐尔逊";
  expect([...name].length).toBe(50);
  await form.locator("#name").fill(name);
  await form.locator("#ability").selectOption("full");
  await form.locator("input[name='input[wants_work]']").check();
  await form.locator("#status").selectOption("registered_unemployed");
  await form.locator("#unemployment_cert_no").fill("4403052026000301");
  await form.locator("#unemployed_since").fill("2024-01-15");
  await form.locator("input[value=job_referral]").check();
  await form.getByRole("button", { name: "添加家庭成员" }).click();
  await expect(coordinator.locator("#zero-badge")).toBeVisible();

  // Registered, and confirmed by the community, the street, the county and the notification.
  await coordinator.locator("#members .member .result-name").first().click();
  const person = coordinator.url().replace(/\?.*$/, "");
  // Two categories the ledger does not show, with their reason: the card lists at least four.
  await coordinator.locator("#target-form input[value=dibao]").check();
  await coordinator.locator("#target-form input[value=single_parent]").check();
  await coordinator.locator("#category_reason").fill("低保证和离婚证已核验");
  await coordinator.getByRole("button", { name: "登记为就业援助对象" }).click();
  const fileId = await coordinator.locator("#targets .result").first().getAttribute("data-target");
  const street = await signedIn(browser, info, "ns_street");
  const county = await signedIn(browser, info, "ns_county");
  await noticeRuns(coordinator, fileId);
  await approveAfterNotice(browser, info, "ns_coordinator", fileId, 3);
  for (const page of [street, county, coordinator]) {
    await approveFile(page, fileId);
  }

  // The card says everything a holder needs, nothing clipped: the long name, four categories or
  // more, the office, the coordinator's landline with its extension, the date of issue.
  await coordinator.goto(person);
  await coordinator.locator("#print-card").click();
  const card = coordinator.locator(".assistance-card");
  await expect(card.locator("dd").nth(0)).toContainText(name);
  const categories = (await card.locator("dd").nth(1).textContent()) ?? "";
  expect(categories.split("、").length).toBeGreaterThanOrEqual(4);
  await expect(card.locator("dd").nth(4)).toContainText("0755-26661001-8023");
  await expect(card.locator("dd").nth(5)).toContainText(/^\d{4}-\d{2}-\d{2}/);
  const fits = await card.evaluate((el) => {
    const box = el.getBoundingClientRect();
    const inside = [...el.querySelectorAll("dt, dd, header, .qr")].every((c) => {
      const r = c.getBoundingClientRect();
      return r.height > 0 && r.left >= box.left - 0.5 && r.right <= box.right + 0.5 && r.top >= box.top - 0.5 && r.bottom <= box.bottom + 0.5;
    });
    return { inside, overflow: el.scrollHeight > el.clientHeight + 1 || el.scrollWidth > el.clientWidth + 1 };
  });
  expect(fits).toEqual({ inside: true, overflow: false });
  await noSideScroll(coordinator);
  // The card as a business-card PDF.
  const number = (await coordinator.locator(".assistance-card header .cert-no").textContent())?.trim() ?? "";
  const pdfHref = await coordinator.locator("#card-pdf").getAttribute("href");
  const pdf = await coordinator.request.get(pdfHref ?? "");
  expect(pdf.status()).toBe(200);
  expect(pdf.headers()["content-type"]).toBe("application/pdf");
  const body = await pdf.body();
  expect(body.subarray(0, 5).toString()).toBe("%PDF-");
  // 90 × 54 mm in points; a subset of the font, not all of it.
  expect(body.toString("latin1")).toMatch(/MediaBox\[0 0 255\.11\d* 153\.07\d*\]/);
  expect(body.length).toBeLessThan(150_000);

  // 「一人一策」 from the recorded need: a job referral, accepted.
  await coordinator.goto(person);
  await expect(coordinator.locator("#plan-form input[value=job_referral]")).toBeChecked();
  await coordinator.locator("#plan-form").getByRole("button", { name: "制定服务计划" }).click();
  await expect(coordinator).toHaveURL(/saved=1/);
  const referral = await coordinator.locator("#plan_item_id option", { hasText: "职业介绍" }).getAttribute("value");
  await coordinator.locator("#plan_item_id").selectOption(referral ?? "");
  await coordinator.locator("#outcome").selectOption("accepted");
  await coordinator.locator("#employer").fill("深圳某物业服务有限公司");
  await coordinator.getByRole("button", { name: "记录服务" }).click();
  await expect(coordinator.locator("#records li").first()).toContainText("本人接受");
  await expect(coordinator.locator("#plan .plan-item[data-service=job_referral] .badge.ok")).toBeVisible();

  // He starts work: the ledger says so, and the household is cleared (清零).
  const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
  await coordinator.locator("#status").selectOption("employed_formal");
  await coordinator.locator("#employed_since").fill(today);
  await coordinator.locator("#person-form").getByRole("button", { name: "保存" }).click();
  await expect(coordinator).toHaveURL(/\/ledger\/\d+\?saved=1/);
  await expect(coordinator.locator("#zero-badge")).toHaveCount(0);
  await coordinator.goto("/work");
  expect(await cleared()).toBe(clearedBefore + 1);

  // The street officer ends the file (the system would after three months of work).
  await street.goto(person);
  await street.locator("#exit summary").click();
  await street.locator("#exit_reason").selectOption("stable_employment");
  await street.locator("#exit_note").fill("已在物业公司稳定就业");
  await street.locator("#exit-form").getByRole("button", { name: "结束援助（退出）" }).click();
  await expect(street).toHaveURL(/saved=1/);
  const file = street.locator(`#targets .result[data-target="${fileId}"]`);
  await expect(file).toContainText("已退出");
  await expect(file.locator(".exit-reason")).toContainText("稳定就业");
  await noSideScroll(street);

  // The card no longer checks out.
  const visitor = await (await browser.newContext({ ...info.project.use })).newPage();
  await visitor.goto(`/cards/${number}`);
  await expect(visitor.locator(".verdict.bad h2")).toHaveText("此卡已失效");
  await expect(visitor.locator("body")).not.toContainText("郑华");
  // The one public form takes the card's number too.
  await visitor.goto("/verify");
  await visitor.locator("#number").fill(number);
  await visitor.getByRole("button", { name: "核验" }).click();
  await expect(visitor.locator(".verdict.bad h2")).toHaveText("此卡已失效");
  await expect(visitor.locator(".verdict")).toContainText(number);
});

test("零就业家庭 by community: the count now, 基数归零 and 动态归零, the month-end chart", async ({ browser }, info) => {
  const street = await signedIn(browser, info, "ns_street");
  await street.goto("/work");
  await street.locator("#zero-overview-link").click();
  await expect(street).toHaveURL(/\/zero$/);
  await expect(street.getByRole("heading", { name: "零就业家庭动态（按社区）" })).toBeVisible();
  // The demo street's communities, the most urgent first; each with its chart.
  const rows = street.locator("#zero-communities > li");
  expect(await rows.count()).toBeGreaterThanOrEqual(4);
  // Each figure is the register's own: the first community as the REST API reports it.
  const api = await street.request.get("/api/v1/zero-cases/communities");
  expect(api.status()).toBe(200);
  const overview = await api.json();
  const c = overview.communities[0];
  const first = rows.first();
  await expect(first).toHaveAttribute("data-community", c.community_code);
  await expect(first.locator("[data-count=open]")).toHaveText(String(c.open_now));
  await expect(first.locator("[data-count=base]")).toHaveText(new RegExp(`^${c.base}\\s`));
  await expect(first.locator("[data-count=new]")).toHaveText(new RegExp(`^${c.new_in_period}\\s`));
  await expect(first.locator("[data-count=base] .badge")).toHaveClass(c.base_cleared ? /ok|good/ : /bad/);
  await expect(first.locator("[data-count=new] .badge")).toHaveClass(c.dynamic_cleared ? /ok|good/ : /bad/);
  // One bar a month end, each with its count.
  await expect(first.locator("svg rect")).toHaveCount(c.history.length);
  await expect(first.locator("svg text.count")).toHaveText(c.history.map((h: { open: number }) => String(h.open)));
  await noSideScroll(street);
  // Not for the public.
  const visitor = await (await browser.newContext({ ...info.project.use })).newPage();
  const response = await visitor.goto("/zero");
  expect(response?.status()).toBe(401);
});

test("a person typed twice is flagged, and a street officer merges the two keeping both histories", async ({ browser }, info) => {
  const coordinator = await signedIn(browser, info, "ns_coordinator");
  // A birth date per project: the projects share the database, and the rule compares dates.
  const birth = `199009${projectSeq(info, 11)}`;
  const seqs = [projectSeq(info, 401), projectSeq(info, 403)];
  for (const [n, name] of ["周敏", "周 敏"].entries()) {
    await coordinator.goto("/ledger/new");
    await coordinator.locator("#address").fill(`大新路${info.project.name}-${n}号`);
    await coordinator.getByRole("button", { name: "保存" }).click();
    await expect(coordinator).toHaveURL(/\/ledger\/\d+\?saved=1/);
    const form = coordinator.locator("#member-form");
    await form.locator("#id_number").fill(idNumber(birth, seqs[n] + 1));
    await form.locator("#name").fill(name);
    await form.locator("#ability").selectOption("full");
    await form.locator("#status").selectOption("employed_formal");
    await form.locator("#employed_since").fill("2020-03-01");
    await form.getByRole("button", { name: "添加家庭成员" }).click();
    await expect(coordinator.locator(".notice[role=status]")).toContainText("已保存");
  }
  await expect(coordinator.locator(".notice.warn")).toBeVisible();

  const street = await signedIn(browser, info, "ns_street");
  await street.goto("/work");
  await street.locator("#duplicates-link").click();
  await expect(street).toHaveURL(/\/duplicates$/);
  const pair = street.locator("#duplicates > li").filter({ hasText: "周 敏" }).filter({ hasText: "周敏" });
  await expect(pair).toHaveCount(1);
  await expect(pair.locator(".code").first()).toHaveText(/^440305\*{11}[0-9X]$/);
  await noSideScroll(street);
  const kept = await pair.locator(".dup-side").first().getAttribute("data-person");
  const merged = await pair.locator(".dup-side").nth(1).getAttribute("data-person");
  await pair.getByRole("button", { name: "保留上一条并合并" }).click();
  await expect(street).toHaveURL(/\/duplicates\?saved=1$/);
  await expect(street.locator(`#duplicates > li [data-person="${merged}"]`)).toHaveCount(0);

  // The kept person's history lists the merged record and its versions.
  await street.goto(`/people/${kept}`);
  await expect(street.locator("#history .merged")).toContainText(`#${merged}`);
  await expect(street.locator("#history .merged-entry").first()).toBeVisible();
  const gone = await street.goto(`/people/${merged}`);
  expect(gone?.status()).toBe(404);
});
