// Oxigraph's WebAssembly build for the static site's workbench. Bundled by build.mjs into one
// script that defines `MfkgOxigraph`, with the engine's .wasm embedded (gzip, base64) so that the
// page also runs from file://, where a page cannot fetch files beside it.
import init, { Store } from "oxigraph/web.js";

export { init, Store };
