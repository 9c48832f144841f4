import { Browser, expect, Locator, Page, TestInfo } from "@playwright/test";
import { spawn } from "child_process";
import path from "path";

const port = Number(process.env.E2E_PORT ?? 3400);
const root = path.resolve(__dirname, "../..");


export const jsOff = (info: TestInfo) => info.project.name.endsWith("nojs");

/** Waits until the page is hydrated (with JavaScript) so that event handlers are live. */
export async function ready(page: Page, info: TestInfo) {
  await page.waitForLoadState("load");
  if (!jsOff(info)) {
    await page.locator("body[data-hydrated]").waitFor({ state: "attached" });
  }
}

/** Opens the phone's 「菜单」 when the header shows it (on a desktop the links stand in the bar). */
export async function openMenu(page: Page) {
  const summary = page.locator(".menu > summary");
  if ((await summary.isVisible()) && !(await page.locator(".menu[open]").count())) await summary.click();
}

/** A 360 px phone never scrolls sideways. */
export async function noSideScroll(page: Page) {
  const over = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(over).toBeLessThanOrEqual(0);
}

/**
 * Waits until the address shows `url` and the results answer it: with JavaScript the island
 * marks the results busy from the change until its answer is in the page.
 */
export async function settled(page: Page, url: RegExp) {
  await expect(page).toHaveURL(url);
  await expect(page.locator(".results-region")).toHaveAttribute("aria-busy", "false");
}

/** A valid 身份证号 of 南山区 (GB 11643 check character) for a birth date and a sequence number. */
export function idNumber(birth: string, seq: number): string {
  const first17 = `440305${birth}${String(seq).padStart(3, "0")}`;
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...first17].reduce((s, d, i) => s + Number(d) * weights[i], 0);
  return first17 + "10X98765432"[sum % 11];
}

/** Signs in with the demo password and goes on to `next`. */
export async function signIn(page: Page, username: string, next: string) {
  await page.goto(`/login?next=${encodeURIComponent(next)}`);
  await page.locator("#username").fill(username);
  await page.locator("#password").fill("demo12345");
  await page.getByRole("button", { name: "登录" }).click();
}

/** A page of its own (own cookies) signed in as `username`, on the ledger. */
export async function signedIn(browser: Browser, info: TestInfo, username: string): Promise<Page> {
  const context = await browser.newContext({ ...info.project.use });
  const page = await context.newPage();
  await signIn(page, username, "/ledger");
  await expect(page).toHaveURL(/\/ledger$/);
  return page;
}

/**
 * The community approves file `fileId` once its 初审公示 is over, as `username`: on a server of
 * the same build and database with its clock 20 days ahead (past five working days after any
 * holiday). `slot` picks a port of its own (the server is stopped afterwards).
 */
export async function approveAfterNotice(browser: Browser, info: TestInfo, username: string, fileId: string | null, slot: number) {
  const ahead = await later(20, port + 30 + slot);
  try {
    const context = await browser.newContext({ ...info.project.use, baseURL: ahead.base });
    const page = await context.newPage();
    await page.goto(`${ahead.base}/login?next=/reviews`);
    await page.locator("#username").fill(username);
    await page.locator("#password").fill("demo12345");
    await page.getByRole("button", { name: "登录" }).click();
    await expect(page).toHaveURL(/\/reviews$/);
    await confirmApproval(page.locator(`li[data-target="${fileId}"]`));
    await expect(page.locator(".notice[role=status]")).toContainText("已保存");
    await context.close();
  } finally {
    ahead.stop();
  }
}

/** While the 初审公示 runs, the community's queue shows its last day and cannot approve. */
export async function noticeRuns(page: Page, fileId: string | null) {
  await page.goto("/reviews");
  const row = page.locator(`li[data-target="${fileId}"]`);
  await expect(row.locator(".notice-until")).toContainText(/初审公示至 \d{4}-\d{2}-\d{2}/);
  await expect(row.getByRole("button", { name: "通过", exact: true })).toBeDisabled();
}

/** Approves the file at the signed-in account's step, from its review queue. */
export async function approveFile(page: Page, fileId: string | null) {
  await page.goto("/reviews");
  await confirmApproval(page.locator(`li[data-target="${fileId}"]`));
  await expect(page.locator(".notice[role=status]")).toContainText("已保存");
}

/** Approves a file where it is shown (a queue row or the person's file): 「通过…」 opens the
 * confirmation, 「确认通过」 decides. */
export async function confirmApproval(file: Locator) {
  await file.locator("details.approve > summary").click();
  await file.getByRole("button", { name: "确认通过" }).click();
}

/** A number per Playwright project, so that the projects' records do not clash in the shared database. */
export const projectSeq = (info: TestInfo, base: number) =>
  base + 2 * ["phone", "phone-nojs", "desktop"].indexOf(info.project.name);

/**
 * The same build on the same database with its clock `days` ahead: how the test sees a 公示
 * period, and later a re-inspection date, pass. No background sweeps, no seeding.
 */
export async function later(days: number, laterPort: number): Promise<{ base: string; stop: () => void }> {
  const dir = process.env.E2E_DB_DIR ?? `${process.env.TMPDIR ?? "/tmp"}/jiceng-e2e-${port}`;
  const child = spawn(path.resolve(root, process.env.E2E_SERVER_BIN ?? "target/release/jiceng"), ["serve"], {
    cwd: root,
    stdio: "ignore",
    env: {
      ...process.env,
      DATABASE_URL: `sqlite://${dir}/e2e.db?mode=rwc`,
      AREAS_FILE: "app/tests/fixtures/areas.csv",
      LEPTOS_SITE_ROOT: path.resolve(root, process.env.LEPTOS_SITE_ROOT ?? "target/site"),
      BIND_ADDR: `127.0.0.1:${laterPort}`,
      SEED_DEMO: "0",
      BACKGROUND_TASKS: "0",
      JICENG_CLOCK_OFFSET_DAYS: String(days),
      RUST_LOG: "warn",
    },
  });
  const base = `http://127.0.0.1:${laterPort}`;
  for (let i = 0; i < 150; i++) {
    try {
      if ((await fetch(`${base}/healthz`)).ok) break;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  return { base, stop: () => child.kill("SIGTERM") };
}

