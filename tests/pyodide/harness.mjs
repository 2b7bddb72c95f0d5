// Runs Python in Pyodide under Node for tests/test_pyodide.py and benchmarks/lite_click.py.
//
// usage: node harness.mjs CONFIG.json
// CONFIG: {pyodide: folder of the npm package, wheels: folder of downloaded wheels, wheel: our wheel,
//          mounts: [host folders, mounted at the same path], script: Python file to run, args: {...}}
//
// Nothing is fetched: micropip comes from the wheels folder (not Pyodide's CDN), every dependency is
// installed from a local wheel first (deps=False), then our wheel WITH its dependencies, so micropip
// evaluates our metadata's markers under emscripten: a dependency the markers do not exclude and that
// is not installed would make micropip look for it and fail.
//
// `globalThis.xlwings` stands in for xlwings Lite's Office.js client: the awaitable reads
// (getRangeData, getNoteText) answer from the fills and notes the Python side puts in
// `globalThis.liteWorkbook` (read from the same .xlsx with openpyxl, as Excel would show them), and
// runActions records the actions a flush sends to Excel.
import { readFileSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";

const config = JSON.parse(readFileSync(process.argv[2], "utf-8"));
const { loadPyodide } = await import(pathToFileURL(path.join(config.pyodide, "pyodide.mjs")).href);

function columnNumber(letters) {
  let n = 0;
  for (const ch of letters) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n;
}
function columnLetters(n) {
  let s = "";
  while (n > 0) { const r = (n - 1) % 26; s = String.fromCharCode(65 + r) + s; n = Math.floor((n - 1) / 26); }
  return s;
}
function cells(address) {
  const a = address.replace(/\$/g, "").split("!").pop();
  const [first, last] = a.includes(":") ? a.split(":") : [a, a];
  const p = (c) => { const m = /^([A-Z]+)(\d+)$/.exec(c); return [Number(m[2]), columnNumber(m[1])]; };
  const [r1, c1] = p(first), [r2, c2] = p(last);
  const rows = [];
  for (let r = r1; r <= r2; r++) { const row = []; for (let c = c1; c <= c2; c++) row.push(columnLetters(c) + r); rows.push(row); }
  return rows;
}
globalThis.liteWorkbook = { fills: {}, notes: {}, flushed: [], reads: 0 };
globalThis.xlwings = {
  async getRangeData(sheet, address, keys) {
    const wb = globalThis.liteWorkbook; wb.reads++;
    const fills = (wb.fills[sheet] || {});
    const out = {};
    for (const key of keys.toJs ? keys.toJs() : keys) {
      const grid = cells(address).map((row) => row.map((c) => (fills[c] ? "#" + fills[c] : null)));
      if (key === "colors") out.colors = grid;
      else if (key === "color") out.color = grid.length === 1 && grid[0].length === 1 ? grid[0][0] : null;
      else throw new Error(`the stand-in client has no read '${key}'`);
    }
    return out;
  },
  async getNoteText(sheet, address) {
    const wb = globalThis.liteWorkbook; wb.reads++;
    const cell = address.replace(/\$/g, "");
    return (wb.notes[sheet] || {})[cell] ?? null;
  },
  async getNoteLocation(sheet, address) {
    const wb = globalThis.liteWorkbook; wb.reads++;
    return (wb.notes[sheet] || {})[address.replace(/\$/g, "")] !== undefined ? address : null;
  },
  async runActions(actions) {
    const a = actions.toJs ? actions.toJs({ dict_converter: Object.fromEntries }) : actions;
    globalThis.liteWorkbook.flushed.push(...(a.actions || a.get("actions")));
  },
};

const t0 = performance.now();
const py = await loadPyodide({ indexURL: config.pyodide + "/", stdout: (s) => console.log(s), stderr: (s) => console.error(s) });
const micropip = readFileSync(config.wheels + "/.micropip").toString().trim();
await py.loadPackage(path.join(config.wheels, micropip), { messageCallback: () => {} });
for (const folder of [...new Set([...(config.mounts || []), config.wheels, path.dirname(config.wheel)])]) {
  py.FS.mkdirTree(folder);
  py.mountNodeFS(folder, folder);
}
py.FS.mkdirTree("/data");
py.globals.set("HARNESS", py.toPy({ ...config, loaded_ms: performance.now() - t0 }));
await py.runPythonAsync(`
import os, time, micropip
t = time.perf_counter()
wheels = HARNESS["wheels"]
deps = sorted(w for w in os.listdir(wheels) if w.endswith(".whl") and not w.startswith("micropip-"))
await micropip.install(["emfs:" + wheels + "/" + w for w in deps], deps=False)
await micropip.install("emfs:" + HARNESS["wheel"])  # with its dependencies: our markers, evaluated here
HARNESS["install_ms"] = (time.perf_counter() - t) * 1000
`);
const code = readFileSync(config.script, "utf-8");
try {
  await py.runPythonAsync(code, { filename: config.script });
} catch (err) {
  console.error(String(err));
  process.exit(1);
}
