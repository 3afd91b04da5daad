/**
 * Request limits.
 *
 * @since 0.1.0
 */

/**
 * The largest request body accepted (1 MiB); larger ones are answered 413.
 *
 * @category constants
 * @since 0.1.0
 */
export const maxBodyBytes = 1024 * 1024
