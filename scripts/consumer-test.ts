/**
 * The consumer test: what a team outside this workspace gets from a release.
 *
 * 1. `pnpm pack` every published package (their `publishConfig` maps point at
 *    the compiled `dist/`; run after the build).
 * 2. Install the tarballs with plain npm into a fresh scratch project outside
 *    the workspace, with TypeScript.
 * 3. Type-check and run a small program that imports every package's main
 *    entry, the schemas and the JSON Schema files, decodes a seed body,
 *    generates a fixture, and creates a session through the client.
 * 4. Start the packed `checkout-mock-server` bin, call `/health`, and point the
 *    program's client at it.
 *
 * Exits non-zero on any failure. Run by the root `test` script, after turbo.
 */
import { type ChildProcess, execFileSync, spawn, spawnSync } from "node:child_process"
import { existsSync, mkdtempSync, readdirSync, realpathSync, rmSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { delimiter, dirname, join } from "node:path"

const root = new URL("..", import.meta.url).pathname
const packages = ["packages/domain", "packages/fixtures", "apps/mock-server", "apps/client"].filter((dir) =>
  existsSync(join(root, dir, "package.json"))
)
const scratch = mkdtempSync(join(tmpdir(), "checkout-kit-consumer-"))
const tarballs = join(scratch, "tarballs")
// Node 24 first on the PATH: the packed bins say `#!/usr/bin/env node`.
const env = { ...process.env, PATH: `${dirname(process.execPath)}${delimiter}${process.env.PATH ?? ""}` }
const step = (title: string) => console.log(`consumer test: ${title}`)
const run = (command: string, args: ReadonlyArray<string>, cwd: string, extraEnv: Record<string, string> = {}) =>
  execFileSync(command, args, { cwd, env: { ...env, ...extraEnv }, stdio: ["ignore", "pipe", "inherit"], encoding: "utf8" })

let server: ChildProcess | undefined
try {
  step(`packing ${packages.join(", ")}`)
  for (const dir of packages) run("npx", ["-y", "pnpm@12.21.0", "pack", "--pack-destination", tarballs], join(root, dir))
  const packed = readdirSync(tarballs).filter((f) => f.endsWith(".tgz")).map((f) => join(tarballs, f))

  step("installing the tarballs with npm into a scratch project")
  const app = join(scratch, "app")
  run("mkdir", ["-p", app], scratch)
  writeFileSync(join(app, "package.json"), JSON.stringify({ name: "consumer", private: true, type: "module" }, null, 2))
  run("npm", ["install", "--no-audit", "--no-fund", "--loglevel=error", ...packed, "typescript@7.0.2", "@types/node@24"], app)

  const hasFixtures = packages.includes("packages/fixtures")
  writeFileSync(join(app, "tsconfig.json"), JSON.stringify({
    compilerOptions: {
      strict: true,
      module: "NodeNext",
      moduleResolution: "NodeNext",
      target: "ES2023",
      noEmit: true,
      skipLibCheck: false,
      types: ["node"],
      allowImportingTsExtensions: true
    },
    include: ["main.ts"]
  }, null, 2))
  writeFileSync(join(app, "main.ts"), `
import { CheckoutSession, CheckoutSessionUpdate } from "@checkout-kit/domain/CheckoutSession"
import * as StrictDecoder from "@checkout-kit/domain/StrictDecoder"
import { createClient } from "@checkout-kit/client/Promise"
import { NotFound } from "@checkout-kit/client/Errors"
import * as Domain from "@checkout-kit/domain"
import * as Client from "@checkout-kit/client"
import * as MockServer from "@checkout-kit/mock-server"
import { Schema } from "effect"
import { createRequire } from "node:module"
import { readFileSync } from "node:fs"
${hasFixtures ? `import * as fc from "fast-check"\nimport * as Fixtures from "@checkout-kit/fixtures"` : ""}

// Every package's main entry resolves from the tarball and carries its namespaces.
if (Domain.CheckoutSession.CheckoutSession !== CheckoutSession) throw new Error("@checkout-kit/domain's main entry")
if (typeof Client.PromiseClient.createClient !== "function") throw new Error("@checkout-kit/client's main entry")
if (typeof MockServer.Server.layer !== "function") throw new Error("@checkout-kit/mock-server's main entry")
${hasFixtures ? `if (typeof Fixtures.Derive.wire !== "function") throw new Error("@checkout-kit/fixtures' main entry")` : ""}

const require = createRequire(import.meta.url)
const cartItemSchema = JSON.parse(readFileSync(require.resolve("@checkout-kit/domain/schemas/CartItem.json"), "utf8"))
if (cartItemSchema.title !== "CartItem") throw new Error("the CartItem JSON Schema is missing")
const openapi = JSON.parse(readFileSync(require.resolve("@checkout-kit/domain/openapi.json"), "utf8"))
if (!openapi.paths["/checkout/sessions"]) throw new Error("the OpenAPI document is missing")

const seed = {
  id: "3c90c3cc-0d44-4b50-8888-8dd25736052a",
  expires_at: "2023-11-07T05:31:56Z",
  cart_items: [{ name: "GoPro", quantity: 1, unit_amount: 37999 }],
  metadata: { order: "42" }
}
const session: CheckoutSession = Schema.decodeUnknownSync(CheckoutSession)(seed)
const decoded = StrictDecoder.make(CheckoutSessionUpdate).decode({ cart_items: [{ name: "x", quantity: 0, unit_amount: 1 }] })
if (decoded._tag !== "Failure" || decoded.failure[0]?.pointer !== "/cart_items/0/quantity") throw new Error("strict decode")
${hasFixtures ? `const sample = fc.sample(Fixtures.checkoutSessionUpdate, { numRuns: 1, seed: 42 })[0]
if (StrictDecoder.make(CheckoutSessionUpdate).decode(sample)._tag !== "Success") throw new Error("fixture does not decode")` : ""}

const client = createClient({ baseUrl: process.env.MOCK_URL! })
const created = await client.checkoutSessions.create({ cartItems: session.cartItems ?? null, metadata: session.metadata ?? null })
const read = await client.checkoutSessions.get(created.id)
if (read.metadata?.order !== "42") throw new Error("read back differs")
await client.checkoutSessions.delete(created.id)
try {
  await client.checkoutSessions.get(created.id)
  throw new Error("deleted session found")
} catch (e) {
  if (!(e instanceof NotFound)) throw e
}
await client.close()
${hasFixtures ? `// The stateful runner (client) on the reference model and commands (fixtures), from the main entries.
if (Fixtures.Model.initial.sessions.length !== 0 || typeof Fixtures.Commands.all !== "function") throw new Error("the model")
const stateful = await Client.Stateful.check({ baseUrl: process.env.MOCK_URL!, runs: 5, seed: 1 })
if (!stateful.passed || stateful.commands === 0) throw new Error(\`stateful: \${Client.Stateful.summary(stateful)}\`)` : ""}
console.log("consumer program: ok")
`)

  step("type-checking the consumer program against the packed types")
  run(join(app, "node_modules/.bin/tsc"), ["-p", "tsconfig.json"], app)

  // Every packed bin on an older Node (the machine's own, when it is older than 22.19) says which Node it needs.
  const olderNode = ["/usr/bin/node", "/usr/local/bin/node"].find((path) => {
    if (!existsSync(path)) return false
    const [major, minor] = execFileSync(path, ["-p", "process.versions.node"], { encoding: "utf8" }).trim().split(".").map(Number)
    return major < 22 || (major === 22 && minor < 19)
  })
  if (olderNode === undefined) step("no Node older than 22.19 on this machine: the bins' version check is not exercised")
  else {
    const found = execFileSync(olderNode, ["-p", "process.versions.node"], { encoding: "utf8" }).trim()
    step(`running every packed bin on Node ${found} (${olderNode})`)
    const bins = ["checkout-mock-server", "checkout-kit", ...(hasFixtures ? ["checkout-fixtures"] : [])]
    for (const name of bins) {
      // The bin's own file, as npm links it, run by the older Node (its shebang would pick Node 24 from the PATH).
      const script = realpathSync(join(app, "node_modules/.bin", name))
      const result = spawnSync(olderNode, [script, "--store", "memory"], { encoding: "utf8" })
      const expected = `${name}: needs Node ≥ 22.19 (found ${found})\n`
      if (result.status !== 1 || !result.stderr.startsWith(expected) || result.stderr.split("\n").length !== 3) {
        throw new Error(`${name} on Node ${found}: exit ${result.status}, stderr:\n${result.stderr}`)
      }
    }
  }

  step("starting the packed checkout-mock-server bin")
  const bin = join(app, "node_modules/.bin/checkout-mock-server")
  server = spawn(bin, ["--port", "0", "--auth", "off", "--store", "memory", "--quiet", "--data-dir", join(scratch, "data")], {
    env,
    stdio: ["ignore", "pipe", "inherit"]
  })
  const url = await new Promise<string>((resolve, reject) => {
    let out = ""
    server!.stdout!.on("data", (chunk) => {
      out += chunk
      const match = /listening on (http:\/\/\S+)/.exec(out)
      if (match) resolve(match[1])
    })
    server!.on("exit", (code) => reject(new Error(`the mock server exited (${code}) before listening: ${out}`)))
  })
  const health = await fetch(`${url}/health`)
  if (health.status !== 200) throw new Error(`/health answered ${health.status}`)

  step("running the packed checkout-kit and checkout-fixtures bins (bundled) against it")
  const kit = join(app, "node_modules/.bin/checkout-kit")
  if (!run(kit, ["--help"], app).includes("contract")) throw new Error("checkout-kit --help")
  const summary = run(kit, ["contract", "--server", url, "--unsigned", "--runs", "5", "--seed", "1"], app)
  if (!summary.includes("no mismatch")) throw new Error(`checkout-kit contract: ${summary}`)
  if (hasFixtures) {
    const records = JSON.parse(run(join(app, "node_modules/.bin/checkout-fixtures"), ["sample", "CartItem", "--count", "2", "--seed", "1"], app))
    if (records.length !== 2) throw new Error("checkout-fixtures sample")
  }

  step("running the consumer program against it")
  process.stdout.write(run(process.execPath, ["main.ts"], app, { MOCK_URL: url }).replace(/^/gm, "  "))
  step("passed")
} finally {
  server?.kill("SIGTERM")
  rmSync(scratch, { recursive: true, force: true })
}
