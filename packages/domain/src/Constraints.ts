/**
 * The one constraint vocabulary of Checkout Kit and the AST helpers every
 * schema walker shares: validation (`Validation.ts`), the strict decoder
 * (`StrictDecoder.ts`), the fixtures' deriver and mutator.
 *
 * A schema check (an Effect filter) is read once, here, as constraints
 * `{ kind, bound }` whose `kind` is the JSON Schema keyword (`minLength`,
 * `maximum`, `pattern`, ...), the same names as the keys of
 * `Errors.errorDetailTypes`. Adding a constraint kind is a change to this file
 * plus a case in each consumer.
 *
 * @since 0.2.0
 */
import { SchemaAST } from "effect"
import type { ErrorDetailCheck } from "./Errors.ts"
import { formatCheckId, wireKeysAnnotation } from "./Primitives.ts"

// --- pointers ---

/**
 * Escapes one reference token of a JSON Pointer (`~` → `~0`, `/` → `~1`).
 *
 * @category pointers
 * @since 0.2.0
 */
export const escapePointerToken = (token: PropertyKey): string =>
  String(token).replace(/~/g, "~0").replace(/\//g, "~1")

/**
 * The JSON Pointer of a path: `["cart_items", 0, "name"]` → `/cart_items/0/name`;
 * the empty path is the whole document, `""`.
 *
 * @category pointers
 * @since 0.2.0
 */
export const toPointer = (path: ReadonlyArray<PropertyKey>): string =>
  path.map((token) => `/${escapePointerToken(token)}`).join("")

/**
 * The reference tokens of a JSON Pointer (`/a~1b/0` → `["a/b", "0"]`).
 *
 * @category pointers
 * @since 0.2.0
 */
export const parsePointer = (pointer: string): Array<string> =>
  pointer === "" ? [] : pointer.slice(1).split("/").map((t) => t.replace(/~1/g, "/").replace(/~0/g, "~"))

/**
 * The value a JSON Pointer names in a document, or `undefined`.
 *
 * @category pointers
 * @since 0.2.0
 */
export const valueAt = (document: unknown, path: ReadonlyArray<PropertyKey>): unknown => {
  let current: unknown = document
  for (const token of path) {
    if (typeof current !== "object" || current === null) return undefined
    current = (current as Record<PropertyKey, unknown>)[token as string]
  }
  return current
}

// --- constraints ---

/**
 * The kinds of value constraint a schema check expresses (JSON Schema's
 * keywords). Every kind but `format` is a key of `Errors.errorDetailTypes`; a
 * format's detail type is its name (`uuid`, `date-time`, `date`).
 *
 * @category constraints
 * @since 0.2.0
 */
export type ConstraintKind =
  | "minLength"
  | "maxLength"
  | "minItems"
  | "maxItems"
  | "pattern"
  | "format"
  | "minimum"
  | "maximum"
  | "exclusiveMinimum"
  | "integer"
  | "finite"

// Every kind but `format` names a detail type: a compile error here means `Errors.errorDetailTypes` lacks a kind.
const detailCheckOf = (kind: Exclude<ConstraintKind, "format">): ErrorDetailCheck => kind
void detailCheckOf

/**
 * One constraint of a check: the keyword and its bound. Lengths say whether
 * they count code points (Unicode characters) or code units (`.length`).
 *
 * @category constraints
 * @since 0.2.0
 */
export type Constraint =
  | {
    readonly kind: "minLength" | "maxLength" | "minItems" | "maxItems"
    readonly bound: number
    readonly codePoints: boolean
  }
  | { readonly kind: "minimum" | "maximum" | "exclusiveMinimum"; readonly bound: number }
  | { readonly kind: "pattern"; readonly bound: RegExp }
  | { readonly kind: "format"; readonly bound: string }
  | { readonly kind: "integer" | "finite"; readonly bound?: undefined }

/**
 * The representation id of the domain's format checks (defined beside them in
 * `Primitives`; re-exported here with the other constraint vocabulary).
 *
 * @category constraints
 * @since 0.2.0
 */
export { formatCheckId } from "./Primitives.ts"

/**
 * A check's representation: Effect's id (`effect/schema/isMinLength`, ...)
 * and payload, or `undefined` for a check without one.
 *
 * @category constraints
 * @since 0.2.0
 */
export const representationOf = (filter: SchemaAST.Filter<any>) =>
  filter.annotations?.representation as { readonly id: string; readonly payload: any } | undefined

const read = (filter: SchemaAST.Filter<any>): ReadonlyArray<Constraint> | undefined => {
  const representation = representationOf(filter)
  const payload = representation?.payload
  switch (representation?.id) {
    case "effect/schema/isMinCodePoints":
      return [{ kind: "minLength", bound: payload.minCodePoints, codePoints: true }]
    case "effect/schema/isMaxCodePoints":
      return [{ kind: "maxLength", bound: payload.maxCodePoints, codePoints: true }]
    case "effect/schema/isMinLength":
      return [{ kind: "minLength", bound: payload.minLength, codePoints: false }]
    case "effect/schema/isMaxLength":
      return [{ kind: "maxLength", bound: payload.maxLength, codePoints: false }]
    case "effect/schema/isPattern":
      return [{ kind: "pattern", bound: new RegExp(payload.source, payload.flags) }]
    case "effect/schema/isInt":
      return [{ kind: "integer" }]
    case "effect/schema/isFinite":
      return [{ kind: "finite" }]
    case "effect/schema/isGreaterThan":
      return [{ kind: "exclusiveMinimum", bound: payload.exclusiveMinimum }]
    case "effect/schema/isGreaterThanOrEqualTo":
      return [{ kind: "minimum", bound: payload.minimum }]
    case "effect/schema/isLessThanOrEqualTo":
      return [{ kind: "maximum", bound: payload.maximum }]
    case "effect/schema/isBetween":
      return [
        { kind: payload.exclusiveMinimum ? "exclusiveMinimum" : "minimum", bound: payload.minimum },
        { kind: "maximum", bound: payload.maximum }
      ]
    case formatCheckId:
      return [{ kind: "format", bound: payload }]
    default:
      return undefined
  }
}

const ofStrings = new WeakMap<SchemaAST.Filter<any>, ReadonlyArray<Constraint> | undefined>()
const ofArrays = new WeakMap<SchemaAST.Filter<any>, ReadonlyArray<Constraint> | undefined>()

const asItems = (constraint: Constraint): Constraint =>
  constraint.kind === "minLength" && !constraint.codePoints
    ? { ...constraint, kind: "minItems" }
    : constraint.kind === "maxLength" && !constraint.codePoints
    ? { ...constraint, kind: "maxItems" }
    : constraint

/**
 * The constraints a check expresses, or `undefined` for a check this
 * vocabulary does not know (it is then only run, never described). A length
 * check on an array (`items`) counts items: `minItems` / `maxItems`.
 *
 * @category constraints
 * @since 0.2.0
 */
export const constraintsOf = (
  filter: SchemaAST.Filter<any>,
  items = false
): ReadonlyArray<Constraint> | undefined => {
  const cache = items ? ofArrays : ofStrings
  if (cache.has(filter)) return cache.get(filter)
  const constraints = items ? read(filter)?.map(asItems) : read(filter)
  cache.set(filter, constraints)
  return constraints
}

/**
 * Every check of a node, groups flattened, in order.
 *
 * @category ast
 * @since 0.2.0
 */
export const filtersOf = (ast: SchemaAST.AST): Array<SchemaAST.Filter<any>> => flatten(ast.checks)

const flatten = (checks: SchemaAST.Checks | undefined): Array<SchemaAST.Filter<any>> =>
  checks === undefined ? [] : checks.flatMap((c) => (c._tag === "Filter" ? [c] : flatten(c.checks)))

/**
 * Whether a node has a check of `kind`.
 *
 * @category ast
 * @since 0.2.0
 */
export const hasConstraint = (ast: SchemaAST.AST, kind: ConstraintKind): boolean =>
  filtersOf(ast).some((filter) => constraintsOf(filter)?.some((c) => c.kind === kind) ?? false)

// --- AST helpers ---

/**
 * What a schema walker cannot handle, one error for all of them.
 *
 * @category ast
 * @since 0.2.0
 */
export class UnsupportedSchemaError extends Error {
  readonly reason: string
  constructor(reason: string) {
    super(reason)
    this.name = "UnsupportedSchemaError"
    this.reason = reason
  }
}

/**
 * The element of an array node; tuples are unsupported.
 *
 * @category ast
 * @since 0.2.0
 */
export const arrayItem = (ast: SchemaAST.Arrays): SchemaAST.AST => {
  if (ast.elements.length > 0 || ast.rest.length !== 1) throw new UnsupportedSchemaError("tuples are not supported")
  return ast.rest[0]
}

/**
 * Whether an object node is a record the walkers support: one string-keyed
 * index signature and no properties.
 *
 * @category ast
 * @since 0.2.0
 */
export const isRecord = (ast: SchemaAST.Objects): boolean =>
  ast.indexSignatures.length === 1 && ast.propertySignatures.length === 0 &&
  ast.indexSignatures[0].parameter._tag === "String"

/**
 * The value node of a record, `undefined` for a struct; index signatures
 * beside properties, several of them, or keys that are not strings are
 * unsupported.
 *
 * @category ast
 * @since 0.2.0
 */
export const recordValue = (ast: SchemaAST.Objects): SchemaAST.AST | undefined => {
  if (ast.indexSignatures.length === 0) return undefined
  if (ast.propertySignatures.length > 0 || ast.indexSignatures.length > 1) {
    throw new UnsupportedSchemaError("structs with index signatures are not supported")
  }
  if (ast.indexSignatures[0].parameter._tag !== "String") {
    throw new UnsupportedSchemaError("only string-keyed records are supported")
  }
  return ast.indexSignatures[0].type
}

/**
 * A property of a struct: its name on the Type side, its key on the wire
 * (they differ on the Type side of a `WireStruct`), its node and whether it
 * may be absent.
 *
 * @category ast
 * @since 0.2.0
 */
export interface Property {
  readonly name: string
  readonly wire: string
  readonly type: SchemaAST.AST
  readonly optional: boolean
}

const propertyCache = new WeakMap<SchemaAST.Objects, ReadonlyArray<Property>>()

/**
 * The properties of a struct, in schema order.
 *
 * @category ast
 * @since 0.2.0
 */
export const propertiesOf = (ast: SchemaAST.Objects): ReadonlyArray<Property> => {
  let properties = propertyCache.get(ast)
  if (properties === undefined) {
    const keys = wireKeysOf(ast)
    properties = ast.propertySignatures.map((ps) => ({
      name: String(ps.name),
      wire: keys?.[ps.name as string] ?? String(ps.name),
      type: ps.type,
      optional: SchemaAST.isOptional(ps.type)
    }))
    propertyCache.set(ast, properties)
  }
  return properties
}

/**
 * The Type → wire key mapping a `WireStruct` records, or `undefined` when the
 * struct's keys are its wire keys.
 *
 * @category ast
 * @since 0.2.0
 */
export const wireKeysOf = (ast: SchemaAST.AST): Record<string, string> | undefined =>
  ast.annotations?.[wireKeysAnnotation] as Record<string, string> | undefined

/**
 * The members of a union other than `null`.
 *
 * @category ast
 * @since 0.2.0
 */
export const nonNullMembers = (ast: SchemaAST.Union): ReadonlyArray<SchemaAST.AST> =>
  ast.types.filter((t) => t._tag !== "Null")

/**
 * The node itself, or the unsupported-schema error of a recursive one
 * (`Suspend`): walkers call it where they meet a node they do not expect.
 *
 * @category ast
 * @since 0.2.0
 */
export const notRecursive = <A extends SchemaAST.AST>(ast: A): A => {
  if (ast._tag === "Suspend") throw new UnsupportedSchemaError("recursive schemas are not supported")
  return ast
}
