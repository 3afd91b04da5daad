/**
 * Turns a Schema parse failure into the API's `details[]`: one entry per
 * invalid field (every one, not only the first), each with its location, a
 * JSON Pointer (RFC 6901) in wire names, a readable message and a type.
 *
 * Messages never contain the rejected value: a card number that fails a
 * check is reported by where it is, not by what it is.
 *
 * The `type` names are Gr4vy's (pydantic v1's: `value_error.missing`,
 * `value_error.extra`, `value_error.any_str.max_length`, ...), from the one
 * table `Errors.errorDetailTypes`, so a client can match on them.
 *
 * @since 0.1.0
 */
import { type SchemaAST, SchemaIssue } from "effect"
import { type Constraint, constraintsOf, hasConstraint, toPointer, valueAt } from "./Constraints.ts"
import { type ErrorDetail, type ErrorDetailType, errorDetailTypes as types, type ErrorLocation } from "./Errors.ts"

/**
 * The pointer helpers, from `Constraints` (kept here for existing imports).
 *
 * @category pointers
 * @since 0.1.0
 */
export { escapePointerToken, parsePointer, toPointer, valueAt } from "./Constraints.ts"

const describe = (value: unknown): string =>
  value === null ? "null" : Array.isArray(value) ? "an array" : typeof value === "object" ? "an object" : `a ${typeof value}`

const expectedOf = (ast: SchemaAST.AST): string => {
  switch (ast._tag) {
    case "String":
      return "a string"
    case "Number":
      return "a number"
    case "Boolean":
      return "a boolean"
    case "Null":
      return "null"
    case "Arrays":
      return "an array"
    case "Objects":
      return "an object"
    case "Literal":
      return JSON.stringify(ast.literal)
    case "Union": {
      const literals = ast.types.filter((t) => t._tag === "Literal").map((t) => JSON.stringify(t.literal))
      if (literals.length > 0 && literals.length === ast.types.filter((t) => t._tag !== "Null").length) {
        return `one of ${literals.join(", ")}`
      }
      return ast.types.map(expectedOf).join(" or ")
    }
    default:
      return "a valid value"
  }
}

const typeOfInvalidType = (ast: SchemaAST.AST, value: unknown): ErrorDetailType => {
  if (value === null) return types.null
  switch (ast._tag) {
    case "String":
      return types.string
    case "Number":
      return hasConstraint(ast, "integer") ? types.integer : types.number
    case "Boolean":
      return types.boolean
    case "Arrays":
      return types.array
    case "Objects":
      return types.object
    case "Literal":
      return types.const
    case "Union": {
      const literals = ast.types.filter((t) => t._tag === "Literal").length
      if (literals > 0) return literals > 1 ? types.enum : types.const
      return ast.types.length > 0 ? typeOfInvalidType(ast.types[0], value) : types.value
    }
    default:
      return types.value
  }
}

const plural = (n: number, unit: string) => `${n} ${unit}${n === 1 ? "" : "s"}`

const constraintDetail = (constraint: Constraint): { type: ErrorDetailType; message: string } | undefined => {
  switch (constraint.kind) {
    case "minLength":
      return { type: types.minLength, message: `String should have at least ${plural(constraint.bound, "character")}` }
    case "maxLength":
      return { type: types.maxLength, message: `String should have at most ${plural(constraint.bound, "character")}` }
    case "minItems":
      return { type: types.minItems, message: `List should have at least ${plural(constraint.bound, "item")}` }
    case "maxItems":
      return { type: types.maxItems, message: `List should have at most ${plural(constraint.bound, "item")}` }
    case "pattern":
      return { type: types.pattern, message: `String should match pattern '${constraint.bound.source}'` }
    case "integer":
      return { type: types.integer, message: "Input should be a valid integer" }
    case "finite":
      return { type: types.finite, message: "Input should be a finite number" }
    case "exclusiveMinimum":
      return { type: types.exclusiveMinimum, message: `Input should be greater than ${constraint.bound}` }
    case "minimum":
      return { type: types.minimum, message: `Input should be greater than or equal to ${constraint.bound}` }
    case "maximum":
      return { type: types.maximum, message: `Input should be less than or equal to ${constraint.bound}` }
    case "format":
      switch (constraint.bound) {
        case "uuid":
          return { type: types.uuid, message: "Input should be a valid UUID" }
        case "date-time":
          return { type: types["date-time"], message: "Input should be a valid RFC 3339 date-time" }
        case "date":
          return { type: types.date, message: "Input should be a valid date in the format YYYY-MM-DD" }
      }
  }
  return undefined
}

// A range check (`isBetween`) is two constraints: the value breaks the lower one when below it.
const brokenOf = (constraints: ReadonlyArray<Constraint>, value: unknown): Constraint => {
  if (constraints.length === 1) return constraints[0]
  const [lower, upper] = constraints
  return typeof value === "number" && value < (lower.bound as number) ? lower : upper
}

const filterDetail = (
  filter: SchemaAST.Filter<unknown>,
  value: unknown
): { type: ErrorDetailType; message: string } => {
  const constraints = constraintsOf(filter, Array.isArray(value))
  const detail = constraints === undefined ? undefined : constraintDetail(brokenOf(constraints, value))
  if (detail !== undefined) return detail
  const expected = filter.annotations?.expected
  return { type: types.value, message: expected === undefined ? "Value is not valid" : `Expected ${expected}` }
}

interface Entry {
  readonly path: ReadonlyArray<PropertyKey>
  readonly type: ErrorDetailType
  readonly message: string
}

const collect = (issue: SchemaIssue.Issue, path: ReadonlyArray<PropertyKey>, input: unknown, out: Array<Entry>) => {
  switch (issue._tag) {
    case "Pointer":
      return collect(issue.issue, [...path, ...issue.path], input, out)
    case "Composite":
      for (const inner of issue.issues) collect(inner, path, input, out)
      return
    case "Encoding":
      return collect(issue.issue, path, input, out)
    case "Filter": {
      const { message, type } = filterDetail(issue.filter, valueAt(input, path))
      out.push({ path, type, message })
      return
    }
    case "AnyOf": {
      if (issue.issues.length === 0) {
        const value = valueAt(input, path)
        out.push({
          path,
          type: typeOfInvalidType(issue.ast, value),
          message: `Input should be ${expectedOf(issue.ast)}, not ${describe(value)}`
        })
        return
      }
      // Several members were tried: report the one the input came closest to.
      let best: Array<Entry> | undefined
      for (const inner of issue.issues) {
        const candidate: Array<Entry> = []
        collect(inner, path, input, candidate)
        if (best === undefined || candidate.length < best.length) best = candidate
      }
      // A loop, not a spread: a spread of a long list overflows the stack.
      for (const entry of best!) out.push(entry)
      return
    }
    case "MissingKey":
      out.push({ path, type: types.required, message: "Field required" })
      return
    case "UnexpectedKey":
      out.push({ path, type: types.additionalProperties, message: "Extra inputs are not permitted" })
      return
    case "InvalidType": {
      const value = valueAt(input, path)
      out.push({
        path,
        type: typeOfInvalidType(issue.ast, value),
        message: `Input should be ${expectedOf(issue.ast)}, not ${describe(value)}`
      })
      return
    }
    case "InvalidValue":
      out.push({ path, type: types.value, message: SchemaIssue.defaultLeafHook(issue) })
      return
    case "Forbidden":
      out.push({ path, type: types.value, message: "Value is not allowed here" })
      return
    case "OneOf":
      out.push({ path, type: types.ambiguous, message: "Input matches more than one kind" })
      return
  }
}

/**
 * The most details one response lists: the first ones, in document order.
 *
 * @category validation
 * @since 0.1.0
 */
export const maxDetails = 100

/**
 * How many invalid fields a collection counts before it stops looking: past
 * this, the message says "or more". Collection work is bounded by it.
 *
 * @category validation
 * @since 0.1.0
 */
export const maxCountedDetails = 1000

/**
 * How many invalid fields a capped `details[]` leaves out.
 *
 * @category validation
 * @since 0.1.0
 */
export interface OmittedDetails {
  readonly count: number
  /** The collection stopped at `maxCountedDetails`: there may be more. */
  readonly atLeast: boolean
}

const omitted = new WeakMap<ReadonlyArray<ErrorDetail>, OmittedDetails>()

/**
 * What a `details[]` from `DetailCollector` (or `issueToDetails`) leaves out,
 * or `undefined` when it lists every invalid field.
 *
 * @category validation
 * @since 0.1.0
 */
export const omittedDetails = (details: ReadonlyArray<ErrorDetail>): OmittedDetails | undefined => omitted.get(details)

/**
 * The message of a validation failure: says how many invalid fields
 * `details[]` leaves out, if any.
 *
 * @category validation
 * @since 0.1.0
 */
export const validationMessage = (details: ReadonlyArray<ErrorDetail>): string => {
  const rest = omitted.get(details)
  if (rest === undefined) return "Request failed validation"
  const more = `${rest.atLeast ? "at least " : ""}${rest.count} more`
  return `Request failed validation: the first ${details.length} invalid fields are listed, ${more} are not`
}

/**
 * Collects details one issue at a time: one entry per pointer (the first
 * constraint it breaks), the first `maxDetails` kept, the rest counted up to
 * `maxCountedDetails`, past which it is `full` and ignores what it is given.
 *
 * @category validation
 * @since 0.1.0
 */
export class DetailCollector {
  private readonly kept: Array<ErrorDetail> = []
  private readonly seen = new Set<string>()
  private counted = 0
  private reachedLimit = false
  readonly location: ErrorLocation
  constructor(location: ErrorLocation = "body") {
    this.location = location
  }

  /** Distinct invalid fields seen so far. */
  get count(): number {
    return this.counted
  }

  /** No more details are collected. */
  get full(): boolean {
    return this.reachedLimit
  }

  /** Adds the details of `issue`, found in `input` at `path` (a prefix of the issue's own paths). */
  addIssue(issue: SchemaIssue.Issue, input: unknown, path: ReadonlyArray<PropertyKey> = []): void {
    if (this.reachedLimit) return
    const entries: Array<Entry> = []
    collect(issue, [], input, entries)
    for (const entry of entries) {
      this.add(path.length === 0 ? entry.path : [...path, ...entry.path], entry.type, entry.message)
    }
  }

  /** Adds what another collection found (the union member a value came closest to). */
  addAll(other: DetailCollector): void {
    for (const detail of other.kept) this.addPointer(detail.pointer, detail.type, detail.message)
    const uncounted = other.counted - other.kept.length
    if (uncounted > 0 && !this.reachedLimit) {
      this.counted = Math.min(this.counted + uncounted, maxCountedDetails)
      this.reachedLimit = other.reachedLimit || this.counted >= maxCountedDetails
    }
  }

  /** The details kept; `omittedDetails` of the answer tells what was left out. */
  result(): Array<ErrorDetail> {
    const details = this.kept.slice()
    if (this.counted > details.length) {
      omitted.set(details, { count: this.counted - details.length, atLeast: this.reachedLimit })
    }
    return details
  }

  private add(path: ReadonlyArray<PropertyKey>, type: string, message: string) {
    this.addPointer(toPointer(path), type, message)
  }

  private addPointer(pointer: string, type: string, message: string) {
    if (this.reachedLimit || this.seen.has(pointer)) return
    this.seen.add(pointer)
    this.counted++
    if (this.kept.length < maxDetails) this.kept.push({ location: this.location, pointer, message, type })
    if (this.counted >= maxCountedDetails) this.reachedLimit = true
  }
}

/**
 * The `details[]` of a parse failure: one entry per invalid field, in wire
 * names; a field that breaks several constraints is reported once, for the
 * first. At most `maxDetails` are listed (`omittedDetails` tells how many
 * more there are). `input` is the value that was decoded; it is read to word
 * messages (never quoted in them).
 *
 * @category validation
 * @since 0.1.0
 */
export const issueToDetails = (
  issue: SchemaIssue.Issue,
  input: unknown,
  location: ErrorLocation = "body"
): Array<ErrorDetail> => {
  const collector = new DetailCollector(location)
  collector.addIssue(issue, input)
  return collector.result()
}
