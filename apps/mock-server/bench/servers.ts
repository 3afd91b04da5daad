/**
 * The servers a bench drives, each in a process of its own: the mock server of
 * a checkout of this repository (the working tree, or a commit checked out and
 * installed once, see `checkout`), and a bare `node:http` server answering the
 * same bytes (the ceiling).
 */
import { startPostgres, type TestPostgres } from "@checkout-kit/test-postgres"
import { type ChildProcess, execFileSync, spawn } from "node:child_process"
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs"
import { homedir, tmpdir } from "node:os"
import { join } from "node:path"
import { fileURLToPath } from "node:url"
import { fullSeedBody } from "../test/support/seeds.ts"

/** The full seed session's creation body: what every POST of the benches sends. */
export const fullBody = JSON.stringify(fullSeedBody())

/** The root of this checkout (the working tree the bench runs from). */
export const currentRoot = fileURLToPath(new URL("../../../", import.meta.url))

/** A server under load. */
export interface Target {
  readonly name: string
  readonly url: string
  readonly getPath: string
  readonly pid: number | undefined
  readonly stop: () => void
  /** Empties the server's store (keeping the GET session); the stateless servers have none. */
  readonly emptyStore?: () => Promise<void>
}

/** Resolves with the first match of `pattern` in what `child` prints; rejects if it exits first. */
export const waitForLine = (child: ChildProcess, pattern: RegExp) =>
  new Promise<RegExpExecArray>((resolve, reject) => {
    let out = ""
    const onData = (chunk: Buffer) => {
      out += chunk
      const match = pattern.exec(out)
      if (match) {
        child.stdout!.off("data", onData)
        child.stderr!.off("data", onData)
        resolve(match)
      }
    }
    child.stdout!.on("data", onData)
    child.stderr!.on("data", onData)
    child.once("exit", (code) => reject(new Error(`exited (${code}) before it was ready:\n${out}`)))
  })

/** How to start a mock server. */
export interface MockOptions {
  /** The checkout whose `apps/mock-server/src/bin.ts` runs (default: this one). */
  readonly root?: string
  readonly name?: string
  readonly auth?: "off" | "on"
  /** `memory`, or a `postgres://` URL. */
  readonly store?: string
  /** Keys (and databases) go here; by default a temporary directory of its own, removed by `stop`. */
  readonly dataDir?: string
  /** More flags for the executable. */
  readonly args?: ReadonlyArray<string>
  /** More environment variables for it (e.g. `CHECKOUT_MOCK_TUNE_HEAP=false`). */
  readonly env?: Readonly<Record<string, string>>
  /** The headers of the bench's own requests (with `--auth on`, a token signed with the data directory's key). */
  readonly headers?: (dataDir: string) => Promise<Record<string, string>>
}

/** A mock server of a checkout, with one full seed session stored (its path is `getPath`). */
export const startMock = async (options: MockOptions = {}): Promise<Target> => {
  const root = options.root ?? currentRoot
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), "checkout-mock-bench-"))
  const child = spawn(
    process.execPath,
    [
      join(root, "apps/mock-server/src/bin.ts"),
      "--port",
      "0",
      "--quiet",
      "--store",
      options.store ?? "memory",
      "--auth",
      options.auth ?? "off",
      "--data-dir",
      dataDir,
      ...(options.args ?? [])
    ],
    { stdio: "pipe", cwd: root, env: { ...process.env, ...options.env } }
  )
  const [, url] = await waitForLine(child, /listening on (http:\/\/\S+)/)
  const headers = await options.headers?.(dataDir) ?? {}
  const create = async () => {
    const response = await fetch(`${url}/checkout/sessions`, { method: "POST", body: fullBody, headers })
    if (!response.ok) throw new Error(`POST /checkout/sessions answered ${response.status}`)
    return `/checkout/sessions/${((await response.json()) as { id: string }).id}`
  }
  let getPath = await create()
  return {
    name: options.name ?? "checkout-kit mock",
    url,
    get getPath() {
      return getPath
    },
    pid: child.pid,
    stop: () => {
      child.kill()
      // A data directory of its own goes with it.
      if (options.dataDir === undefined) rmSync(dataDir, { recursive: true, force: true })
    },
    emptyStore: async () => {
      const reset = await fetch(`${url}/_mock/reset`, { method: "POST", headers })
      if (!reset.ok) throw new Error(`POST /_mock/reset answered ${reset.status}`)
      getPath = await create()
    }
  }
}

/**
 * The ceiling: `session` (the JSON the mock answers a GET with) from plain `node:http`, no routing, no
 * validation.
 */
export const startBare = async (session: string): Promise<Target> => {
  const script = `
    const http = require("node:http")
    const session = ${JSON.stringify(session)}
    const server = http.createServer((req, res) => {
      const chunks = []
      req.on("data", (c) => chunks.push(c))
      req.on("end", () => {
        res.writeHead(req.method === "POST" ? 201 : 200, { "content-type": "application/json" })
        res.end(session)
      })
    })
    server.listen(0, "127.0.0.1", () => console.log("listening on http://127.0.0.1:" + server.address().port))
  `
  const child = spawn(process.execPath, ["-e", script], { stdio: "pipe" })
  const [, url] = await waitForLine(child, /listening on (http:\/\/\S+)/)
  return {
    name: "bare node:http",
    url,
    getPath: "/checkout/sessions/3c90c3cc-0d44-4b50-8888-8dd25736052a",
    pid: child.pid,
    stop: () => child.kill()
  }
}

/**
 * A throwaway PostgreSQL cluster, or `undefined` (and a line saying why the section is skipped) when it cannot
 * start, as where Debian's `postgresql` binaries are missing.
 */
export const startPostgresOrSkip = async (): Promise<TestPostgres | undefined> => {
  try {
    return await startPostgres()
  } catch (e) {
    console.log(`\npostgres: skipped (${(e as Error).message.split("\n")[0]})`)
    return undefined
  }
}

const git = (args: ReadonlyArray<string>) =>
  execFileSync("git", args, { cwd: currentRoot, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] }).trim()

/** The baseline commit `BENCHMARKS.md` names on a line `Baseline: <sha>`, unless `BENCH_BASELINE` names one. */
export const baselineCommit = (env: Readonly<Record<string, string | undefined>> = process.env): string => {
  if (env.BENCH_BASELINE !== undefined && env.BENCH_BASELINE !== "") return env.BENCH_BASELINE
  const text = readFileSync(fileURLToPath(new URL("../BENCHMARKS.md", import.meta.url)), "utf8")
  const match = /^Baseline: `?([0-9a-f]{7,40})`?/m.exec(text)
  if (match === null) throw new Error("BENCHMARKS.md names no baseline commit (a line `Baseline: <sha>`)")
  return match[1]
}

/**
 * Where the baseline checkouts go: `BENCH_BASELINE_DIR`, or `checkout-kit/bench-baseline` in the user's cache
 * directory. Outside this repository, as Node strips TypeScript types nowhere under a `node_modules` folder (the
 * checkout's `.ts` would not run there), and no tool of this repository should find a second copy of it.
 */
export const baselineDir = (env: Readonly<Record<string, string | undefined>> = process.env): string =>
  env.BENCH_BASELINE_DIR ?? join(env.XDG_CACHE_HOME ?? join(homedir(), ".cache"), "checkout-kit/bench-baseline")

/**
 * A checkout of `commit` with its dependencies installed, for its mock server: a git worktree in
 * `baselineDir()/<full sha>`, made and installed the first time, reused after.
 */
export const checkout = (commit: string): { readonly root: string; readonly sha: string } => {
  const sha = git(["rev-parse", "--verify", `${commit}^{commit}`])
  const root = join(baselineDir(), sha)
  if (!existsSync(join(root, "node_modules/.modules.yaml"))) {
    if (!existsSync(join(root, ".git"))) {
      console.log(`checking ${sha.slice(0, 7)} out into ${root} (once)...`)
      mkdirSync(join(root, ".."), { recursive: true })
      // A worktree whose directory was deleted stays registered until pruned.
      git(["worktree", "prune"])
      git(["worktree", "add", "--detach", root, sha])
    }
    console.log(`installing ${sha.slice(0, 7)}'s dependencies (once)...`)
    execFileSync("npx", ["-y", "pnpm@12.21.0", "install", "--frozen-lockfile"], { cwd: root, stdio: "ignore" })
  }
  return { root, sha }
}
