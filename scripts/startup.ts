/**
 * Start-up timing for the packages' benches, side by side in one run with
 * Node's own floor: how long a command takes to exit (`checkout-kit --help`
 * against `node -e 0`), and how long a server takes from spawn to its first
 * `/health` answer (the mock against a bare `node:http` server started the
 * same way). Rounds are interleaved, medians compared.
 */
import { spawn } from "node:child_process"
import { once } from "node:events"

const median = (values: ReadonlyArray<number>) => {
  const sorted = values.toSorted((a, b) => a - b)
  return sorted[Math.floor(sorted.length / 2)]
}

/** Milliseconds from spawn to exit (exit code 0 required). */
export const timeExit = async (command: string, args: ReadonlyArray<string>): Promise<number> => {
  const start = performance.now()
  const child = spawn(command, args, { stdio: ["ignore", "ignore", "inherit"] })
  const [code] = await once(child, "exit")
  if (code !== 0) throw new Error(`${[command, ...args].join(" ")} exited ${code}`)
  return performance.now() - start
}

/** Milliseconds from spawn to the first 200 of `/health`; the server prints `listening on <url>` once bound. */
export const timeHealth = async (command: string, args: ReadonlyArray<string>): Promise<number> => {
  const start = performance.now()
  const child = spawn(command, args, { stdio: ["ignore", "pipe", "inherit"] })
  try {
    let out = ""
    let match: RegExpExecArray | null = null
    while ((match = /listening on (http:\/\/\S+)/.exec(out)) === null) {
      const [chunk] = await Promise.race([once(child.stdout!, "data"), once(child, "exit").then(() => {
        throw new Error(`${command} exited before listening: ${out}`)
      })])
      out += chunk
    }
    const response = await fetch(`${match[1]}/health`)
    if (response.status !== 200) throw new Error(`/health answered ${response.status}`)
    await response.arrayBuffer()
    return performance.now() - start
  } finally {
    child.kill("SIGKILL")
    await once(child, "exit").catch(() => undefined)
  }
}

/**
 * Runs `rounds` interleaved rounds of `subject` and `baseline` (after one
 * warm-up of each: the compile cache, the OS's file cache), prints both
 * medians and their ratio against `target`, and answers the ratio.
 */
export const compare = async (
  label: string,
  subject: { readonly name: string; readonly run: () => Promise<number> },
  baseline: { readonly name: string; readonly run: () => Promise<number> },
  options: { readonly rounds: number; readonly target: number }
) => {
  await subject.run()
  await baseline.run()
  const subjectTimes: Array<number> = []
  const baselineTimes: Array<number> = []
  for (let round = 0; round < options.rounds; round++) {
    baselineTimes.push(await baseline.run())
    subjectTimes.push(await subject.run())
  }
  const ratio = median(subjectTimes) / median(baselineTimes)
  const verdict = ratio <= options.target ? "within" : "ABOVE"
  console.log(
    `${label}: ${subject.name} ${median(subjectTimes).toFixed(0)} ms, ${baseline.name} ${
      median(baselineTimes).toFixed(0)
    } ms (medians of ${options.rounds}) — ${ratio.toFixed(2)}×, ${verdict} the ${options.target}× target`
  )
  return ratio
}
