// Bundle the workbench's third-party JavaScript from node_modules into src/mfkg/viz/vendor/
// (not committed; `make setup` runs this after `npm ci`). Offline: nothing is fetched at run time.
import { build } from "esbuild";
import { mkdirSync, readFileSync, writeFileSync, appendFileSync } from "node:fs";
import { gzipSync } from "node:zlib";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { createRequire } from "node:module";

const here = dirname(fileURLToPath(import.meta.url));
const out = join(here, "..", "src", "mfkg", "viz", "vendor");
const require = createRequire(import.meta.url);
mkdirSync(out, { recursive: true });

const common = { bundle: true, minify: true, format: "iife", target: "es2020", legalComments: "eof", logLevel: "warning" };
await build({ ...common, entryPoints: [join(here, "src", "editor.js")], globalName: "MfkgEditor", outfile: join(out, "editor.js") });
await build({ ...common, entryPoints: [join(here, "src", "engine.js")], globalName: "MfkgOxigraph", outfile: join(out, "engine.js"),
  define: { "import.meta.url": "undefined" } });
const wasm = readFileSync(join(dirname(require.resolve("oxigraph/web.js")), "web_bg.wasm"));
appendFileSync(join(out, "engine.js"), `\nMfkgOxigraph.wasmGz=${JSON.stringify(gzipSync(wasm, { level: 9 }).toString("base64"))};\n`);

const versions = {};
for (const name of ["codemirror", "@codemirror/view", "@codemirror/state", "@codemirror/language", "@codemirror/autocomplete",
                    "@codemirror/commands", "@codemirror/lint", "@codemirror/legacy-modes", "oxigraph"]) {
  versions[name] = JSON.parse(readFileSync(join(here, "node_modules", name, "package.json"), "utf8")).version;
}
writeFileSync(join(out, "versions.json"), JSON.stringify(versions, null, 2) + "\n");
console.log(`bundled the workbench's scripts into ${out}`);
