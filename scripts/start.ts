/**
 * The root `start` script: runs the mock server (`apps/mock-server/src/bin.ts`
 * with the arguments given) and stops it when it is stopped.
 *
 * `npx pnpm start` puts three processes between the caller and this script:
 * npm's `exec`, a `sh -c pnpm`, and pnpm. A SIGTERM to npm's `exec` (`npx
 * pnpm start & … kill $!` in CI) reaches the `sh`, which dies without passing
 * it on: pnpm and the server would live on, orphaned, holding the port. So
 * besides forwarding SIGINT, SIGTERM and SIGHUP to the server, this script
 * watches pnpm: once pnpm's parent is gone (pnpm was orphaned), it stops the
 * server as a SIGTERM would (in-flight requests finish, exit 0). The watch
 * reads `/proc` (Linux); elsewhere only the forwarding applies.
 */
import { spawn } from "node:child_process"
import { readFileSync } from "node:fs"

const bin = new URL("../apps/mock-server/src/bin.ts", import.meta.url).pathname
const server = spawn(process.execPath, [bin, ...process.argv.slice(2)], { stdio: "inherit" })

const stop = (signal: NodeJS.Signals) => {
  if (server.exitCode === null && server.signalCode === null) server.kill(signal)
}
for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) process.on(signal, () => stop(signal))

// A process's parent and command line, from /proc; undefined when it is gone or there is no /proc.
const processInfo = (pid: number) => {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8")
    // `pid (comm) state ppid ...`: comm may hold spaces and parentheses, so split after its last `)`.
    const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1])
    const cmdline = readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0").join(" ")
    return { ppid, cmdline }
  } catch {
    return undefined
  }
}

// The nearest ancestor running pnpm (or npm), and its parent now.
const launcher = (() => {
  for (let pid = process.ppid, depth = 0; pid > 1 && depth < 8; depth++) {
    const info = processInfo(pid)
    if (info === undefined) return undefined
    if (/\b(pnpm|npm)(\.c?js)?\b/.test(info.cmdline)) return { pid, ppid: info.ppid }
    pid = info.ppid
  }
  return undefined
})()

if (launcher !== undefined) {
  const watch = setInterval(() => {
    const info = processInfo(launcher.pid)
    if (info === undefined || info.ppid !== launcher.ppid) {
      clearInterval(watch)
      stop("SIGTERM")
    }
  }, 500)
  watch.unref()
  server.on("exit", () => clearInterval(watch))
}

server.on("exit", (code, signal) => {
  process.exitCode = code ?? (signal === null ? 1 : 128 + (signal === "SIGINT" ? 2 : signal === "SIGHUP" ? 1 : 15))
})
