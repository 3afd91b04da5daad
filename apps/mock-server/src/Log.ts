/**
 * The server's log: one line per event. Requests (and requests Node could not
 * parse) go to stdout, failures to stderr. `text` lines are for people
 * (`info request method=POST path=/checkout/sessions status=201 …`), `json`
 * lines for machines (`{"level":"info","msg":"request",…}`). Callers pass no
 * bodies, headers, tokens or card data.
 *
 * @since 0.1.0
 */

/**
 * @category models
 * @since 0.1.0
 */
export type LogFormat = "text" | "json"

const textValue = (value: unknown): string =>
  typeof value === "string" && /^[^\s"=]+$/.test(value) ? value : JSON.stringify(value) ?? String(value)

/**
 * One log line, in `format`.
 *
 * @category formatting
 * @since 0.1.0
 */
export const formatLine = (
  format: LogFormat,
  level: "info" | "error",
  msg: string,
  fields: Record<string, unknown>
): string => {
  if (format === "json") return JSON.stringify({ level, msg, ...fields })
  let line = `${level} ${msg}`
  for (const [key, value] of Object.entries(fields)) if (value !== undefined) line += ` ${key}=${textValue(value)}`
  return line
}

/**
 * Writes one log line: errors to stderr, the rest to stdout.
 *
 * @category logging
 * @since 0.1.0
 */
export const write = (format: LogFormat, level: "info" | "error", msg: string, fields: Record<string, unknown>): void =>
  void (level === "error" ? process.stderr : process.stdout).write(`${formatLine(format, level, msg, fields)}\n`)
