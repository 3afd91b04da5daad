/**
 * Command-line flags and their environment equivalents.
 *
 * | flag | env | default |
 * | --- | --- | --- |
 * | `--port N` | `CHECKOUT_MOCK_PORT` | 4010 |
 * | `--host H` | `CHECKOUT_MOCK_HOST` | 127.0.0.1 |
 * | `--store memory` | `CHECKOUT_MOCK_STORE` | memory |
 * | `--no-admin` | `CHECKOUT_MOCK_ADMIN=false` | admin on |
 * | `--quiet` | `CHECKOUT_MOCK_LOG_REQUESTS=false` | one log line per request |
 *
 * Flags win over the environment.
 *
 * @since 0.1.0
 */
import { parseArgs } from "node:util"
import type { ServerOptions } from "./Server.ts"

/**
 * @category models
 * @since 0.1.0
 */
export interface CliOptions extends ServerOptions {
  readonly store: "memory"
}

/**
 * The usage text.
 *
 * @category cli
 * @since 0.1.0
 */
export const usage = `Usage: checkout-mock-server [options]

  --port <n>        port to listen on (env CHECKOUT_MOCK_PORT, default 4010; 0 picks a free one)
  --host <host>     address to bind (env CHECKOUT_MOCK_HOST, default 127.0.0.1)
  --store memory    where sessions live (env CHECKOUT_MOCK_STORE, default memory)
  --no-admin        disable the /_mock/ test controls (env CHECKOUT_MOCK_ADMIN=false)
  --quiet           no per-request log lines (env CHECKOUT_MOCK_LOG_REQUESTS=false)
  --help            this text
`

/**
 * A usage error: the message and the usage are printed, exit code 2.
 *
 * @category errors
 * @since 0.1.0
 */
export class UsageError extends Error {}

const falsy = (value: string | undefined) => value !== undefined && /^(0|false|no|off)$/i.test(value)

/**
 * Parses flags (`argv` without node and the script) and the environment.
 *
 * @category cli
 * @since 0.1.0
 */
export const parse = (argv: ReadonlyArray<string>, env: Record<string, string | undefined>): CliOptions | "help" => {
  let values: Record<string, string | boolean | undefined>
  try {
    values = parseArgs({
      args: [...argv],
      options: {
        port: { type: "string" },
        host: { type: "string" },
        store: { type: "string" },
        "no-admin": { type: "boolean" },
        quiet: { type: "boolean" },
        help: { type: "boolean" }
      },
      strict: true,
      allowPositionals: false
    }).values
  } catch (e) {
    throw new UsageError((e as Error).message)
  }
  if (values.help === true) return "help"
  const portText = (values.port as string | undefined) ?? env.CHECKOUT_MOCK_PORT ?? "4010"
  const port = Number(portText)
  if (!Number.isInteger(port) || port < 0 || port > 65_535) throw new UsageError(`invalid port: ${portText}`)
  const store = (values.store as string | undefined) ?? env.CHECKOUT_MOCK_STORE ?? "memory"
  if (store !== "memory") throw new UsageError(`unknown store: ${store} (available: memory)`)
  return {
    port,
    host: (values.host as string | undefined) ?? env.CHECKOUT_MOCK_HOST ?? "127.0.0.1",
    store,
    admin: values["no-admin"] === true ? false : !falsy(env.CHECKOUT_MOCK_ADMIN),
    logRequests: values.quiet === true ? false : !falsy(env.CHECKOUT_MOCK_LOG_REQUESTS)
  }
}
