/**
 * The progress bar of a long run (the contract runner's): a label, the
 * checks done of those asked for, and an estimate of the time left. On a
 * terminal it redraws one line; elsewhere (CI logs) it prints only the
 * final line.
 *
 * @since 0.2.0
 */

/**
 * @category models
 * @since 0.2.0
 */
export interface ProgressOptions {
  readonly label: string
  readonly stream: { readonly isTTY?: boolean | undefined; readonly write: (chunk: string) => unknown }
  /** Milliseconds since some origin; default `performance.now`. */
  readonly now?: (() => number) | undefined
  readonly width?: number | undefined
}

/**
 * `12s`, `3m05s`, `1h02m`: a duration for people.
 *
 * @category output
 * @since 0.2.0
 */
export const formatDuration = (seconds: number): string => {
  const s = Math.max(0, Math.round(seconds))
  if (s < 60) return `${s}s`
  if (s < 3600) return `${Math.floor(s / 60)}m${String(s % 60).padStart(2, "0")}s`
  return `${Math.floor(s / 3600)}h${String(Math.floor((s % 3600) / 60)).padStart(2, "0")}m`
}

/**
 * The bar's line for `done` of `total` after `elapsedMs`: label, bar,
 * count, and the time left (estimated from the pace so far) or, at the end,
 * the time taken.
 *
 * @category output
 * @since 0.2.0
 */
export const line = (label: string, done: number, total: number, elapsedMs: number, width = 30): string => {
  const ratio = total === 0 ? 1 : Math.min(1, done / total)
  const filled = Math.round(ratio * width)
  const time = done >= total
    ? `done in ${formatDuration(elapsedMs / 1000)}`
    : done === 0
    ? "ETA …"
    : `ETA ${formatDuration(((elapsedMs / done) * (total - done)) / 1000)}`
  return `${label} [${"#".repeat(filled)}${" ".repeat(width - filled)}] ${done}/${total} ${time}`
}

/**
 * A bar on `options.stream`; `update(done, total)` after each step.
 *
 * @category constructors
 * @since 0.2.0
 */
export const make = (options: ProgressOptions) => {
  const now = options.now ?? (() => performance.now())
  const start = now()
  const tty = options.stream.isTTY === true
  return {
    update: (done: number, total: number): void => {
      if (!tty && done < total) return
      const text = line(options.label, done, total, now() - start, options.width)
      options.stream.write(tty ? `\r\x1b[2K${text}${done >= total ? "\n" : ""}` : `${text}\n`)
    }
  }
}
