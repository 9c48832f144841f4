import { test, expect, Response } from "@playwright/test";
import { jsOff, ready } from "./helpers";

// The bundle (JS glue, WASM, stylesheet) is named by its content hash, kept by the browser for a
// year without asking again, and sent compressed as the build wrote it.

test("the bundle is hashed, immutable and precompressed", async ({ page }, info) => {
  const responses: Response[] = [];
  page.on("response", (r) => {
    if (new URL(r.url()).pathname.startsWith("/pkg/")) responses.push(r);
  });
  await page.goto("/");
  await ready(page, info);
  const bundle = await Promise.all(responses.map(async (r) => ({ url: r.url(), headers: await r.allHeaders() })));
  // Without JavaScript only the stylesheet loads; with it also the glue and the WASM.
  const want = jsOff(info) ? [/\.css$/] : [/\.css$/, /\.js$/, /_bg\.wasm$/];
  for (const pattern of want) {
    const hit = bundle.find((b) => pattern.test(new URL(b.url).pathname));
    expect(hit, `a response for ${pattern}`).toBeTruthy();
    expect(new URL(hit!.url).pathname).toMatch(/^\/pkg\/jiceng-[0-9a-f]{16}(\.js|_bg\.wasm|\.css)$/);
    expect(hit!.headers["cache-control"]).toBe("public, max-age=31536000, immutable");
    expect(hit!.headers["content-encoding"]).toBe("br");
  }
});

test("a second page takes the bundle from the browser's cache", async ({ page, browserName }, info) => {
  test.skip(jsOff(info) || browserName !== "chromium", "counts the JS and WASM requests in Chromium");
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("Network.enable");
  await page.goto("/");
  await ready(page, info);
  // Per request of the bundle: served from the browser's cache (memory or disk), or not.
  const fromCache = new Map<string, boolean>();
  const urls = new Map<string, string>();
  cdp.on("Network.requestWillBeSent", (e) => {
    if (!e.request.url.includes("/pkg/")) return;
    fromCache.set(e.requestId, false);
    urls.set(e.requestId, e.request.url);
  });
  cdp.on("Network.requestServedFromCache", (e) => {
    if (fromCache.has(e.requestId)) fromCache.set(e.requestId, true);
  });
  cdp.on("Network.responseReceived", (e) => {
    if (fromCache.has(e.requestId) && e.response.fromDiskCache) fromCache.set(e.requestId, true);
  });
  await page.goto("/areas");
  await ready(page, info);
  await page.waitForTimeout(200);
  // The page asked for the bundle again, and every part of it came from the cache: nothing
  // went to the server, not even a 304 revalidation.
  expect(fromCache.size).toBeGreaterThan(0);
  const sent = [...fromCache].filter(([, cached]) => !cached).map(([id]) => urls.get(id));
  expect(sent).toEqual([]);
});
