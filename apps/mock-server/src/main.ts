/**
 * `checkout-mock-server`'s program, loaded by `bin.ts` once it has checked the
 * Node version: see `Cli.ts` for the flags. Runs the mock server until SIGINT
 * or SIGTERM, then stops accepting connections, lets in-flight requests
 * finish (for up to `--shutdown-grace` seconds, then answers them 503) and
 * exits 0. Exits 1 on a failure (one or two lines on stderr naming the cause
 * and the fix), 2 on a usage error (one line and the help to read).
 *
 * @since 0.1.0
 */
import * as CommandLine from "@checkout-kit/domain/CommandLine"
import { NodeRuntime, NodeServices } from "@effect/platform-node"
import { Effect, Layer } from "effect"
import { Command } from "effect/cli"
import * as Cli from "./Cli.ts"

// What the commands do, loaded when one runs: `--help` and usage errors do not load the server.
const root = Cli.command({
  serve: (options) => Effect.flatMap(Effect.promise(() => import("./Serve.ts")), (m) => m.serve(options)),
  token: (flags) => Effect.flatMap(Effect.promise(() => import("./TokenCommand.ts")), (m) => m.run(flags))
})

root.pipe(
  Command.run({ version: Cli.version }),
  Effect.provide(
    Layer.mergeAll(
      NodeServices.layer,
      CommandLine.layer(Cli.name, { colors: process.stdout.isTTY === true && !process.env.NO_COLOR })
    )
  ),
  NodeRuntime.runMain({
    disableErrorReporting: true,
    teardown: CommandLine.teardown(Cli.name, process, { interruptIsSuccess: true })
  })
)
