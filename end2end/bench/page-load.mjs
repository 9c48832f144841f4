// A page's load on a 360 px phone over a slow network, cold (empty cache) and warm (the same
// page opened again in the same browser), in Debian's Chromium.
//
//   node end2end/bench/page-load.mjs            (a server must be running)
// Environment: BASE_URL (http://127.0.0.1:3000), PAGE (/ledger), USERNAME (ns_coordinator; empty
// for a public page), PASSWORD (demo12345), RUNS (7), LATENCY_MS (150), KBPS (1600: download
// kilobits per second; upload is half).
//
// "interactive" is the time from the start of the navigation until the islands are hydrated
// (the frontend marks <body data-hydrated>), read in the page with performance.now(). For each
// load it counts the bundle's requests (/pkg/) that went to the server (including 304
// revalidations) and the bytes that crossed the network. Prints each run, then the medians.
import { chromium } from "@playwright/test";

const base = process.env.BASE_URL ?? "http://127.0.0.1:3000";
const target = process.env.PAGE ?? "/ledger";
const username = process.env.USERNAME ?? "ns_coordinator";
const password = process.env.PASSWORD ?? "demo12345";
const runs = Number(process.env.RUNS ?? 7);
const latency = Number(process.env.LATENCY_MS ?? 150);
const kbps = Number(process.env.KBPS ?? 1600);

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
  args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run"],
});

async function load(page, cdp) {
  // Per request of the bundle: served from the browser's cache (memory or disk), or not.
  const pkg = new Map();
  let bytes = 0;
  const onSent = (e) => {
    if (e.request.url.includes("/pkg/")) pkg.set(e.requestId, false);
  };
  const onResponse = (e) => {
    if (pkg.has(e.requestId) && (e.response.fromDiskCache || e.response.fromPrefetchCache)) {
      pkg.set(e.requestId, true);
    }
  };
  const onCached = (e) => {
    if (pkg.has(e.requestId)) pkg.set(e.requestId, true);
  };
  const onFinished = (e) => { bytes += e.encodedDataLength; };
  cdp.on("Network.requestWillBeSent", onSent);
  cdp.on("Network.responseReceived", onResponse);
  cdp.on("Network.requestServedFromCache", onCached);
  cdp.on("Network.loadingFinished", onFinished);
  await page.goto(base + target, { waitUntil: "load" });
  await page.waitForFunction(() => window.__hydratedAt !== undefined, null, { timeout: 30_000 });
  const interactive = await page.evaluate(() => window.__hydratedAt);
  // Let late events (the WASM's own response) arrive before counting.
  await page.waitForTimeout(200);
  cdp.off("Network.requestWillBeSent", onSent);
  cdp.off("Network.responseReceived", onResponse);
  cdp.off("Network.requestServedFromCache", onCached);
  cdp.off("Network.loadingFinished", onFinished);
  const cached = [...pkg.values()].filter(Boolean).length;
  return { interactive, pkg: { network: pkg.size - cached, cache: cached }, bytes };
}

const rows = [];
for (let i = 0; i < runs; i++) {
  const context = await browser.newContext({
    viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2, locale: "zh-CN",
  });
  if (username) {
    const r = await context.request.post(`${base}/api/v1/auth/login`, { data: { username, password } });
    if (!r.ok()) throw new Error(`login as ${username}: ${r.status()}`);
  }
  // The moment the islands are live, in the page's own clock.
  await context.addInitScript(() => {
    new MutationObserver((_, obs) => {
      if (document.body?.hasAttribute("data-hydrated")) {
        window.__hydratedAt = performance.now();
        obs.disconnect();
      }
    }).observe(document, { subtree: true, attributes: true, attributeFilter: ["data-hydrated"] });
  });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send("Network.enable");
  await cdp.send("Network.emulateNetworkConditions", {
    offline: false, latency, downloadThroughput: (kbps * 1000) / 8, uploadThroughput: (kbps * 500) / 8,
  });
  const cold = await load(page, cdp);
  const warm = await load(page, cdp);
  rows.push({ cold, warm });
  console.log(
    `run ${i + 1}: cold ${cold.interactive.toFixed(0)} ms (${cold.bytes} B, /pkg from server ${cold.pkg.network}), ` +
      `warm ${warm.interactive.toFixed(0)} ms (${warm.bytes} B, /pkg from server ${warm.pkg.network}, from cache ${warm.pkg.cache})`,
  );
  await context.close();
}
await browser.close();

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const pick = (k, f) => median(rows.map((r) => f(r[k])));
console.log(
  `${target} on a 360 px phone, ${latency} ms latency, ${kbps} kbps, ${runs} runs (medians): ` +
    `cold interactive ${pick("cold", (x) => x.interactive).toFixed(0)} ms, ${pick("cold", (x) => x.bytes)} B; ` +
    `warm interactive ${pick("warm", (x) => x.interactive).toFixed(0)} ms, ${pick("warm", (x) => x.bytes)} B, ` +
    `bundle requests to the server ${pick("warm", (x) => x.pkg.network)}`,
);
