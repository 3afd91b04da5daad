/**
 * Loads and paired rounds: one load of a server (autocannon, 50 connections)
 * with the server's CPU time per request around it, and rounds in which the
 * sides compared run right beside one another, their order alternating from
 * round to round, so that a drift of a shared machine's speed falls on both
 * sides of a round and a round's ratio compares loads seconds apart.
 */
import autocannon from "autocannon"
import { readFileSync } from "node:fs"
import { fullBody } from "./servers.ts"

export const connections = 50

/** Seconds per measured load (BENCH_SECONDS, default 4) and rounds (BENCH_ROUNDS, default 3). */
export const seconds = Number(process.env.BENCH_SECONDS ?? 4)
export const rounds = Number(process.env.BENCH_ROUNDS ?? 3)
/** Seconds of each cell's warm-up, not measured. */
export const warmUp = 1

export const median = (xs: ReadonlyArray<number>) => xs.toSorted((a, b) => a - b)[Math.floor((xs.length - 1) / 2)]

export interface Result {
  readonly rps: number
  readonly p50: number
  readonly p99: number
  readonly errors: number
  readonly total: number
  /** Answers with a 2xx status. */
  readonly ok: number
  /** Server CPU time per request, µs (Linux). */
  readonly cpuUs?: number | undefined
  /** Times the load generator slept waiting for answers, per request (Linux). */
  readonly sleeps?: number | undefined
}

/** Linux: CPU time of a process (user + system, ms); elsewhere undefined. */
export const cpuMs = (pid: number | undefined): number | undefined => {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1].split(" ")
    return (Number(fields[11]) + Number(fields[12])) * (1000 / 100)
  } catch {
    return undefined
  }
}

/** CPU µs per request between two readings of CPU ms. */
export const perRequest = (before: number | undefined, after: number | undefined, requests: number) =>
  before === undefined || after === undefined ? undefined : ((after - before) * 1000) / requests

// Linux: this process's voluntary context switches (the load generator going to sleep while it waits for answers).
const sleeps = (): number | undefined => {
  try {
    return Number(/voluntary_ctxt_switches:\s+(\d+)/.exec(readFileSync("/proc/self/status", "utf8"))![1])
  } catch {
    return undefined
  }
}

/** One load, with the server's CPU time and the load generator's sleeps around it. */
export const measure = async (pid: number | undefined, run: () => Promise<Result>): Promise<Result> => {
  const cpu0 = cpuMs(pid)
  const sleeps0 = sleeps()
  const result = await run()
  const sleeps1 = sleeps()
  return {
    ...result,
    cpuUs: perRequest(cpu0, cpuMs(pid), result.total),
    sleeps: sleeps0 === undefined || sleeps1 === undefined ? undefined : (sleeps1 - sleeps0) / result.total
  }
}

/**
 * `connections` connections sending `method` to `url + path` for `seconds` (a POST sends the full seed body), or
 * one request per token of `tokens`, each with its own (so each costs a verification), or one request per body
 * of `bodies` (each sent once: a body naming a resource only it may use).
 */
export const load = (
  url: string,
  method: "GET" | "POST",
  path: string,
  options: {
    readonly authorization?: string
    readonly tokens?: ReadonlyArray<string>
    readonly bodies?: ReadonlyArray<string>
    readonly seconds?: number
  } = {}
) =>
  new Promise<Result>((resolve, reject) => {
    let next = 0
    const each = options.tokens !== undefined
      ? {
        amount: options.tokens.length,
        requests: [{
          setupRequest: (request: any) => ({
            ...request,
            headers: { ...request.headers, authorization: `Bearer ${options.tokens![next++]}` }
          })
        }]
      }
      : options.bodies !== undefined
      ? {
        amount: options.bodies.length,
        requests: [{ setupRequest: (request: any) => ({ ...request, body: options.bodies![next++] }) }]
      }
      : { duration: options.seconds ?? seconds }
    const started = performance.now()
    let lastAnswer = started
    const instance = autocannon(
      {
        url: `${url}${path}`,
        method,
        connections,
        headers: { "content-type": "application/json", authorization: options.authorization ?? "Bearer bench" },
        ...(method === "POST" ? { body: fullBody } : {}),
        ...each
      },
      (error, result) => {
        if (error) return reject(error)
        resolve({
          // A load of a fixed number of requests lasts a few seconds: its rate from its count and the time to its
          // last answer. autocannon's mean of whole seconds' counts, its duration, even its callback's time are all
          // whole seconds (it ends such a load on its one-second tick).
          rps: "duration" in each ? result.requests.average : result.requests.total / ((lastAnswer - started) / 1000),
          p50: result.latency.p50,
          p99: result.latency.p99,
          errors: result.non2xx + result.errors + result.timeouts,
          total: result.requests.total,
          ok: result["2xx"]
        })
      }
    )
    if (!("duration" in each)) instance.on("response", () => void (lastAnswer = performance.now()))
  })

/** The sides in a round's order: as given in even rounds, reversed in odd ones. */
export const alternating = <A>(sides: ReadonlyArray<A>, round: number): ReadonlyArray<A> =>
  round % 2 === 0 ? sides : sides.toReversed()

/**
 * `rounds` rounds of every cell (a method, a store: what is measured) on every side (the servers compared): within
 * a round each cell runs on all sides one after the other, in `alternating` order. Answers each cell's results
 * per side, round by round.
 */
export const pairedRounds = async <Cell extends string, Side extends string, R>(options: {
  readonly rounds: number
  readonly cells: ReadonlyArray<Cell>
  readonly sides: ReadonlyArray<Side>
  readonly run: (cell: Cell, side: Side, round: number) => Promise<R>
}): Promise<(cell: Cell, side: Side) => ReadonlyArray<R>> => {
  const samples = new Map<string, Array<R>>()
  for (let round = 0; round < options.rounds; round++) {
    for (const cell of options.cells) {
      for (const side of alternating(options.sides, round)) {
        const result = await options.run(cell, side, round)
        const key = `${cell}|${side}`
        samples.set(key, [...(samples.get(key) ?? []), result])
      }
    }
  }
  return (cell, side) => samples.get(`${cell}|${side}`) ?? []
}

/** The median of the rounds' ratios `of(a) / of(b)`, round by round. */
export const ratioOfRounds = <R>(a: ReadonlyArray<R>, b: ReadonlyArray<R>, of: (r: R) => number): number =>
  median(a.map((x, i) => of(x) / of(b[i])))
