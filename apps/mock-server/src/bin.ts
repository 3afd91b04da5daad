#!/usr/bin/env node
/**
 * `checkout-mock-server`: checks the Node version before loading anything (on an
 * older Node the server would crash on `node:sqlite`), then steers the young
 * generation (`Heap.ts`, before anything else loads) and runs `main.ts`.
 * This file imports nothing, so the check runs on any Node (keep it so: the
 * same check is in each package's bin, and `package.json`'s `engines`).
 *
 * @since 0.1.0
 */
const [major = 0, minor = 0] = process.versions.node.split(".").map(Number)
if (major > 22 || (major === 22 && minor >= 19)) {
  // V8's code cache on disk (in the OS's temp directory): later starts skip compiling the bundle.
  process.getBuiltinModule("node:module").enableCompileCache()
  // The young generation's steering first, before the program's modules load: loading them is a burst of
  // allocation that would otherwise grow it to V8's maximum (Heap.ts).
  ;(await import("./Heap.ts")).tuneFromEnv(process.env)
  await import("./main.ts")
} else {
  process.stderr.write(
    `checkout-mock-server: needs Node ≥ 22.19 (found ${process.versions.node})\n` +
      "install Node 22.19 or later (https://nodejs.org, or `nvm install 22`) and run it again\n"
  )
  process.exitCode = 1
}
