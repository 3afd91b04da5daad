/**
 * HTTP throughput and latency of the mock server, side by side in one run with
 *
 * - a bare `node:http` server answering the same bytes (the ceiling), and
 * - Stoplight Prism mocking the same official spec (the usual stateless mock),
 *   installed on demand into `node_modules/.cache/prism` (not a dependency;
 *   needs Node ≥ 24.18). Set BENCH_PRISM=0 to skip it.
 *
 * GET answers a stored full seed session; POST creates one from the full seed
 * body, fully validated. Each server runs in its own process; the load
 * generator (autocannon, 50 connections) runs here. After a one-second warm-up
 * of each cell, rounds are interleaved (each server's cell beside the bare
 * server's, their order alternating) and the medians printed, with the median
 * of the rounds' ratios against the bare server, the server's CPU time per
 * request and how often the load generator slept waiting for answers (both
 * read from /proc on Linux).
 *
 * Each POST round starts from an empty store (`POST /_mock/reset`, then the
 * GET session is created again), so every round measures the same work: a
 * store filling from empty to one round's sessions (the GET rounds then read
 * a store of the last POST round's). Left to grow, the store would hold every
 * session of every earlier round and warm-up (150,000–190,000 by the last
 * round at the defaults, beyond the memory section's 100,000), and the POST
 * figure would depend on BENCH_ROUNDS as well as BENCH_SECONDS.
 * BENCH_POST_STORE=grow measures that instead.
 *
 * Then memory: RSS growth of a server process holding 100,000 full seed
 * sessions in the memory store, against their raw wire JSON.
 *
 * Then a hostile body: the slowest `/health` answer while a 1 MB body of
 * invalid cart items is validated (the target: under 100 ms).
 *
 * Then PostgreSQL: GET and POST through one replica on a throwaway PostgreSQL
 * cluster beside the memory store, and through two replicas on one database
 * driven together, with the ratios against their targets.
 *
 * Then transactions: POST /transactions paying with a checkout session's card
 * data beside POST /checkout/sessions, on one mock (target: ≥ 0.8× its req/s).
 *
 * Run: `pnpm bench` (root or this package). BENCH_SECONDS (default 4) and
 * BENCH_ROUNDS (default 3) tune it; BENCH_ONLY=http,authentication,memory,hostile,postgres,transactions
 * picks sections.
 */
import * as Token from "@checkout-kit/domain/Token"
import { execFileSync, spawn } from "node:child_process"
import { createPrivateKey } from "node:crypto"
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs"
import { availableParallelism, tmpdir } from "node:os"
import { join } from "node:path"
import { fileURLToPath } from "node:url"
import {
  alternating,
  connections,
  cpuMs,
  load,
  measure,
  median,
  perRequest,
  type Result,
  rounds,
  seconds,
  warmUp
} from "./rounds.ts"
import { fullBody, startBare, startMock as startCheckoutMock, startPostgresOrSkip, type Target, waitForLine } from "./servers.ts"

const postStore = process.env.BENCH_POST_STORE ?? "empty"
if (postStore !== "empty" && postStore !== "grow") throw new Error(`BENCH_POST_STORE: empty or grow, not ${postStore}`)
const here = (path: string) => fileURLToPath(new URL(path, import.meta.url))

// Linux: the machine's CPU time, busy and in all (jiffies, every core), from /proc/stat.
const machineCpu = (): { readonly busy: number; readonly total: number } | undefined => {
  try {
    const fields = readFileSync("/proc/stat", "utf8").split("\n")[0].trim().split(/\s+/).slice(1, 9).map(Number)
    const total = fields.reduce((a, b) => a + b, 0)
    // idle and iowait
    return { busy: total - fields[3] - fields[4], total }
  } catch {
    return undefined
  }
}
const busyFraction = (
  before: ReturnType<typeof machineCpu>,
  after: ReturnType<typeof machineCpu>
): number | undefined =>
  before === undefined || after === undefined || after.total === before.total
    ? undefined
    : (after.busy - before.busy) / (after.total - before.total)
const dataDir = mkdtempSync(join(tmpdir(), "checkout-mock-bench-"))

// The mock of this working tree; with `--auth on`, the bench signs its tokens with the data directory's key.
const startMock = async (
  auth: "off" | "on" = "off",
  store = "memory",
  name = auth === "off" ? "checkout-kit mock" : "checkout-kit mock, auth on"
): Promise<Target & { token?: (scopes: Array<string>) => Promise<string> }> => {
  if (auth === "off") return startCheckoutMock({ name, store, dataDir })
  let signer: Token.Signer | undefined
  const token = (scopes: Array<string>) => signer!.sign({ scopes, issuer: "checkout-mock-bench", expiresIn: "10m" })
  const target = await startCheckoutMock({
    name,
    store,
    dataDir,
    auth,
    headers: async (dir) => {
      signer = await Token.makeSigner(createPrivateKey(readFileSync(join(dir, "private-key.pem"))))
      return { authorization: `Bearer ${await token(["*.write"])}` }
    }
  })
  return Object.assign(target, { token })
}

const prismDir = here("../../../node_modules/.cache/prism")
const startPrism = async (): Promise<Target | undefined> => {
  if (process.env.BENCH_PRISM === "0") return undefined
  const bin = `${prismDir}/node_modules/@stoplight/prism-cli/dist/index.js`
  if (!existsSync(bin)) {
    console.log("installing @stoplight/prism-cli@5.16.0 into node_modules/.cache/prism (once)...")
    mkdirSync(prismDir, { recursive: true })
    try {
      execFileSync("npm", ["install", "--prefix", prismDir, "--no-save", "--no-audit", "--no-fund", "@stoplight/prism-cli@5.16.0"], {
        stdio: "ignore"
      })
    } catch {
      console.log("could not install Prism: skipping that baseline")
      return undefined
    }
  }
  const spec = here("../../../packages/domain/spec/gr4vy-checkout-sessions.openapi.json")
  const port = 20_000 + Math.floor(Math.random() * 20_000)
  const child = spawn(process.execPath, [bin, "mock", spec, "-p", String(port), "-h", "127.0.0.1"], { stdio: "pipe" })
  await waitForLine(child, /Prism is listening|listening on/i)
  return {
    name: "Prism 5.16 (stateless)",
    url: `http://127.0.0.1:${port}`,
    getPath: "/checkout/sessions/3c90c3cc-0d44-4b50-8888-8dd25736052a",
    pid: child.pid,
    stop: () => child.kill()
  }
}

// Memory: a separate process fills its memory store directly, with the server's heap settings (tuned) or, as
// the baseline, with V8's defaults.
const fill = (tuned: boolean) => {
  const out = execFileSync(process.execPath, ["--expose-gc", here("./memory.ts")], {
    encoding: "utf8",
    env: { ...process.env, CHECKOUT_MOCK_TUNE_HEAP: String(tuned), BENCH_MEMORY_TEXT: "false" }
  })
  return JSON.parse(out.trim().split("\n").at(-1)!) as {
    count: number
    bytes: number
    rss: number
    heap: number
    heapSettings: string
  }
}
const mb = (n: number) => `${(n / 1024 / 1024).toFixed(0)} MB`.padStart(7)

// The median, when every figure is known.
const known = (xs: Array<number | undefined>) => xs.every((x) => x !== undefined) ? median(xs) : undefined

const pathFor = (target: Target, method: "GET" | "POST") => method === "GET" ? target.getPath : "/checkout/sessions"

const http = async () => {
  const mock = await startMock()
  const session = await fetch(`${mock.url}${mock.getPath}`).then((r) => r.text())
  const targets = [await startBare(session), mock, await startPrism()].filter((t) => t !== undefined)
  const samples = new Map<string, Array<Result>>()
  const storedAfterPost: Array<number> = []
  try {
    // Warm-up, not measured: the JIT compiles the servers' hot paths (the bare one has little to compile).
    let warmUpSessions = 1
    for (const target of targets) {
      for (const method of ["GET", "POST"] as const) {
        const result = await load(target.url, method, pathFor(target, method), { seconds: warmUp })
        if (method === "POST" && target.emptyStore !== undefined) warmUpSessions += result.ok
      }
    }
    // Sessions in the mock's store at the end of each POST round.
    let stored = warmUpSessions
    for (let r = 0; r < rounds; r++) {
      // Each server's cell right beside the bare one's, the order of the two alternating from round to round, so
      // a round's ratio compares loads a few seconds apart and a drift of the machine's speed cancels out.
      const [bareTarget, mockTarget, ...others] = targets
      const order = [...alternating([bareTarget, mockTarget], r), ...others]
      for (const method of ["GET", "POST"] as const) {
        for (const target of order) {
          const key = `${target.name}|${method}`
          const empty = method === "POST" && postStore === "empty" && target.emptyStore !== undefined
          if (empty) await target.emptyStore!()
          const result = await measure(target.pid, () => load(target.url, method, pathFor(target, method)))
          samples.set(key, [...(samples.get(key) ?? []), result])
          if (method === "POST" && target.emptyStore !== undefined) {
            stored = (empty ? 1 : stored) + result.ok
            storedAfterPost.push(stored)
          }
        }
      }
    }
  } finally {
    for (const target of targets) target.stop()
  }

  console.log(
    `\nHTTP on loopback, ${connections} connections, ${rounds} × ${seconds}s per cell, medians; "vs bare": the median of each round's ratio`
  )
  console.log(
    `${"".padEnd(26)}${"method".padEnd(7)}${"req/s".padStart(9)}${"p50 ms".padStart(8)}${"p99 ms".padStart(8)}${
      "vs bare".padStart(9)
    }${"non-2xx".padStart(9)}${"CPU µs/req".padStart(12)}${"client sleeps/req".padStart(19)}`
  )
  const cell = (name: string, method: string) => {
    const list = samples.get(`${name}|${method}`)!
    return {
      rps: median(list.map((x) => x.rps)),
      p50: median(list.map((x) => x.p50)),
      p99: median(list.map((x) => x.p99)),
      errors: list.reduce((n, x) => n + x.errors, 0),
      cpuUs: known(list.map((x) => x.cpuUs)),
      sleeps: known(list.map((x) => x.sleeps))
    }
  }
  // Each round's req/s over the bare server's in the same round.
  const roundRatios = (name: string, method: string) => {
    const bare = samples.get(`bare node:http|${method}`)!
    return samples.get(`${name}|${method}`)!.map((x, r) => x.rps / bare[r].rps)
  }
  const vsBare = (name: string, method: string) => median(roundRatios(name, method))
  for (const target of targets) {
    for (const method of ["GET", "POST"]) {
      const c = cell(target.name, method)
      console.log(
        `${target.name.padEnd(26)}${method.padEnd(7)}${Math.round(c.rps).toString().padStart(9)}${c.p50.toFixed(1).padStart(8)}${c.p99.toFixed(1).padStart(8)}${`${vsBare(target.name, method).toFixed(2)}×`.padStart(9)}${String(c.errors).padStart(9)}${
          (c.cpuUs?.toFixed(1) ?? "—").padStart(12)
        }${(c.sleeps?.toFixed(2) ?? "—").padStart(19)}`
      )
    }
  }
  console.log(
    postStore === "empty"
      ? `POST rounds start from an empty store: the mock held ${Math.max(...storedAfterPost).toLocaleString("en-US")} sessions at most (BENCH_POST_STORE=grow: keep them)`
      : `POST rounds add to the store: the mock held ${storedAfterPost.map((n) => n.toLocaleString("en-US")).join(", ")} sessions after them`
  )
  for (const method of ["GET", "POST"]) {
    const ratios = roundRatios("checkout-kit mock", method).map((x) => `${x.toFixed(2)}×`)
    console.log(`checkout-kit mock ÷ bare, ${method}, round by round: ${ratios.join(", ")}`)
  }
  const mockGet = cell("checkout-kit mock", "GET")
  const mockPost = cell("checkout-kit mock", "POST")
  const targetsMet = [
    ["GET ≥ 0.40× bare", vsBare("checkout-kit mock", "GET") >= 0.4],
    ["POST ≥ 0.30× bare", vsBare("checkout-kit mock", "POST") >= 0.3],
    ["GET p99 < 5 ms", mockGet.p99 < 5],
    ["POST p99 < 15 ms", mockPost.p99 < 15]
  ] as const
  for (const [name, met] of targetsMet) console.log(`${met ? "met    " : "MISSED "} ${name}`)
}

// Authentication: one reused token (a cache hit per request) against the same server with --auth off,
// and a fresh token per request (an ES512 verification per request).
const authentication = async () => {
  const authed = await startMock("on")
  const plain = await startMock("off")
  try {
    const reusedToken = await authed.token!(["*.read"])
    const fresh = await Promise.all(Array.from({ length: 3000 }, () => authed.token!(["*.read"])))
    const off: Array<Result> = []
    const reused: Array<Result> = []
    await load(plain.url, "GET", plain.getPath, { seconds: warmUp })
    await load(authed.url, "GET", authed.getPath, { authorization: `Bearer ${reusedToken}`, seconds: warmUp })
    // Rounds in pairs, the order alternating, and the ratio taken per pair: the host's speed drifts over a run,
    // less within a pair.
    for (let r = 0; r < rounds; r++) {
      const offRound = () => load(plain.url, "GET", plain.getPath)
      const reusedRound = () => load(authed.url, "GET", authed.getPath, { authorization: `Bearer ${reusedToken}` })
      if (r % 2 === 0) {
        off.push(await offRound())
        reused.push(await reusedRound())
      } else {
        reused.push(await reusedRound())
        off.push(await offRound())
      }
    }
    const freshResult = await load(authed.url, "GET", authed.getPath, { tokens: fresh })
    const offRps = median(off.map((x) => x.rps))
    const reusedRps = median(reused.map((x) => x.rps))
    const ratio = median(off.map((x, i) => reused[i].rps / x.rps))
    const freshRps = freshResult.rps
    console.log(`\nauthentication (GET, ${connections} connections)`)
    console.log(`  --auth off                    ${Math.round(offRps).toString().padStart(7)} req/s`)
    console.log(
      `  one reused ES512 token        ${Math.round(reusedRps).toString().padStart(7)} req/s  ${ratio.toFixed(2)}× auth off, median of ${rounds} paired rounds  (non-2xx: ${reused.reduce((n, x) => n + x.errors, 0)})`
    )
    console.log(
      `  a fresh token per request     ${Math.round(freshRps).toString().padStart(7)} req/s  ≈ ${(1000 / freshRps - 1000 / reusedRps).toFixed(2)} ms of verification per request (non-2xx: ${freshResult.errors})`
    )
    console.log(`${ratio >= 0.9 ? "met    " : "MISSED "} reused token ≥ 0.9× auth off`)
  } finally {
    authed.stop()
    plain.stop()
  }
}

// Memory, with the server's heap settings and with V8's defaults.
const memory = () => {
  const tuned = fill(true)
  const defaults = fill(false)
  console.log(
    `\nmemory store, ${tuned.count.toLocaleString("en-US")} full seed sessions (wire JSON ${mb(tuned.bytes).trim()}, ${
      (tuned.bytes / tuned.count).toFixed(0)
    } B each)`
  )
  for (const [name, m] of [[`server heap (${tuned.heapSettings})`, tuned], ["V8 default heap", defaults]] as const) {
    console.log(
      `  ${name.padEnd(44)} RSS growth ${mb(m.rss)} = ${(m.rss / m.bytes).toFixed(2)}× the JSON   heap used +${mb(m.heap).trim()}`
    )
  }
  console.log(`  server heap ÷ V8 default heap: ${(tuned.rss / defaults.rss).toFixed(2)}× the RSS growth`)
  console.log(`${tuned.rss <= 400 * 1024 * 1024 ? "met    " : "MISSED "} RSS growth ≤ 400 MB`)
}

// A hostile body: 1 MB of empty cart items (every one invalid) posted while another connection asks for /health
// in a loop. The figure is the slowest /health answer during each such request (the event loop's longest stall).
const hostile = async () => {
  const mock = await startMock()
  const body = `{"cart_items":[${Array(Math.floor((1024 * 1024 - 32) / 3)).fill("{}").join(",")}]}`
  const stalls: Array<number> = []
  const answers: Array<number> = []
  try {
    for (let r = 0; r < 1 + 5; r++) {
      const state = { done: false }
      const start = performance.now()
      const invalid = fetch(`${mock.url}/checkout/sessions`, { method: "POST", body }).then(async (response) => {
        await response.text()
        if (response.status !== 400) throw new Error(`a 1 MB invalid body answered ${response.status}`)
        state.done = true
        return performance.now() - start
      })
      let slowest = 0
      while (!state.done) {
        const t = performance.now()
        await fetch(`${mock.url}/health`).then((response) => response.text())
        slowest = Math.max(slowest, performance.now() - t)
      }
      const answered = await invalid
      // The first round warms the JIT up.
      if (r > 0) {
        stalls.push(slowest)
        answers.push(answered)
      }
    }
  } finally {
    mock.stop()
  }
  console.log(`
a 1 MB invalid body (${body.length.toLocaleString("en-US")} bytes of empty cart items), medians of ${stalls.length}`)
  console.log(`  answered 400 in ${median(answers).toFixed(0)} ms (sending included)`)
  console.log(`  slowest /health answer meanwhile ${median(stalls).toFixed(0)} ms`)
  console.log(`${median(stalls) < 100 ? "met    " : "MISSED "} /health < 100 ms during a 1 MB invalid body`)
}

// The CPU time of processes together (ms), when every one is known.
const cpuOf = (pids: ReadonlyArray<number | undefined>) => {
  const each = pids.map(cpuMs)
  return each.every((x) => x !== undefined) ? each.reduce((a, b) => a + b, 0) : undefined
}
// PostgreSQL: one replica against the memory store, and two replicas on one database driven together (each with
// its own load generator's connections), on a throwaway cluster (Debian's postgresql binaries; PostgreSQL's
// default durability settings but for fsync, as the test clusters). Rounds interleaved, medians.
const postgres = async () => {
  const pg = await startPostgresOrSkip()
  if (pg === undefined) return
  const url = await pg.createDatabase("bench")
  const targets: Array<Target> = []
  try {
    const mem = await startMock("off", "memory", "memory store")
    targets.push(mem)
    const one = await startMock("off", url, "PostgreSQL, 1 replica")
    targets.push(one)
    const other = await startMock("off", url, "PostgreSQL, replica 2")
    targets.push(other)
    type Cell = "memory" | "one" | "two"
    interface Sample {
      readonly rps: number
      /** CPU time per request (µs) of the mock processes and of PostgreSQL's (Linux). */
      readonly mockUs: number | undefined
      readonly pgUs: number | undefined
      /** The share of the machine's cores busy during the round (load generator, mocks, PostgreSQL, the rest). */
      readonly busy: number | undefined
    }
    const samples = new Map<string, Array<Sample>>()
    const add = (cell: Cell, method: string, sample: Sample) =>
      samples.set(`${cell}|${method}`, [...(samples.get(`${cell}|${method}`) ?? []), sample])
    const run = async (cell: Cell, method: "GET" | "POST", options: { readonly seconds?: number } = {}): Promise<Sample> => {
      if (method === "POST") {
        // From an empty store each time (one replica's reset empties the shared database).
        await (cell === "memory" ? mem : one).emptyStore!()
      }
      const mocks = cell === "memory" ? [mem] : cell === "one" ? [one] : [one, other]
      const pgPids = pg.pids()
      const mock0 = cpuOf(mocks.map((t) => t.pid))
      const pg0 = cpuOf(pgPids)
      const machine0 = machineCpu()
      // Two replicas share the database: both read the first one's GET session.
      const results = await Promise.all(mocks.map((t) => load(t.url, method, pathFor(mocks[0], method), options)))
      const requests = results.reduce((sum, r) => sum + r.total, 0)
      return {
        rps: results.reduce((sum, r) => sum + r.rps, 0),
        mockUs: perRequest(mock0, cpuOf(mocks.map((t) => t.pid)), requests),
        pgUs: cell === "memory" ? undefined : perRequest(pg0, cpuOf(pgPids), requests),
        busy: busyFraction(machine0, machineCpu())
      }
    }
    const cells = ["memory", "one", "two"] as const
    for (const cell of cells) for (const method of ["GET", "POST"] as const) await run(cell, method, { seconds: warmUp })
    for (let r = 0; r < rounds; r++) {
      for (const cell of cells) for (const method of ["GET", "POST"] as const) add(cell, method, await run(cell, method))
    }
    const rps = (cell: Cell, method: string) => median(samples.get(`${cell}|${method}`)!.map((x) => x.rps))
    const medianOf = (cell: Cell, method: string, key: "mockUs" | "pgUs" | "busy") => {
      const xs = samples.get(`${cell}|${method}`)!.map((x) => x[key])
      return xs.every((x) => x !== undefined) ? median(xs) : undefined
    }
    const us = (cell: Cell, method: string, key: "mockUs" | "pgUs") => medianOf(cell, method, key)?.toFixed(0) ?? "—"
    const busy = (cell: Cell, method: string) => {
      const fraction = medianOf(cell, method, "busy")
      return fraction === undefined ? "—" : `${Math.round(fraction * 100)}%`
    }
    console.log(`\nPostgreSQL store, ${connections} connections per replica, ${rounds} × ${seconds}s per cell, medians`)
    console.log(`${"".padEnd(26)}${"method".padEnd(7)}${"req/s".padStart(9)}${"mock CPU µs/req".padStart(17)}${"PostgreSQL CPU µs/req".padStart(23)}${"cores busy".padStart(12)}`)
    for (const [cell, label] of [["memory", "memory store"], ["one", "PostgreSQL, 1 replica"], ["two", "PostgreSQL, 2 replicas"]] as const) {
      for (const method of ["GET", "POST"] as const) {
        console.log(
          `${label.padEnd(26)}${method.padEnd(7)}${Math.round(rps(cell, method)).toString().padStart(9)}${us(cell, method, "mockUs").padStart(17)}${us(cell, method, "pgUs").padStart(23)}${busy(cell, method).padStart(12)}`
        )
      }
    }
    const ratios = [
      ["1 replica POST ÷ memory POST", rps("one", "POST") / rps("memory", "POST"), 0.5],
      ["1 replica GET ÷ memory GET", rps("one", "GET") / rps("memory", "GET"), 0.7],
      ["2 replicas POST ÷ 1 replica POST", rps("two", "POST") / rps("one", "POST"), 1.5],
      ["2 replicas GET ÷ 1 replica GET", rps("two", "GET") / rps("one", "GET"), 1.5]
    ] as const
    for (const [name, ratio, target] of ratios) {
      console.log(`${ratio >= target ? "met    " : "MISSED "} ${name}: ${ratio.toFixed(2)}× (target ≥ ${target}×)`)
    }
    // What the machine leaves for a second replica: the cores one replica's run left idle, at one replica's cost
    // per request (an estimate: a busier PostgreSQL and load generator batch more and cost a little less per
    // request, a second replica adds contention).
    for (const method of ["GET", "POST"] as const) {
      const fraction = medianOf("one", method, "busy")
      if (fraction !== undefined && fraction > 0) {
        console.log(
          `headroom 2 replicas ÷ 1 replica ${method} on this machine: about ${(1 / fraction).toFixed(2)}× ` +
            `(${Math.round(fraction * 100)}% of its ${availableParallelism()} cores busy with one replica)`
        )
      }
    }
  } finally {
    for (const target of targets) target.stop()
    await pg.dispose()
  }
}


// Transactions: POST /transactions paying with a checkout session's card data, beside POST /checkout/sessions of
// the full seed body (the HTTP section's POST), on one mock in one run; the target: ≥ 0.8× its req/s. Each
// transaction pays with a session of its own, created and given card data (`/fields`) before the round, so no
// round depends on whether a session's card data pays once or again; a load sends exactly BENCH_TX_REQUESTS
// requests (default 20,000) and the sessions' load as many, the two back to back, their order alternating.
const transactions = async () => {
  const mock = await startMock()
  const requests = Number(process.env.BENCH_TX_REQUESTS ?? 20_000)
  const expiry = `12/${String((new Date().getUTCFullYear() + 3) % 100).padStart(2, "0")}`
  const card = JSON.stringify({
    payment_method: { method: "card", number: "4111111111111111", expiration_date: expiry, security_code: "123" }
  })
  const json = { "content-type": "application/json" }
  const sessionWithCard = async () => {
    const created = await fetch(`${mock.url}/checkout/sessions`, { method: "POST", body: "{}", headers: json })
    if (created.status !== 201) throw new Error(`POST /checkout/sessions answered ${created.status}`)
    const { id } = (await created.json()) as { id: string }
    const fields = await fetch(`${mock.url}/checkout/sessions/${id}/fields`, { method: "PUT", body: card, headers: json })
    if (fields.status !== 204) throw new Error(`PUT /checkout/sessions/${id}/fields answered ${fields.status}`)
    return id
  }
  // One transaction body per session: what the official SDK sends (its six booleans with their defaults).
  const transactionBodies = async (count: number) => {
    const ids: Array<string> = []
    for (let i = 0; i < count; i += connections) {
      ids.push(...await Promise.all(Array.from({ length: Math.min(connections, count - i) }, sessionWithCard)))
    }
    return ids.map((id) =>
      JSON.stringify({
        amount: 1299,
        currency: "USD",
        country: "US",
        intent: "authorize",
        payment_method: { method: "checkout-session", id },
        store: false,
        is_subsequent_payment: false,
        merchant_initiated: false,
        async_capture: false,
        account_funding_transaction: false,
        allow_partial_authorization: false
      })
    )
  }
  const sessionBodies = Array.from({ length: requests }, () => fullBody)
  const cells = {
    "POST /checkout/sessions": async () => () => load(mock.url, "POST", "/checkout/sessions", { bodies: sessionBodies }),
    "POST /transactions": async () => {
      const bodies = await transactionBodies(requests)
      return () => load(mock.url, "POST", "/transactions", { bodies })
    }
  }
  type Cell = keyof typeof cells
  const names = Object.keys(cells) as Array<Cell>
  const samples = new Map<Cell, Array<Result>>()
  try {
    // Warm-up, not measured.
    for (const name of names) {
      const run = await cells[name]()
      await run()
    }
    for (let r = 0; r < rounds; r++) {
      // Both loads' requests are ready before either runs: preparing sessions between them would heat the machine
      // for one side only.
      const runs = new Map<Cell, () => Promise<Result>>()
      for (const name of names) runs.set(name, await cells[name]())
      for (const name of alternating(names, r)) {
        samples.set(name, [...(samples.get(name) ?? []), await measure(mock.pid, runs.get(name)!)])
      }
    }
  } finally {
    mock.stop()
  }
  console.log(`\ntransactions: ${requests.toLocaleString("en-US")} requests per load, ${connections} connections, ${rounds} rounds, medians`)
  for (const name of names) {
    const list = samples.get(name)!
    console.log(
      `  ${name.padEnd(26)}${Math.round(median(list.map((x) => x.rps))).toString().padStart(7)} req/s  p50 ${
        median(list.map((x) => x.p50)).toFixed(1)
      } ms  p99 ${median(list.map((x) => x.p99)).toFixed(1)} ms  CPU ${known(list.map((x) => x.cpuUs))?.toFixed(1) ?? "—"} µs/req  non-2xx ${
        list.reduce((n, x) => n + x.errors, 0)
      }`
    )
  }
  const ratios = samples.get("POST /transactions")!.map((x, r) => x.rps / samples.get("POST /checkout/sessions")![r].rps)
  const ratio = median(ratios)
  console.log(`  round by round: ${ratios.map((x) => `${x.toFixed(2)}×`).join(", ")}`)
  const cpu = (name: Cell) => known(samples.get(name)!.map((x) => x.cpuUs))
  const sessionsCpu = cpu("POST /checkout/sessions")
  const transactionsCpu = cpu("POST /transactions")
  if (sessionsCpu !== undefined && transactionsCpu !== undefined) {
    // The steadier figure on a shared machine: what one request costs the server.
    console.log(`  CPU per request, sessions ÷ transactions: ${(sessionsCpu / transactionsCpu).toFixed(2)}×`)
  }
  console.log(`${ratio >= 0.8 ? "met    " : "MISSED "} POST /transactions ≥ 0.8× POST /checkout/sessions: ${ratio.toFixed(2)}×`)
}

const sections = { http, authentication, memory, hostile, postgres, transactions } as const
const only = (process.env.BENCH_ONLY ?? "http,authentication,memory,hostile,postgres,transactions").split(",")
for (const name of only) {
  if (!(name in sections)) throw new Error(`BENCH_ONLY: no section ${name} (${Object.keys(sections).join(", ")})`)
}
for (const [name, section] of Object.entries(sections)) if (only.includes(name)) await section()
rmSync(dataDir, { recursive: true, force: true })
