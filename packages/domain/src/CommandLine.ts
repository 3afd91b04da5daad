/**
 * What the Checkout Kit command lines (`checkout-kit`, `checkout-fixtures`,
 * `checkout-mock-server`) share, so they behave alike on `effect/cli`:
 *
 * - one help style (`--help`, `--version`, `--verbose`; no wizard or shell
 *   completions);
 * - a usage error (unknown flag, bad value, missing argument) prints one line
 *   naming it and the `--help` to read, on stderr, and exits 2; a run of 13
 *   to 19 digits in it (a card number typed where a flag was expected) shows
 *   only its last four;
 * - a failure the user can fix (`CliFailure`: a missing file, a server that
 *   does not answer, ...) prints its one or two lines on stderr and exits 1;
 * - anything else prints one line and exits 1; its stack trace only with
 *   `--verbose`.
 *
 * @since 0.2.0
 */
import { Cause, Console, Effect, Exit, Layer, Schema } from "effect"
import { CliConfig, CliError, CliOutput, Flag, GlobalFlag } from "effect/cli"

/**
 * A failure the user can fix: `message` names the cause, `hint` (a second
 * line) the fix. Exit code 1, or 2 for a usage error a command finds (`usage`).
 *
 * @category errors
 * @since 0.2.0
 */
export class CliFailure extends Schema.TaggedError<CliFailure>()("CliFailure", {
  message: Schema.String,
  hint: Schema.optional(Schema.String),
  /** A usage error found by a command (flags that do not go together): exit code 2. */
  usage: Schema.optional(Schema.Boolean)
}) {}

/**
 * `--verbose`: print the stack trace of an unexpected error.
 *
 * @category flags
 * @since 0.2.0
 */
export const verbose = GlobalFlag.Setting("verbose")({
  flag: Flag.Boolean("verbose").pipe(Flag.withDescription("Print the stack trace of an unexpected error"), Flag.withDefault(false))
})

/**
 * Seconds of a duration: `3600`, `90s`, `30m`, `1h` or `1d`.
 *
 * @category parsing
 * @since 0.2.0
 */
export const parseDuration = (text: string): number => {
  const match = /^(\d+)\s*(s|m|h|d)?$/.exec(text.trim())
  if (match === null) throw new Error(`takes seconds or a duration such as 90s, 30m, 1h, 1d, not ${JSON.stringify(text)}`)
  const seconds = Number(match[1]) * { s: 1, m: 60, h: 3600, d: 86_400 }[match[2] as "s" | "m" | "h" | "d" ?? "s"]
  if (seconds < 1) throw new Error("takes at least 1 second")
  return seconds
}

/**
 * `--lifetime`: how long a minted token is valid, in seconds (`3600`, or
 * `90s`, `30m`, `1h`, `1d`); one hour unless given.
 *
 * @category flags
 * @since 0.2.0
 */
export const lifetime = Flag.String("lifetime").pipe(
  Flag.withDescription("How long the token is valid: seconds, or 90s, 30m, 1h, 1d (default 1h)"),
  Flag.mapTryCatch(parseDuration, (e) => `--lifetime ${(e as Error).message}`),
  Flag.withDefault(3600)
)

/**
 * The reason of a file-system error, in words (`ENOENT` → "no such file or
 * directory").
 *
 * @category output
 * @since 0.2.0
 */
export const reasonOf = (error: unknown): string => {
  switch ((error as { code?: string } | undefined)?.code) {
    case "EACCES":
    case "EPERM":
      return "permission denied"
    case "ENOENT":
      return "no such file or directory"
    case "EISDIR":
      return "a directory, not a file"
    case "ENOTDIR":
      return "a parent is not a directory"
    case "EROFS":
      return "read-only file system"
    case "ENOSPC":
      return "no space left on the device"
    default:
      return messageOf(error)
  }
}

// A card number echoed by the parser (an unexpected argument, a bad value) keeps only its last four digits.
const maskCardNumbers = (text: string): string => text.replace(/\d{13,19}/g, (digits) => `····${digits.slice(-4)}`)

const presenter = (name: string): CliOutput.Presenter => ({
  present: Effect.fnUntraced(function*(event) {
    const formatter = yield* CliOutput.Formatter
    switch (event._tag) {
      case "Help":
        return yield* Console.log(formatter.formatHelpDoc(event.helpDoc))
      case "Version":
        return yield* Console.log(`${name} ${event.version}`)
      case "InvalidInvocation": {
        const reasons = maskCardNumbers(
          event.errors.map((error) => error.message.replace(/\s*\n\s*/g, " ")).join("; ")
        )
        return yield* Console.error(`${name}: ${reasons}\nsee '${event.commandPath.join(" ")} --help'`)
      }
    }
  })
})

/**
 * The services a command runs with: the help style and the usage-error
 * presenter of `name`; `colors` when stdout is a terminal that wants them.
 *
 * @category layers
 * @since 0.2.0
 */
export const layer = (name: string, options: { readonly colors: boolean }): Layer.Layer<never> =>
  Layer.mergeAll(
    CliConfig.layer({ builtIns: [GlobalFlag.Help, GlobalFlag.Version] }),
    CliOutput.layerPresenter(presenter(name)),
    CliOutput.layer(CliOutput.defaultFormatter({ colors: options.colors }))
  )

/**
 * The exit code of a run and the lines to print on stderr: 0 on success, 2
 * after a usage error (already printed), 1 after a failure.
 *
 * @category running
 * @since 0.2.0
 */
export const outcome = (
  name: string,
  exit: Exit.Exit<unknown, unknown>,
  options: { readonly verbose: boolean }
): { readonly code: number; readonly stderr: string } => {
  if (Exit.isSuccess(exit)) return { code: 0, stderr: "" }
  if (Cause.hasInterruptsOnly(exit.cause)) return { code: 130, stderr: "" }
  const error = Cause.squash(exit.cause)
  if (CliError.isCliError(error)) {
    if (error._tag === "UserError") return { code: 1, stderr: `${name}: ${messageOf(error.cause)}\n` }
    return { code: 2, stderr: "" }
  }
  if (error instanceof CliFailure) {
    return { code: error.usage === true ? 2 : 1, stderr: `${name}: ${error.message}\n${error.hint === undefined ? "" : `${error.hint}\n`}` }
  }
  return {
    code: 1,
    stderr: options.verbose
      ? `${name}: unexpected error\n${Cause.pretty(exit.cause)}\n`
      : `${name}: unexpected error: ${messageOf(error)}\nrun again with --verbose for the stack trace, and report it if it persists\n`
  }
}

const messageOf = (error: unknown): string =>
  error instanceof Error || (typeof error === "object" && error !== null && "message" in error)
    ? String((error as { message: unknown }).message)
    : String(error)

/**
 * Whether `--verbose` is among the arguments.
 *
 * @category running
 * @since 0.2.0
 */
export const isVerbose = (argv: ReadonlyArray<string>): boolean => argv.includes("--verbose")

/**
 * The `teardown` of a bin's `runMain` (with `disableErrorReporting`): prints
 * `outcome`'s lines on the process's stderr and exits with its code
 * (`process` is the `io`). `interruptIsSuccess`: an interrupt (SIGINT /
 * SIGTERM stopping a server) is a normal end, exit 0.
 *
 * @category running
 * @since 0.2.0
 */
export const teardown = (
  name: string,
  io: { readonly argv: ReadonlyArray<string>; readonly stderr: { readonly write: (text: string) => unknown } },
  options: { readonly interruptIsSuccess?: boolean } = {}
) =>
(exit: Exit.Exit<unknown, unknown>, onExit: (code: number) => void): void => {
  if (options.interruptIsSuccess === true && Exit.isFailure(exit) && Cause.hasInterruptsOnly(exit.cause)) return onExit(0)
  const { code, stderr } = outcome(name, exit, { verbose: isVerbose(io.argv) })
  if (stderr !== "") io.stderr.write(stderr)
  onExit(code)
}
