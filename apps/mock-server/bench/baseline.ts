/**
 * The code against itself: the mock server of this working tree beside the
 * mock server of the baseline commit that `BENCHMARKS.md` names (a line
 * `Baseline: <sha>`; `BENCH_BASELINE=<commit>` names another), both started
 * the same way (`--auth off`, `--quiet`), in paired rounds, the order of the
 * sides alternating from round to round:
 *
 * - GET of a stored full seed session and POST of the full seed body on the
 *   memory store (each POST round from an empty store), with a bare
 *   `node:http` server answering the same bytes beside them (information: the
 *   ceiling);
 * - the same through one replica on a throwaway PostgreSQL cluster, each side
 *   on a database of its own (skipped when the binaries are missing, or when
 *   the baseline has no PostgreSQL store).
 *
 * The baseline is checked out as a git worktree in
 * `~/.cache/checkout-kit/bench-baseline/<sha>` (`BENCH_BASELINE_DIR` moves it)
 * and installed there the first time. Printed per cell and side: req/s, p50 and p99 latency, the server's
 * CPU time per request (Linux), then the ratios current ÷ baseline (the median
 * of the rounds' ratios) and the guard: req/s at least 0.95× the baseline's,
 * p99 at most 1.5× its. The guard means something on a quiet machine only, so
 * a FAIL is printed and the bench exits 0, unless `BENCH_GUARD=strict`.
 *
 * BENCH_SECONDS (default 4), BENCH_ROUNDS (default 3),
 * BENCH_CELLS=memory,postgres (default both); BENCH_CURRENT_ARGS adds flags to
 * the current side's server only (e.g. `--journal-size 0`), for experiments.
 */
import { loadavg } from "node:os"
import { load, measure, median, pairedRounds, ratioOfRounds, type Result, rounds, seconds, warmUp } from "./rounds.ts"
import { baselineCommit, checkout, startBare, startMock, startPostgresOrSkip, type Target } from "./servers.ts"

const guard = { rps: 0.95, p99: 1.5 } as const
const strict = process.env.BENCH_GUARD === "strict"
const currentArgs = (process.env.BENCH_CURRENT_ARGS ?? "").split(" ").filter((arg) => arg !== "")
const cellsWanted = (process.env.BENCH_CELLS ?? "memory,postgres").split(",")

const base = checkout(baselineCommit())
const baseName = `baseline ${base.sha.slice(0, 7)}`
const methods = ["GET", "POST"] as const
type Method = typeof methods[number]
const failures: Array<string> = []

const pathFor = (target: Target, method: Method) => method === "GET" ? target.getPath : "/checkout/sessions"

// One measured (or warm-up) load of a target; a POST from an empty store, so every round does the same work.
const run = async (target: Target, method: Method, options: { readonly seconds?: number } = {}) => {
  if (method === "POST") await target.emptyStore?.()
  return measure(target.pid, () => load(target.url, method, pathFor(target, method), options))
}

const fixed = (n: number | undefined, digits: number) => n === undefined ? "—" : n.toFixed(digits)
const ratioText = (x: number) => `${x.toFixed(2)}×`

// The sides' figures, the ratios current ÷ baseline round by round and the guard's verdicts.
const report = (
  title: string,
  sides: ReadonlyArray<Target>,
  samples: (cell: Method, side: string) => ReadonlyArray<Result>
) => {
  console.log(`\n${title}, ${rounds} × ${seconds}s per cell, medians; ratios: the median of each round's ratio`)
  console.log(
    `${"".padEnd(22)}${"method".padEnd(7)}${"req/s".padStart(9)}${"p50 ms".padStart(8)}${"p99 ms".padStart(8)}${
      "non-2xx".padStart(9)
    }${"CPU µs/req".padStart(12)}`
  )
  for (const method of methods) {
    for (const side of sides) {
      const list = samples(method, side.name)
      const cpu = list.map((x) => x.cpuUs)
      console.log(
        `${side.name.padEnd(22)}${method.padEnd(7)}${Math.round(median(list.map((x) => x.rps))).toString().padStart(9)}${
          median(list.map((x) => x.p50)).toFixed(1).padStart(8)
        }${median(list.map((x) => x.p99)).toFixed(1).padStart(8)}${
          String(list.reduce((n, x) => n + x.errors, 0)).padStart(9)
        }${fixed(cpu.every((x) => x !== undefined) ? median(cpu) : undefined, 1).padStart(12)}`
      )
    }
  }
  for (const method of methods) {
    const current = samples(method, "current")
    const baseline = samples(method, baseName)
    const byRound = (of: (r: Result) => number) => current.map((x, i) => ratioText(of(x) / of(baseline[i]))).join(", ")
    const rps = ratioOfRounds(current, baseline, (r) => r.rps)
    const p99 = ratioOfRounds(current, baseline, (r) => r.p99)
    const bare = sides.find((side) => side.name === "bare node:http")
    const vsBare = bare === undefined
      ? ""
      : `   (information: current ${ratioText(ratioOfRounds(current, samples(method, bare.name), (r) => r.rps))} bare node:http)`
    console.log(`${method} current ÷ baseline: req/s ${ratioText(rps)} (${byRound((r) => r.rps)}), p99 ${ratioText(p99)} (${byRound((r) => r.p99)})${vsBare}`)
    for (const [figure, ratio, pass, target] of [
      ["req/s", rps, rps >= guard.rps, `≥ ${guard.rps}×`],
      ["p99", p99, p99 <= guard.p99, `≤ ${guard.p99}×`]
    ] as const) {
      const line = `${title} ${method} ${figure} ${ratioText(ratio)} the baseline's (${target})`
      console.log(`${pass ? "PASS" : "FAIL"}  ${line}`)
      if (!pass) failures.push(line)
    }
  }
}

// Every side warmed up (the JIT compiles the hot paths), then the paired rounds.
const compare = async (title: string, sides: ReadonlyArray<Target>) => {
  for (const side of sides) for (const method of methods) await run(side, method, { seconds: warmUp })
  const samples = await pairedRounds({
    rounds,
    cells: methods,
    sides: sides.map((side) => side.name),
    run: (method, name) => run(sides.find((side) => side.name === name)!, method)
  })
  report(title, sides, samples)
}

const memory = async () => {
  const sides: Array<Target> = []
  try {
    const current = await startMock({ name: "current", args: currentArgs })
    sides.push(current)
    sides.push(await startMock({ root: base.root, name: baseName }))
    sides.push(await startBare(await fetch(`${current.url}${current.getPath}`).then((r) => r.text())))
    await compare("memory store", sides)
  } finally {
    for (const side of sides) side.stop()
  }
}

const postgres = async () => {
  const pg = await startPostgresOrSkip()
  if (pg === undefined) return
  const sides: Array<Target> = []
  try {
    sides.push(await startMock({ name: "current", store: await pg.createDatabase("current"), args: currentArgs }))
    try {
      sides.push(await startMock({ root: base.root, name: baseName, store: await pg.createDatabase("baseline") }))
    } catch (e) {
      console.log(`\npostgres: skipped, the baseline's mock did not start on PostgreSQL (${(e as Error).message.split("\n")[0]})`)
      return
    }
    await compare("PostgreSQL store, 1 replica", sides)
  } finally {
    for (const side of sides) side.stop()
    await pg.dispose()
  }
}

const [load1] = loadavg()
console.log(
  `current working tree against ${baseName} (BENCHMARKS.md's Baseline line, or BENCH_BASELINE); ` +
    `load average ${load1.toFixed(2)} when the run began${currentArgs.length > 0 ? `; current side with ${currentArgs.join(" ")}` : ""}`
)
if (cellsWanted.includes("memory")) await memory()
if (cellsWanted.includes("postgres")) await postgres()
console.log(
  `\nThe guard (req/s ≥ ${guard.rps}× and p99 ≤ ${guard.p99}× the baseline's) means something on a quiet machine only: ` +
    (failures.length === 0
      ? "every figure passed."
      : strict
      ? `${failures.length} FAIL, and BENCH_GUARD=strict: exit 1.`
      : `${failures.length} FAIL; the bench exits 0 (BENCH_GUARD=strict makes a FAIL exit 1).`)
)
if (strict && failures.length > 0) process.exitCode = 1
