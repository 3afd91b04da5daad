/**
 * `checkout-mock-server`: runs the mock server until SIGINT or SIGTERM, then
 * stops accepting connections, lets in-flight requests finish (for up to
 * `--shutdown-grace` seconds, then answers them 503) and exits 0.
 *
 * @since 0.1.0
 */
import { NodeRuntime } from "@effect/platform-node"
import { Cause, Effect, Exit, Layer, Runtime } from "effect"
import { HttpServer } from "effect/http"
import * as Cli from "./Cli.ts"
import * as Heap from "./Heap.ts"
import * as Server from "./Server.ts"
import { StartupError } from "./StartupError.ts"
import * as Token from "./Token.ts"

if (process.argv[2] === "token") {
  try {
    process.exit(await Token.main(process.argv.slice(3), process.env))
  } catch (e) {
    // A usage error (unknown flag, bad value): one line and the help to read, as every Checkout Kit command line.
    process.stderr.write(`checkout-mock-server token: ${(e as Error).message}\nsee 'checkout-mock-server --help'\n`)
    process.exit(2)
  }
}

Heap.tuneFromEnv(process.env)

// A failure the user can fix: its one or two lines, no stack, exit 1.
const stop = (message: string): never => {
  process.stderr.write(`checkout-mock-server: ${message}\n`)
  process.exit(1)
}

let options: Cli.CliOptions | "help"
try {
  options = Cli.parse(process.argv.slice(2), process.env)
} catch (e) {
  if (e instanceof StartupError) stop(e.message)
  if (!(e instanceof Cli.UsageError)) throw e
  // One line naming the error and the help to read, as every Checkout Kit command line (not the whole usage).
  process.stderr.write(`checkout-mock-server: ${e.message}\nsee 'checkout-mock-server --help'\n`)
  process.exit(2)
}
if (options === "help") {
  process.stdout.write(Cli.usage)
  process.exit(0)
}

const serverOptions = options
const exposure = Cli.exposureWarning(serverOptions)
if (exposure !== undefined) process.stderr.write(`checkout-mock-server: ${exposure}\n`)
const announce = Layer.effectDiscard(
  HttpServer.addressFormattedWith((url) =>
    Effect.sync(() =>
      process.stdout.write(
        `checkout-mock-server listening on ${url} (store: ${Cli.describeStore(serverOptions.store)}, auth: ${
          serverOptions.auth.kind === "off" ? "off" : "bearer tokens"
        }, admin: ${serverOptions.admin ? "on" : "off"})\n` +
          (serverOptions.privateKeyPath === undefined
            ? ""
            : `sign requests with the private key in ${serverOptions.privateKeyPath}\n`) +
          (serverOptions.preload === undefined
            ? ""
            : `preloaded ${serverOptions.preload.records.length} sessions from ${serverOptions.preload.file}\n`)
      )
    )
  )
)

// SIGINT / SIGTERM interrupt the server: it stops accepting, finishes the
// requests in flight and exits 0. A start-up failure the user can fix prints
// its lines and exits 1; anything else is a defect, printed in full.
Layer.launch(announce.pipe(Layer.provideMerge(Server.layer(serverOptions)))).pipe(
  NodeRuntime.runMain({
    disableErrorReporting: true,
    teardown: (exit, onExit) => {
      if (Exit.isSuccess(exit) || Cause.hasInterruptsOnly(exit.cause)) return onExit(0)
      const message = Cli.startupFailure(exit.cause, serverOptions)
      if (message !== undefined) stop(message)
      // A defect: one line, the stack trace with --verbose.
      process.stderr.write(
        serverOptions.verbose
          ? `checkout-mock-server: unexpected error\n${Cause.pretty(exit.cause)}\n`
          : `checkout-mock-server: unexpected error: ${String(Cause.squash(exit.cause))}\n` +
            "run again with --verbose for the stack trace, and report it if it persists\n"
      )
      Runtime.defaultTeardown(exit, onExit)
    }
  })
)
