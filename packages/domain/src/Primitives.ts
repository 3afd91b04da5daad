/**
 * Building blocks shared by every Checkout Sessions model: bounded strings,
 * amounts in minor units, ISO codes, identifiers, date-times and calendar
 * dates, and `WireStruct`, which gives a camelCase Type side to a snake_case
 * wire object.
 *
 * @since 0.1.0
 */
import { DateTime, Schema, SchemaGetter } from "effect"

/**
 * The snake_case spelling of a camelCase key, at the type level.
 *
 * @category utils
 * @since 0.1.0
 */
export type SnakeCase<S extends string> = S extends `${infer C}${infer Rest}`
  ? `${C extends Lowercase<C> ? C : `_${Lowercase<C>}`}${SnakeCase<Rest>}`
  : S

/**
 * The snake_case spelling of a camelCase key (`unitAmount` → `unit_amount`).
 *
 * @category utils
 * @since 0.1.0
 */
export const snakeCase = <S extends string>(key: S): SnakeCase<S> =>
  key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`) as SnakeCase<S>

/**
 * The annotation under which `WireStruct` records its camelCase → wire key
 * mapping, for tools that walk the AST (the strict decoder, the fixtures).
 *
 * @category annotations
 * @since 0.1.0
 */
export const wireKeysAnnotation = "@checkout-kit/domain/wireKeys"

/**
 * The representation id of the domain's format checks (`Uuid`, `DateTimeUtc`,
 * `CalendarDate`); the payload is the format's name. Tools that walk the AST
 * read it (`Constraints`).
 *
 * @category annotations
 * @since 0.2.0
 */
export const formatCheckId = "checkout-kit/format"

/**
 * The annotation that names how a leaf converts between wire and Type:
 * `"date-time"` (string ↔ `DateTime.Utc`) or `"redacted"` (value ↔
 * `Redacted`).
 *
 * @category annotations
 * @since 0.1.0
 */
export const conversionAnnotation = "@checkout-kit/domain/conversion"

/**
 * A struct whose Type side uses the given camelCase field names and whose
 * Encoded (wire) side uses their snake_case spelling, as the API does.
 *
 * `identifier` names the wire object as the spec does (`CartItem`), so
 * generated JSON Schema and OpenAPI documents reference it by that name.
 *
 * @category constructors
 * @since 0.1.0
 */
export const WireStruct = <const Fields extends Schema.Struct.Fields>(identifier: string, fields: Fields) => {
  const mapping = {} as { -readonly [K in keyof Fields]: K extends string ? SnakeCase<K> : K }
  for (const key of Object.keys(fields) as Array<keyof Fields & string>) {
    mapping[key] = snakeCase(key) as (typeof mapping)[typeof key]
  }
  return Schema.Struct(fields).pipe(Schema.encodeKeys(mapping), Schema.annotateEncoded({ identifier })).annotate({
    [wireKeysAnnotation]: mapping
  })
}

/**
 * A key that may be absent or `null` (the spec's `anyOf: [X, null]` without
 * `required`). `null` is kept on the Type side: on update it clears a field.
 *
 * @category constructors
 * @since 0.1.0
 */
export const optionalNullable = <S extends Schema.Top>(schema: S) => Schema.optionalKey(Schema.NullOr(schema))

/**
 * A string of `min` to `max` characters (`max` may be omitted). Characters
 * are Unicode code points, as JSON Schema's `minLength`/`maxLength` count
 * them: an emoji is one character, not two UTF-16 units.
 *
 * @category schemas
 * @since 0.1.0
 */
export const BoundedString = (min: number, max?: number) =>
  max === undefined
    ? Schema.String.check(Schema.isMinCodePoints(min))
    : Schema.String.check(Schema.isMinCodePoints(min), Schema.isMaxCodePoints(max))

/**
 * An amount in the currency's minor unit (cents): an integer in 0..99999999.
 *
 * @category schemas
 * @since 0.1.0
 */
export const Amount = Schema.Int.check(Schema.isBetween({ minimum: 0, maximum: 99_999_999 }))

/**
 * @category models
 * @since 0.1.0
 */
export type Amount = typeof Amount.Type

/**
 * A two-letter country code (`^[A-Z]{2}$`).
 *
 * @category schemas
 * @since 0.1.0
 */
export const CountryCode = Schema.String.check(Schema.isPattern(/^[A-Z]{2}$/u))

/**
 * A three-letter ISO 4217 currency code (`^[A-Z]{3}$`).
 *
 * @category schemas
 * @since 0.1.0
 */
export const CurrencyCode = Schema.String.check(Schema.isPattern(/^[A-Z]{3}$/u))

/**
 * A phone number in E.164 form (`^\+[1-9]\d{1,14}$`).
 *
 * @category schemas
 * @since 0.1.0
 */
export const PhoneNumber = Schema.String.check(Schema.isPattern(/^\+[1-9]\d{1,14}$/u))

/**
 * A string of decimal digits of the given length range.
 *
 * @category schemas
 * @since 0.1.0
 */
export const DigitString = (min: number, max: number) =>
  BoundedString(min, max).check(Schema.isPattern(/^\d+$/u))

const uuidPattern = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/

/**
 * A UUID in its canonical textual form (JSON Schema `format: uuid`).
 *
 * @category schemas
 * @since 0.1.0
 */
export const Uuid = Schema.String.check(
  Schema.makeFilter((s: string) => uuidPattern.test(s), {
    expected: "a UUID",
    representation: { id: formatCheckId, payload: "uuid" },
    toJsonSchema: () => ({ format: "uuid" }),
    arbitraryConstraint: { patterns: [{ source: uuidPattern.source, flags: "" }] }
  })
)

/**
 * The id of a checkout session.
 *
 * @category models
 * @since 0.1.0
 */
export const SessionId = Uuid.pipe(Schema.brand("SessionId"))

/**
 * @category models
 * @since 0.1.0
 */
export type SessionId = typeof SessionId.Type

/**
 * The id of a payment service.
 *
 * @category models
 * @since 0.1.0
 */
export const PaymentServiceId = Uuid.pipe(Schema.brand("PaymentServiceId"))

/**
 * @category models
 * @since 0.1.0
 */
export type PaymentServiceId = typeof PaymentServiceId.Type

/**
 * The id of a stored payment method.
 *
 * @category models
 * @since 0.1.0
 */
export const PaymentMethodId = Uuid.pipe(Schema.brand("PaymentMethodId"))

/**
 * @category models
 * @since 0.1.0
 */
export type PaymentMethodId = typeof PaymentMethodId.Type

const dateTimePattern = /^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:[Zz]|[+-]\d{2}:\d{2})$/

/**
 * An RFC 3339 date-time on the wire (`format: date-time`), an Effect
 * `DateTime.Utc` on the Type side. Encodes as `2022-01-01T00:00:00.000Z`.
 *
 * @category schemas
 * @since 0.1.0
 */
export const DateTimeUtc = Schema.String.check(
  Schema.makeFilter((s: string) => dateTimePattern.test(s) && !Number.isNaN(Date.parse(s)), {
    expected: "an RFC 3339 date-time",
    representation: { id: formatCheckId, payload: "date-time" },
    toJsonSchema: () => ({ format: "date-time" })
  })
).pipe(Schema.decodeTo(Schema.DateTimeUtc, {
  decode: SchemaGetter.transform((s: string) => DateTime.makeUnsafe(s)),
  encode: SchemaGetter.transform((dt: DateTime.Utc) => DateTime.formatIso(dt))
})).annotate({ [conversionAnnotation]: "date-time" })

/**
 * A secret on the wire (card number, security code), a `Redacted` value on
 * the Type side: it prints as `<redacted>` in logs and errors.
 *
 * @category constructors
 * @since 0.1.0
 */
export const Secret = <S extends Schema.Constraint>(schema: S, label: string) =>
  Schema.RedactedFromValue(schema, { label }).annotate({ [conversionAnnotation]: "redacted", [redactedLabelAnnotation]: label })

/**
 * The label of a `Secret`'s `Redacted` values, for tools that build them.
 *
 * @category annotations
 * @since 0.1.0
 */
export const redactedLabelAnnotation = "@checkout-kit/domain/redactedLabel"

const isCalendarDate = (s: string): boolean => {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s)
  if (match === null) return false
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])]
  const date = new Date(Date.UTC(year, month - 1, day))
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day
}

/**
 * A calendar date without time or zone, `YYYY-MM-DD` (`format: date`), such
 * as a date of birth. Only real dates pass (`2023-02-29` does not).
 *
 * @category models
 * @since 0.1.0
 */
export const CalendarDate = Schema.String.check(
  Schema.makeFilter(isCalendarDate, {
    expected: "a calendar date (YYYY-MM-DD)",
    representation: { id: formatCheckId, payload: "date" },
    toJsonSchema: () => ({ format: "date" })
  })
).pipe(Schema.brand("CalendarDate"))

/**
 * @category models
 * @since 0.1.0
 */
export type CalendarDate = typeof CalendarDate.Type

/**
 * A type as itself: lets an interface extend the type of a schema
 * (`interface XSchema extends Identity<typeof XSchema> {}`), so declarations
 * name a large schema instead of spelling it out wherever it is used.
 *
 * @category utils
 * @since 0.2.0
 */
export type Identity<A> = A
