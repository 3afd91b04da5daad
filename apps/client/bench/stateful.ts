/**
 * The stateful contract runner's speed against the local mock: sequences/s
 * and commands/s of `Stateful.check`, beside the one-request runner
 * (`Contract.run`, requests/s) on the same server, in one run, rounds
 * interleaved, medians.
 *
 * The mock runs in its own process (tokens verified, a fresh data
 * directory), once per store: memory, then SQLite (the default store of
 * `pnpm start`); the runners run here. The stateful runner sends one
 * request at a time (a sequence is sequential by nature); the one-request
 * runner sends 8 at a time (its default). Every figure includes signing,
 * generation, the model and shrinking-free checking (the mock has no bug).
 *
 * Run: `pnpm bench` (root or this package). BENCH_STORES (default
 * `memory,sqlite`), BENCH_ROUNDS (default 3),
 * BENCH_RUNS (stateful sequences per round, default 200) and
 * BENCH_CONTRACT_RUNS (default 200) tune it. Target: ≥ 300 commands/s.
 */
import { type ChildProcess, spawn } from "node:child_process"
import { mkdtempSync, readFileSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { fileURLToPath } from "node:url"
import * as Fixtures from "@checkout-kit/fixtures"
import * as Contract from "../src/Contract.ts"
import * as Stateful from "../src/Stateful.ts"

const rounds = Number(process.env.BENCH_ROUNDS ?? 3)
const statefulRuns = Number(process.env.BENCH_RUNS ?? 200)
const contractRuns = Number(process.env.BENCH_CONTRACT_RUNS ?? 200)
const stores = (process.env.BENCH_STORES ?? "memory,sqlite").split(",")

const dataDir = mkdtempSync(join(tmpdir(), "checkout-kit-stateful-bench-"))
const bin = fileURLToPath(import.meta.resolve("@checkout-kit/mock-server/bin"))

const startMock = (store: string) =>
  new Promise<{ url: string; child: ChildProcess }>((resolve, reject) => {
    const storeFlag = store === "sqlite" ? `sqlite:${join(dataDir, `sessions-${Date.now()}.db`)}` : store
    const child = spawn(process.execPath, [bin, "--port", "0", "--quiet", "--store", storeFlag, "--auth", "on", "--data-dir", dataDir], {
      stdio: "pipe"
    })
    let out = ""
    const onData = (chunk: Buffer) => {
      out += chunk
      const match = /listening on (http:\/\/\S+)/.exec(out)
      if (match) {
        child.stdout!.off("data", onData)
        resolve({ url: match[1], child })
      }
    }
    child.stdout!.on("data", onData)
    child.stderr!.on("data", (chunk: Buffer) => (out += chunk))
    child.once("exit", (code) => reject(new Error(`the mock exited (${code}) before it was ready:\n${out}`)))
  })

const median = (values: ReadonlyArray<number>) => {
  const sorted = values.toSorted((a, b) => a - b)
  return sorted[Math.floor(sorted.length / 2)]
}
const rate = (n: number, unit: string) => `${Math.round(n).toLocaleString("en-US")} ${unit}/s`

const rows: Array<string> = []
let slowest = Number.POSITIVE_INFINITY
for (const store of stores) {
  const { child, url } = await startMock(store)
  try {
    const privateKey = readFileSync(join(dataDir, "private-key.pem"), "utf8")
    const generators = { valid: Fixtures.checkoutSessionUpdate, invalid: Fixtures.invalidOf.CheckoutSessionUpdate }
    // Warm-up: both runners once, small.
    await Stateful.check({ baseUrl: url, privateKey, runs: 20, seed: 1 })
    await Contract.run({ server: url, runs: 20, seed: 1, privateKey, generators })

    const sequences: Array<number> = []
    const commands: Array<number> = []
    const perSequence: Array<number> = []
    const requests: Array<number> = []
    for (let round = 0; round < rounds; round++) {
      const report = await Stateful.check({ baseUrl: url, privateKey, runs: statefulRuns, seed: 100 + round })
      if (!report.passed) throw new Error(`the mock failed the stateful contract:\n${Stateful.summary(report)}`)
      sequences.push(report.sequences / (report.durationMs / 1000))
      commands.push(report.commands / (report.durationMs / 1000))
      perSequence.push(report.commands / report.sequences)

      const started = performance.now()
      const contract = await Contract.run({ server: url, runs: contractRuns, seed: 100 + round, privateKey, generators })
      const seconds = (performance.now() - started) / 1000
      if (contract.mismatches.length > 0) throw new Error(`the mock failed the contract:\n${Contract.summary(contract)}`)
      // Per valid body: POST, GET, DELETE; per invalid body: one POST; plus 3 unknown ids, and the expiry check's 4.
      requests.push((contractRuns * 3 + contractRuns + 3 + 4) / seconds)
    }
    slowest = Math.min(slowest, median(commands))
    rows.push(
      `| ${store} | stateful, ${statefulRuns} sequences of up to 20 commands | ${rate(median(sequences), "sequences")}, ${
        rate(median(commands), "commands")
      } (${median(perSequence).toFixed(1)} commands a sequence) |`,
      `| ${store} | one-request runner, ${contractRuns} valid + ${contractRuns} invalid bodies, 8 at a time | ${
        rate(median(requests), "requests")
      } |`
    )
  } finally {
    child.kill("SIGTERM")
  }
}
rmSync(dataDir, { recursive: true, force: true })
console.log(`contract runners against the local mock (${rounds} rounds, medians; node ${process.version})`)
console.log("")
console.log("| store | runner | figure |")
console.log("| --- | --- | --- |")
for (const row of rows) console.log(row)
console.log("")
console.log(`target ≥ 300 commands/s: ${slowest >= 300 ? "met" : "NOT met"} on every store (slowest ${Math.round(slowest)} commands/s)`)
