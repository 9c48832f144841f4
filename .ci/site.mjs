// Names the browser bundle by content hash and compresses it ahead of time.
//
// Usage: node .ci/site.mjs STAGE_DIR PKG_DIR
//   STAGE_DIR holds jiceng.js and jiceng_bg.wasm (wasm-bindgen, wasm-opt) and jiceng.css.
//   PKG_DIR is replaced by (keeping the files the previous assets.json named, one build back):
//     jiceng-<h>.js, jiceng-<h>_bg.wasm   <h>: the first 16 hex digits of SHA-256 over the JS glue
//                                         and the WASM (they are built together and change together)
//     jiceng-<c>.css                      <c>: the same over the stylesheet
//     each also as .br (brotli, quality 11) and .gz (gzip, level 9) beside it
//     assets.json                         {"app": "jiceng-<h>", "css": "jiceng-<c>.css"}: what the
//                                         server reads at start to name the files in its pages
// Prints each file's size raw, gzip and brotli (bytes).
import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import zlib from "node:zlib";

const [stage, pkg] = process.argv.slice(2);
if (!stage || !pkg) {
  console.error("usage: node .ci/site.mjs STAGE_DIR PKG_DIR");
  process.exit(2);
}

const read = (name) => fs.readFileSync(path.join(stage, name));
const hash = (...parts) => {
  const h = createHash("sha256");
  for (const p of parts) h.update(p);
  return h.digest("hex").slice(0, 16);
};

const js = read("jiceng.js");
const wasm = read("jiceng_bg.wasm");
const css = read("jiceng.css");
const app = `jiceng-${hash(js, wasm)}`;
const cssName = `jiceng-${hash(css)}.css`;

const files = [
  [`${app}.js`, js, zlib.constants.BROTLI_MODE_TEXT],
  [`${app}_bg.wasm`, wasm, zlib.constants.BROTLI_MODE_GENERIC],
  [cssName, css, zlib.constants.BROTLI_MODE_TEXT],
];

// Written beside the old directory, then swapped in: a failed run leaves the old site whole.
const fresh = `${pkg}.new`;
fs.rmSync(fresh, { recursive: true, force: true });
fs.mkdirSync(fresh, { recursive: true });
for (const [name, body, mode] of files) {
  const br = zlib.brotliCompressSync(body, {
    params: {
      [zlib.constants.BROTLI_PARAM_QUALITY]: 11,
      [zlib.constants.BROTLI_PARAM_MODE]: mode,
      [zlib.constants.BROTLI_PARAM_SIZE_HINT]: body.length,
    },
  });
  const gz = zlib.gzipSync(body, { level: 9 });
  fs.writeFileSync(path.join(fresh, name), body);
  fs.writeFileSync(path.join(fresh, `${name}.br`), br);
  fs.writeFileSync(path.join(fresh, `${name}.gz`), gz);
  console.log(`[site] ${name}: raw ${body.length} B, gzip ${gz.length} B, brotli ${br.length} B`);
}
fs.writeFileSync(path.join(fresh, "assets.json"), JSON.stringify({ app, css: cssName }) + "\n");

// The previous build's files stay one build longer: a server still running, and pages already
// open in a browser, name them until the server restarts.
const previous = path.join(pkg, "assets.json");
if (fs.existsSync(previous)) {
  try {
    const { app: prevApp, css: prevCss } = JSON.parse(fs.readFileSync(previous, "utf8"));
    for (const name of [`${prevApp}.js`, `${prevApp}_bg.wasm`, prevCss]) {
      for (const suffix of ["", ".br", ".gz"]) {
        const from = path.join(pkg, name + suffix);
        const to = path.join(fresh, name + suffix);
        if (/^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(name) && fs.existsSync(from) && !fs.existsSync(to)) {
          fs.copyFileSync(from, to);
        }
      }
    }
  } catch (e) {
    console.warn(`[site] the previous build's files are not kept: ${e.message}`);
  }
}

const old = `${pkg}.old`;
fs.rmSync(old, { recursive: true, force: true });
if (fs.existsSync(pkg)) fs.renameSync(pkg, old);
fs.renameSync(fresh, pkg);
fs.rmSync(old, { recursive: true, force: true });
