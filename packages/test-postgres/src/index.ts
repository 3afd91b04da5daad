/**
 * A throwaway PostgreSQL cluster for one test file: `initdb` into a temporary
 * directory (as the `postgres` user when the tests run as root: PostgreSQL
 * refuses to run as root), trust authentication, a free port on 127.0.0.1 and
 * the socket in the same directory. `dispose` stops it and removes the
 * directory. The binaries are Debian's (`/usr/lib/postgresql/<version>/bin`,
 * installed by `.ci/run` when missing) or those on the PATH.
 */
import { execFile } from "node:child_process"
import { chownSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs"
import { createServer } from "node:net"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { promisify } from "node:util"

const run = promisify(execFile)

const binDir = (): string => {
  const root = "/usr/lib/postgresql"
  const versions = existsSync(root) ? readdirSync(root).filter((v) => /^\d+$/.test(v)).toSorted((a, b) => Number(b) - Number(a)) : []
  for (const version of versions) {
    const dir = join(root, version, "bin")
    if (existsSync(join(dir, "initdb"))) return dir
  }
  throw new Error(
    "PostgreSQL's initdb was not found under /usr/lib/postgresql/<version>/bin: install Debian's postgresql package " +
      "(.ci/run does it when it runs as root)"
  )
}

/** A port nothing listens on: taken from the system on 127.0.0.1, then released. */
export const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const server = createServer()
    server.once("error", reject)
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number }
      server.close(() => resolve(port))
    })
  })

const asRoot = process.getuid?.() === 0

export interface TestPostgres {
  readonly port: number
  /** The data directory (the tests search its files for card data). */
  readonly dataDir: string
  /** A URL of a fresh, empty database on the cluster. */
  readonly createDatabase: (name: string) => Promise<string>
  /** Runs a PostgreSQL client program (psql, pg_dump, …) against the cluster; answers its stdout. */
  readonly client: (program: string, args: ReadonlyArray<string>) => Promise<string>
  /** `pg_ctl stop` (fast: open connections are closed) and `pg_ctl start`, as an operator would. */
  readonly stop: () => Promise<void>
  readonly start: () => Promise<void>
  /**
   * SIGSTOP (or SIGCONT) to every process of the cluster: a database that keeps its connections open and
   * answers nothing, as behind a network partition.
   */
  readonly signal: (signal: "SIGSTOP" | "SIGCONT") => void
  /** The process ids of the cluster: the postmaster, then its children (backends, WAL writer, …). */
  readonly pids: () => ReadonlyArray<number>
  readonly dispose: () => Promise<void>
}

export const startPostgres = async (): Promise<TestPostgres> => {
  const bin = binDir()
  const dir = mkdtempSync(join(tmpdir(), "checkout-mock-pg-"))
  const dataDir = join(dir, "data")
  const log = join(dir, "log")
  if (asRoot) {
    const uid = Number((await run("id", ["-u", "postgres"])).stdout.trim())
    const gid = Number((await run("id", ["-g", "postgres"])).stdout.trim())
    chownSync(dir, uid, gid)
  }
  // As root, PostgreSQL's programs run as the postgres user.
  const exec = async (program: string, args: ReadonlyArray<string>) => {
    const [file, argv] = asRoot
      ? ["runuser", ["-u", "postgres", "--", join(bin, program), ...args]]
      : [join(bin, program), [...args]]
    try {
      return (await run(file, argv, { cwd: dir, maxBuffer: 256 * 1024 * 1024 })).stdout
    } catch (e) {
      const logText = existsSync(log) ? readFileSync(log, "utf8").slice(-2000) : ""
      throw new Error(`${program} failed: ${(e as Error).message}\n${logText}`, { cause: e })
    }
  }
  const port = await freePort()
  await exec("initdb", ["-D", dataDir, "-A", "trust", "-U", "postgres", "-E", "UTF8", "--locale=C", "--no-sync"])
  const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200`
  const start = async () => void await exec("pg_ctl", ["-D", dataDir, "-l", log, "-w", "-o", options, "start"])
  const stop = async () => void await exec("pg_ctl", ["-D", dataDir, "-m", "fast", "-w", "stop"])
  await start()
  const pids = () => {
    const postmaster = Number(readFileSync(join(dataDir, "postmaster.pid"), "utf8").split("\n")[0])
    const children = readdirSync("/proc").filter((pid) => /^\d+$/.test(pid)).filter((pid) => {
      try {
        return Number(readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1].split(" ")[1]) === postmaster
      } catch {
        return false
      }
    }).map(Number)
    return [postmaster, ...children]
  }
  const client = (program: string, args: ReadonlyArray<string>) =>
    exec(program, ["-h", "127.0.0.1", "-p", String(port), "-U", "postgres", ...args])
  return {
    port,
    dataDir,
    createDatabase: async (name) => {
      await client("createdb", [name])
      return `postgres://postgres@127.0.0.1:${port}/${name}`
    },
    client,
    stop,
    start,
    signal: (signal) => {
      const [postmaster, ...children] = pids()
      // The postmaster first when stopping (it starts no new backend then), last when continuing.
      for (const pid of signal === "SIGSTOP" ? [postmaster, ...children] : [...children, postmaster]) process.kill(pid, signal)
    },
    pids,
    dispose: async () => {
      try {
        await exec("pg_ctl", ["-D", dataDir, "-m", "immediate", "-w", "stop"])
      } catch {
        // Already stopped.
      }
      rmSync(dir, { recursive: true, force: true })
    }
  }
}
