/**
 * A start-up failure the user can fix (a port in use, a data directory that
 * cannot be written, a bad key file, a corrupt database): `checkout-mock-server`
 * prints its message, one or two lines naming the cause and the fix, and exits
 * 1, without a stack trace.
 *
 * @since 0.1.0
 */

/**
 * @category errors
 * @since 0.1.0
 */
export class StartupError extends Error {
  override readonly name = "StartupError"
}

/**
 * The reason of a file-system error, in words (`EACCES` → "permission denied").
 *
 * @category errors
 * @since 0.1.0
 */
export const reasonOf = (error: unknown): string => {
  const code = (error as NodeJS.ErrnoException | undefined)?.code
  switch (code) {
    case "EACCES":
    case "EPERM":
      return "permission denied"
    case "EROFS":
      return "read-only file system"
    case "ENOENT":
      return "no such file or directory"
    case "ENOTDIR":
      return "a parent is not a directory"
    case "ENOSPC":
      return "no space left on the device"
    default:
      return code ?? (error instanceof Error ? error.message : String(error))
  }
}
