/**
 * The Node version the published bins need, checked before they load
 * anything else: on an older Node they would crash on an API it lacks
 * (`node:sqlite`, ...) instead of saying what to do. This module imports
 * nothing and uses only what every Node since 12 has.
 *
 * @since 0.2.0
 */

// What this module uses of Node's `process` (the domain is typed without Node's types).
interface NodeProcess {
  readonly versions: { readonly node: string }
  readonly stderr: { readonly write: (chunk: string) => unknown }
  exitCode?: number | string | undefined
}

/**
 * The oldest Node the packages run on (their `engines.node`).
 *
 * @category constants
 * @since 0.2.0
 */
export const minimum = { major: 22, minor: 19 } as const

/**
 * Whether `version` (`process.versions.node`, e.g. `22.19.0`) is at least
 * `minimum`.
 *
 * @category checks
 * @since 0.2.0
 */
export const isSupported = (version: string): boolean => {
  const [major = 0, minor = 0] = version.split(".").map(Number)
  return major > minimum.major || (major === minimum.major && minor >= minimum.minor)
}

/**
 * The two lines a bin prints on an older Node: what it needs, what it
 * found, and the fix.
 *
 * @category checks
 * @since 0.2.0
 */
export const message = (bin: string, version: string): string =>
  `${bin}: needs Node ≥ ${minimum.major}.${minimum.minor} (found ${version})\n` +
  `install Node ${minimum.major}.${minimum.minor} or later (https://nodejs.org, or \`nvm install 22\`) and run it again\n`

/**
 * `true` on a supported Node; otherwise prints `message` on stderr, sets the
 * exit code to 1 and answers `false`.
 *
 * @category checks
 * @since 0.2.0
 */
export const checkNode = (bin: string): boolean => {
  const process = (globalThis as unknown as { readonly process: NodeProcess }).process
  const version = process.versions.node
  if (isSupported(version)) return true
  process.stderr.write(message(bin, version))
  process.exitCode = 1
  return false
}
