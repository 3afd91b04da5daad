/**
 * What only a mock installation can derive from a card number: its
 * fingerprint, an HMAC of the number under the installation's secret, the
 * same for the same number in every merchant account of one mock and
 * revealing nothing of the number. The card rules (scheme, BIN, card type,
 * Luhn, expiry) are the domain's (`@checkout-kit/domain/Cards`).
 *
 * @since 0.1.0
 */
import { createHmac } from "node:crypto"

/**
 * A stable, non-reversible fingerprint of a card number: an HMAC-SHA256 of
 * the number under the installation's secret. The same number has the same
 * fingerprint in every merchant account (docs.gr4vy.com,
 * guides/features/cards/fingerprints: "Fingerprints are the same for every
 * unique card number used"); two installations, with different secrets, do
 * not share fingerprints.
 *
 * @category cards
 * @since 0.1.0
 */
export const fingerprint = (secret: string, number: string): string =>
  createHmac("sha256", secret).update(number).digest("hex")
