import { test, expect } from "@playwright/test";
import { idNumber, noSideScroll, projectSeq, signedIn } from "./helpers";

test("the HR manager edits a coordinator, reads each change, and records the leaving", async ({ browser }, info) => {
  const page = await signedIn(browser, info, "sz_hr");
  const seq = projectSeq(info, 700);
  const name = `离职测试${seq}`;
  const phone = `1391234${String(seq).padStart(4, "0")}`;
  // Registered in 南头城社区.
  await page.goto("/coordinators/new");
  await page.locator("#c-name").fill(name);
  await page.locator("#c-id").fill(idNumber("19900101", seq));
  await page.locator("#c-phone").fill("13800138000");
  await page.locator("#c-area").fill("440305001001");
  await page.locator("#c-hired").fill("2020-03-01");
  await page.getByRole("button", { name: "保存" }).click();
  await expect(page).toHaveURL(/\/coordinators\/\d+\?saved=1/);
  const record = page.url().replace(/\?.*$/, "");
  await expect(page.locator("#record-history li[data-version]")).toHaveCount(1);

  // Moved to 大新社区 with a new phone.
  await page.locator("#edit summary").click();
  await page.locator("#c-area").fill("440305001003");
  await page.locator("#c-phone").fill(phone);
  await page.locator("#edit").getByRole("button", { name: "保存" }).click();
  await expect(page.locator("#record-history > ul > li[data-version]")).toHaveCount(2);
  const latest = page.locator("#record-history > ul > li[data-version]").first();
  await expect(latest.locator('li[data-field="area_code"]')).toContainText("南头城社区居委会 440305001001 → 大新社区居委会 440305001003");
  await expect(latest.locator('li[data-field="area_code"]')).toContainText("所在社区");
  await expect(latest.locator('li[data-field="phone"]')).toContainText("已更改（号码不在历史中显示）");
  // The history never shows the numbers, old or new.
  await expect(page.locator("#record-history")).not.toContainText(/1380013|1391234|\d{3}\*+\d{2,4}/);
  await noSideScroll(page);

  // Leaving with a blank reason is refused (the browser takes blanks; the server does not), and
  // the day typed comes back.
  await page.locator("#leave summary").click();
  await page.locator("#l-on").fill("2026-11-20");
  await page.locator("#l-reason").fill("   ");
  await page.locator("#leave").getByRole("button", { name: "登记离职" }).click();
  await expect(page.locator("#leave details")).toHaveAttribute("open", "");
  await expect(page.locator("#leave")).toContainText("请填写离职原因");
  await expect(page.locator("#l-on")).toHaveValue("2026-11-20");
  await page.locator("#l-reason").fill("个人原因辞职");
  await page.locator("#leave").getByRole("button", { name: "登记离职" }).click();
  await expect(page).toHaveURL(/saved=1/);
  await expect(page.locator("#left")).toHaveText("已于 2026-11-20 离职");
  await expect(page.locator("#left-reason")).toContainText("个人原因辞职");
  await expect(page.locator('#record-history li[data-field="left_on"]')).toContainText("（空） → 2026-11-20");
  // The record is kept as it was: no more forms, and off the list.
  await expect(page.locator("#edit, #leave, #training")).toHaveCount(0);
  await page.goto(`/coordinators?q=${encodeURIComponent(name)}`);
  await expect(page.locator("#coordinators li[data-coordinator]")).toHaveCount(0);
  await page.goto(record);
  await expect(page.locator("h1")).toHaveText(name);
});
