/**
 * What the mock refuses in a card it is given (secure fields, the vault): a
 * number failing the Luhn check, and a card expired by the mock's clock
 * (API-SEMANTICS.md § Secure fields), each named by its JSON pointer.
 *
 * @since 0.3.0
 */
import * as Cards from "@checkout-kit/domain/Cards"
import { type ErrorDetail, errorDetailTypes } from "@checkout-kit/domain/Errors"

/**
 * The problems of a card, under `prefix` (`/payment_method` in secure
 * fields, the body's root in the vault); none: an empty array.
 *
 * @category cards
 * @since 0.3.0
 */
export const cardProblems = (
  number: string,
  expirationDate: string,
  now: number,
  prefix = ""
): Array<ErrorDetail> => {
  const problems: Array<ErrorDetail> = []
  if (!Cards.isLuhnValid(number)) {
    problems.push({
      location: "body",
      pointer: `${prefix}/number`,
      message: "The card number fails the Luhn check",
      type: errorDetailTypes.luhn
    })
  }
  if (Cards.hasExpired(expirationDate, now)) {
    problems.push({
      location: "body",
      pointer: `${prefix}/expiration_date`,
      message: "The card has expired",
      type: errorDetailTypes.cardExpired
    })
  }
  return problems
}
