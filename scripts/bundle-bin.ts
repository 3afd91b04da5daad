/**
 * Bundles a package's command line (`src/main.ts`, after `tsc` has written
 * `dist/`) into `dist/main.js`, one file plus lazily loaded chunks, so its bin starts by reading a few
 * files instead of hundreds of modules (the `effect` barrel alone is ~300):
 * `checkout-kit --help` went from ~35× `node -e 0` to within 4× (BENCHMARKS.md).
 *
 * `node scripts/bundle-bin.ts` from the package's folder. Writes
 * `dist/main.js` and `dist/chunks/`; Node's built-ins stay imports, every other
 * dependency is bundled (the bin then loads nothing from `node_modules`).
 */
import { cpSync, mkdtempSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import { join, resolve } from "node:path"
import { rolldown } from "rolldown"

const dist = resolve("dist")
const out = mkdtempSync(join(tmpdir(), "checkout-kit-bundle-"))
try {
  const bundle = await rolldown({
    // From the source, not `dist/main.js`: a second build bundles the same input, not its own output.
    input: resolve("src/main.ts"),
    platform: "node",
    logLevel: "warn"
  })
  await bundle.write({
    dir: out,
    format: "esm",
    entryFileNames: "main.js",
    chunkFileNames: "chunks/[name]-[hash].js",
    minify: true,
    sourcemap: false
  })
  await bundle.close()
  rmSync(join(dist, "chunks"), { recursive: true, force: true })
  cpSync(out, dist, { recursive: true })
} finally {
  rmSync(out, { recursive: true, force: true })
}
