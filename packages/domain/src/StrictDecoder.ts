/**
 * The decoder a server uses on request bodies: wire JSON in, the Type side
 * out, unknown keys rejected (`additionalProperties: false`) and, on failure,
 * every invalid field reported as `details[]`.
 *
 * Decoding through a schema's `encodeKeys` transformations is several times
 * slower than validating the wire shape alone, and the strict unknown-key
 * check slows the schema JIT by more than 2×. The valid path is therefore:
 *
 * 1. validate the wire JSON with the JIT-compiled wire side of the schema
 *    (every check, first failure only);
 * 2. look for unknown keys with a walker compiled from the same AST;
 * 3. build the Type side with a converter interpreted from the AST (closures
 *    that rename keys and make `DateTime.Utc` and `Redacted` values), which
 *    does no validation because step 1 already did it all. It is the only
 *    converter, whether or not code generation is allowed.
 *
 * Any failure re-runs the schema's own decoder with `errors: "all"` and
 * `onExcessProperty: "error"` to collect every issue: the slow path is taken
 * only for invalid input. Tests assert that both paths agree.
 *
 * The schema's decoder does work in proportion to the issues it finds, and
 * finds them all: an input of more than 1,000 JSON values is explained instead
 * by a walk that stops once it has counted 1,000 invalid fields, skips valid
 * parts with compiled validators and hands small parts to the schema's
 * decoder, so the details match (the first 100 listed, see `Validation.ts`).
 *
 * @since 0.1.0
 */
import { DateTime, type Exit, Redacted, Result, Schema, SchemaAST, SchemaIssue } from "effect"
import * as SchemaJIT from "effect/schema/SchemaJITCompiler"
import { type ErrorDetail, errorDetailTypes, type ErrorLocation } from "./Errors.ts"
import {
  arrayItem,
  constraintsOf,
  filtersOf,
  isRecord,
  nonNullMembers,
  notRecursive,
  propertiesOf,
  recordValue,
  UnsupportedSchemaError,
  wireKeysOf
} from "./Constraints.ts"
import { conversionAnnotation, redactedLabelAnnotation } from "./Primitives.ts"
import { DetailCollector, issueToDetails } from "./Validation.ts"

/**
 * Parse options of the slow path, the reference semantics of a strict decode.
 *
 * @category options
 * @since 0.1.0
 */
export const strictOptions = { errors: "all", onExcessProperty: "error" } as const

type Convert = (wire: any) => any

const getConversion = (ast: SchemaAST.AST) => ast.annotations?.[conversionAnnotation] as string | undefined

interface Member {
  readonly required: ReadonlyArray<string>
  readonly literals: ReadonlyArray<readonly [string, unknown]>
}

// For a union of objects (the secure-fields payment method), picks the member
// a validated wire value belongs to: its literal discriminators, when present,
// match, and its required keys are all there.
const memberMatcher = (members: ReadonlyArray<SchemaAST.AST>): ((value: any) => number) => {
  const described: Array<Member> = members.map((member) => {
    const encoded = SchemaAST.toEncoded(member)
    if (encoded._tag !== "Objects") return { required: [], literals: [] }
    return {
      required: propertiesOf(encoded).filter((p) => !p.optional).map((p) => p.name),
      literals: propertiesOf(encoded).flatMap((p) => p.type._tag === "Literal" ? [[p.name, p.type.literal] as const] : [])
    }
  })
  return (value) => {
    for (let i = 0; i < described.length; i++) {
      const { literals, required } = described[i]
      if (
        required.every((key) => Object.hasOwn(value, key)) &&
        literals.every(([key, literal]) => !Object.hasOwn(value, key) || value[key] === literal)
      ) return i
    }
    return -1
  }
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value)

// The converter of a validated wire value: closures over the AST, built once; `undefined` where the value is its
// own Type side. (A converter generated as straight-line code was faster and is gone: BENCHMARKS.md, "Why one
// converter".)
const compileConverter = (ast: SchemaAST.AST): Convert | undefined => {
  switch (getConversion(ast)) {
    case "date-time":
      return (wire: string) => DateTime.makeUnsafe(wire)
    case "redacted": {
      const label = ast.annotations?.[redactedLabelAnnotation] as string | undefined
      return (wire) => Redacted.make(wire, label === undefined ? undefined : { label })
    }
  }
  switch (ast._tag) {
    case "Objects": {
      const item = recordValue(ast)
      if (item !== undefined) {
        // A record's values convert as its value schema says (a payment service's merchant profiles by scheme).
        const convert = compileConverter(item)
        return convert === undefined
          ? undefined
          : (wire) => Object.fromEntries(Object.entries(wire).map(([key, value]) => [key, convert(value)]))
      }
      const properties = propertiesOf(ast).map((p) => ({ ...p, convert: compileConverter(p.type) }))
      if (wireKeysOf(ast) === undefined && properties.every((p) => p.convert === undefined)) return undefined
      return (wire) => {
        const out: Record<string, unknown> = {}
        for (let i = 0; i < properties.length; i++) {
          const p = properties[i]
          // Validated wire JSON holds no `undefined`: absent and present keys differ by value.
          const value = wire[p.wire]
          if (value !== undefined) out[p.name] = p.convert === undefined ? value : p.convert(value)
        }
        return out
      }
    }
    case "Arrays": {
      const convert = compileConverter(arrayItem(ast))
      return convert === undefined ? undefined : (wire: Array<unknown>) => wire.map(convert)
    }
    case "Union": {
      const members = nonNullMembers(ast)
      const converters = members.map(compileConverter)
      if (converters.every((c) => c === undefined)) return undefined
      if (members.length === 1) {
        const convert = converters[0]!
        return (wire) => (wire === null ? null : convert(wire))
      }
      if (!members.every((m) => SchemaAST.toEncoded(m)._tag === "Objects")) {
        throw new UnsupportedSchemaError("unions of converted non-object members are not supported")
      }
      const match = memberMatcher(members)
      return (wire) => {
        if (wire === null) return null
        const convert = converters[match(wire)]
        return convert === undefined ? wire : convert(wire)
      }
    }
    default:
      notRecursive(ast)
      return undefined
  }
}

type HasExcess = (wire: any) => boolean

const compileExcessCheck = (ast: SchemaAST.AST): HasExcess | undefined => {
  switch (ast._tag) {
    case "Objects": {
      if (ast.indexSignatures.length > 0) {
        // Records (metadata): every key is allowed; look inside the values.
        const check = compileExcessCheck(recordValue(ast)!)
        if (check === undefined) return undefined
        return (wire) => Object.values(wire).some(check)
      }
      const allowed = new Set(propertiesOf(ast).map((p) => p.name))
      const size = allowed.size
      const nested = propertiesOf(ast).flatMap((p) => {
        const check = compileExcessCheck(p.type)
        return check === undefined ? [] : [{ name: p.name, check }]
      })
      return (wire) => {
        let count = 0
        for (const key in wire) {
          if (!allowed.has(key)) return true
          count++
        }
        if (count > size) return true
        for (let i = 0; i < nested.length; i++) {
          const { check, name } = nested[i]
          const value = wire[name]
          if (value !== undefined && check(value)) return true
        }
        return false
      }
    }
    case "Arrays": {
      if ([...ast.elements, ...ast.rest].every((t) => compileExcessCheck(t) === undefined)) return undefined
      const check = compileExcessCheck(arrayItem(ast))!
      return (wire: Array<unknown>) => {
        for (let i = 0; i < wire.length; i++) if (check(wire[i])) return true
        return false
      }
    }
    case "Union": {
      const members = ast.types.filter((t) => t._tag === "Objects" || t._tag === "Arrays" || t._tag === "Union")
      const checks = members.map(compileExcessCheck)
      if (checks.every((c) => c === undefined)) return undefined
      if (members.length === 1) {
        const check = checks[0]!
        return (wire) => wire !== null && typeof wire === "object" && check(wire)
      }
      const match = memberMatcher(members)
      return (wire) => {
        if (!isObject(wire)) return false
        const check = checks[match(wire)]
        return check === undefined ? true : check(wire)
      }
    }
    default:
      notRecursive(ast)
      return undefined
  }
}

type Validate = (wire: unknown) => boolean

// Generates one straight-line validator for a wire AST: types, every check,
// required keys and unknown keys, in a single pass with no allocation on the
// valid path. Checks it does not know are called through their own `run`.
const generateValidator = (root: SchemaAST.AST): Validate => {
  const constants: Array<unknown> = []
  const constant = (value: unknown) => `K[${constants.push(value) - 1}]`
  let fresh = 0
  const name = (prefix: string) => `${prefix}${fresh++}`
  const functions: Array<string> = []

  const checksCode = (ast: SchemaAST.AST, v: string): string => {
    let code = ""
    for (const check of filtersOf(ast)) {
      const run = `${constant(check)}.run(${v}, ${constant(ast)}, O) !== undefined`
      const constraints = constraintsOf(check, ast._tag === "Arrays")
      const only = constraints?.length === 1 ? constraints[0] : undefined
      switch (only?.kind) {
        case "minLength":
          // A string of `length` code units holds at least `length / 2` code points.
          code += only.codePoints
            ? `if (${v}.length < ${only.bound} || (${v}.length < ${2 * only.bound} && ${run})) return false;\n`
            : `if (${run}) return false;\n`
          break
        case "maxLength":
          code += only.codePoints
            ? `if (${v}.length > ${only.bound} && ${run}) return false;\n`
            : `if (${v}.length > ${only.bound}) return false;\n`
          break
        case "maxItems":
          code += `if (${v}.length > ${only.bound}) return false;\n`
          break
        case "pattern":
          code += only.bound.global || only.bound.sticky
            ? `if (${run}) return false;\n`
            : `if (!${constant(only.bound)}.test(${v})) return false;\n`
          break
        case "integer":
          code += `if (!Number.isInteger(${v})) return false;\n`
          break
        default:
          code += `if (${run}) return false;\n`
      }
    }
    return code
  }

  // A separate function for a union member: `return` leaves the member only.
  const memberFunction = (ast: SchemaAST.AST): string => {
    const f = name("m")
    const v = name("v")
    functions.push(`function ${f}(${v}) {\n${gen(ast, v)}return true;\n}`)
    return f
  }

  const gen = (ast: SchemaAST.AST, v: string): string => {
    switch (ast._tag) {
      case "String":
        return `if (typeof ${v} !== "string") return false;\n${checksCode(ast, v)}`
      case "Number":
        return `if (typeof ${v} !== "number") return false;\n${checksCode(ast, v)}`
      case "Boolean":
        return `if (typeof ${v} !== "boolean") return false;\n${checksCode(ast, v)}`
      case "Null":
        return `if (${v} !== null) return false;\n`
      case "Unknown":
        // Any JSON (a wallet's token, a connector's answer): nothing to check but the node's own checks.
        return checksCode(ast, v)
      case "Literal":
        return `if (${v} !== ${constant(ast.literal)}) return false;\n${checksCode(ast, v)}`
      case "Union": {
        const literals = ast.types.every((t) => t._tag === "Literal" || t._tag === "Null")
        if (literals && (ast.types as Array<SchemaAST.AST>).every((t) => filtersOf(t).length === 0)) {
          const tests = ast.types.map((t) => `${v} === ${t._tag === "Null" ? "null" : constant((t as SchemaAST.Literal).literal)}`)
          return `if (!(${tests.join(" || ")})) return false;\n${checksCode(ast, v)}`
        }
        const others = nonNullMembers(ast)
        const nullable = others.length < ast.types.length
        const body = others.length === 1
          ? gen(others[0], v)
          : `if (!(${others.map((t) => `${memberFunction(t)}(${v})`).join(" || ")})) return false;\n`
        return (nullable ? `if (${v} !== null) {\n${body}}\n` : body) + checksCode(ast, v)
      }
      case "Arrays": {
        const item = arrayItem(ast)
        const i = name("i")
        const e = name("e")
        return `if (!Array.isArray(${v})) return false;\n${checksCode(ast, v)}` +
          `for (let ${i} = 0; ${i} < ${v}.length; ${i}++) {\nconst ${e} = ${v}[${i}];\n${gen(item, e)}}\n`
      }
      case "Objects": {
        let code = `if (typeof ${v} !== "object" || ${v} === null || Array.isArray(${v})) return false;\n`
        const k = name("k")
        const value = recordValue(ast)
        if (value !== undefined) {
          const e = name("e")
          return code + `for (const ${k} in ${v}) {\nconst ${e} = ${v}[${k}];\n${gen(value, e)}}\n` +
            checksCode(ast, v)
        }
        const properties = propertiesOf(ast)
        const cases = properties.map((property) => `case ${JSON.stringify(property.name)}:`).join(" ")
        code += `for (const ${k} in ${v}) {\nswitch (${k}) { ${cases} break; default: return false }\n}\n`
        for (const property of properties) {
          const p = name("p")
          const key = JSON.stringify(property.name)
          code += `const ${p} = ${v}[${key}];\n`
          code += property.optional
            ? `if (${p} === undefined) { if (Object.hasOwn(${v}, ${key})) return false; } else {\n${gen(property.type, p)}}\n`
            : `if (${p} === undefined) return false;\n${gen(property.type, p)}`
        }
        return code + checksCode(ast, v)
      }
      default:
        throw new UnsupportedSchemaError(`${notRecursive(ast)._tag} nodes are not supported`)
    }
  }

  const body = gen(root, "input")
  const source = `"use strict";\n${functions.join("\n")}\nreturn function validate(input) {\n${body}return true;\n}`
  return new Function("K", "O", source)(constants, {}) as Validate
}

// The converter of a schema: the identity where the Type side is the wire JSON as it is.
const identity = (x: unknown) => x

const compileConvert = (ast: SchemaAST.AST): Convert => compileConverter(ast) ?? identity

// The generated validator of a wire AST; where code generation is blocked (a
// CSP without `unsafe-eval`), Effect's own validator plus the unknown-key walker.
const compileValidator = (ast: SchemaAST.AST): Validate => {
  try {
    return generateValidator(ast)
  } catch {
    SchemaJIT.enable(ast)
    const validate = Schema.is(Schema.make<Schema.Top>(ast))
    const hasExcess = compileExcessCheck(ast) ?? (() => false)
    return (input) => validate(input) && !hasExcess(input)
  }
}

// Inputs of up to this many JSON values (keys count too) are explained by the
// schema's own decoder, whose work grows with the number of issues it finds.
const smallInput = 1000

// Whether a JSON value holds more than `limit` values; stops counting there.
const exceeds = (value: unknown, limit: number, keysOf: (value: object) => ReadonlyArray<string> = Object.keys): boolean => {
  let budget = limit
  const stack: Array<unknown> = [value]
  while (stack.length > 0) {
    const current = stack.pop()
    if (--budget < 0) return true
    if (typeof current !== "object" || current === null) continue
    if (Array.isArray(current)) {
      if (current.length > budget) return true
      for (let i = 0; i < current.length; i++) stack.push(current[i])
    } else {
      const keys = keysOf(current)
      if (keys.length > budget) return true
      for (let i = 0; i < keys.length; i++) stack.push((current as Record<string, unknown>)[keys[i]])
    }
  }
  return false
}

const sameKind = (ast: SchemaAST.AST, value: unknown): boolean =>
  ast._tag === "Arrays" ? Array.isArray(value) : ast._tag === "Objects" ? isObject(value) : ast._tag === "Union"

type Explain = (ast: SchemaAST.AST, value: unknown, path: ReadonlyArray<PropertyKey>, into: DetailCollector) => void

// An object's keys and whether a value is large, remembered per object for
// one explanation: a large object's keys are costly to enumerate again.
const memo = () => {
  const keys = new WeakMap<object, ReadonlyArray<string>>()
  const large = new WeakMap<object, boolean>()
  const keysOf = (value: object): ReadonlyArray<string> => {
    let known = keys.get(value)
    if (known === undefined) keys.set(value, known = Object.keys(value))
    return known
  }
  const isLarge = (value: unknown): boolean => {
    if (typeof value !== "object" || value === null) return false
    let known = large.get(value)
    if (known === undefined) large.set(value, known = exceeds(value, smallInput, keysOf))
    return known
  }
  return { keysOf, isLarge }
}

// A container's own checks, run once its contents are valid, as the schema's decoder runs them.
const containerChecks: Explain = (ast, value, path, into) => {
  for (const check of filtersOf(ast)) {
    const issue = check.run(value, ast, strictOptions)
    if (issue === undefined) continue
    into.addIssue(new SchemaIssue.Filter(check, issue, value, strictOptions), value, path)
    if (check.aborted) return
  }
}

// Explains why a large wire value is invalid, in bounded work: it walks the
// containers (objects, records, arrays, unions of them) itself, in the order the
// schema's decoder reports issues (unknown keys, then properties in schema
// order; a container's own checks only when its contents are valid), skips
// valid parts with compiled validators, hands small parts to the schema's
// decoder, and stops once the collector is full. A large value is walked
// without asking first whether it is valid: a walk of a valid value finds
// nothing, and costs what the question would.
const makeExplain = (root: SchemaAST.AST, rootValidator: Validate) => {
  const validators = new Map<SchemaAST.AST, Validate>([[root, rootValidator]])
  const decoders = new Map<SchemaAST.AST, (input: unknown, options: typeof strictOptions) => Exit.Exit<unknown, unknown>>()
  const isValidAt = (ast: SchemaAST.AST, value: unknown) => {
    let validate = validators.get(ast)
    if (validate === undefined) validators.set(ast, validate = compileValidator(ast))
    return validate(value)
  }
  const bySchema: Explain = (ast, value, path, into) => {
    let decode = decoders.get(ast)
    if (decode === undefined) decoders.set(ast, decode = Schema.decodeUnknownExit(Schema.make<Schema.Top>(ast) as never))
    const exit = decode(value, strictOptions)
    if (exit._tag === "Success") return
    const error = exit.cause.reasons.find((reason) => reason._tag === "Fail")
    if (error !== undefined && Schema.isSchemaError(error.error)) into.addIssue(error.error.issue, value, path)
  }
  let known = memo()
  const explain: Explain = (ast, value, path, into) => {
    if (into.full) return
    if (!known.isLarge(value)) return isValidAt(ast, value) ? undefined : bySchema(ast, value, path, into)
    const before = into.count
    switch (ast._tag) {
      case "Arrays": {
        if (!Array.isArray(value) || ast.elements.length > 0 || ast.rest.length !== 1) break
        const item = arrayItem(ast)
        for (let i = 0; i < value.length && !into.full; i++) explain(item, value[i], [...path, i], into)
        if (into.count === before) containerChecks(ast, value, path, into)
        return
      }
      case "Objects": {
        if (!isObject(value)) break
        if (ast.indexSignatures.length > 0) {
          if (!isRecord(ast)) break
          const item = recordValue(ast)!
          for (const key of known.keysOf(value)) {
            if (into.full) return
            explain(item, value[key], [...path, key], into)
          }
        } else {
          const properties = propertiesOf(ast)
          const names = new Set(properties.map((p) => p.name))
          for (const key of known.keysOf(value)) {
            if (into.full) return
            if (!names.has(key)) into.addIssue(new SchemaIssue.UnexpectedKey(ast, value[key]), value[key], [...path, key])
          }
          for (const { name: key, optional, type } of properties) {
            const property = value[key]
            if (property !== undefined || Object.hasOwn(value, key)) explain(type, property, [...path, key], into)
            else if (!optional) into.addIssue(new SchemaIssue.MissingKey(undefined), value, [...path, key])
          }
        }
        if (into.count === before) containerChecks(ast, value, path, into)
        return
      }
      case "Union": {
        const members = ast.types.filter((member) => sameKind(member, value))
        if (members.length === 0) break
        // Several members could hold it: report the one the value comes closest to, as `issueToDetails` does.
        let best: DetailCollector | undefined
        for (const member of members) {
          const candidate = new DetailCollector(into.location)
          explain(member, value, path, candidate)
          if (best === undefined || candidate.count < best.count) best = candidate
        }
        into.addAll(best!)
        if (into.count === before) containerChecks(ast, value, path, into)
        return
      }
    }
    bySchema(ast, value, path, into)
  }
  return (value: unknown, location: ErrorLocation): DetailCollector => {
    known = memo()
    const collector = new DetailCollector(location)
    explain(root, value, [], collector)
    return collector
  }
}

/**
 * A compiled strict decoder for one schema.
 *
 * @category models
 * @since 0.1.0
 */
export interface StrictDecoder<A> {
  /** Wire JSON → Type side, or every invalid field. */
  readonly decode: (input: unknown) => Result.Result<A, ReadonlyArray<ErrorDetail>>
  /** `true` when the wire JSON is valid (checks and unknown keys), without building the Type side. */
  readonly isValid: (input: unknown) => boolean
  /** Validates wire JSON without building the Type side: `undefined` when valid, else every invalid field. */
  readonly check: (input: unknown) => ReadonlyArray<ErrorDetail> | undefined
}

/**
 * Compiles the strict decoder of a schema. Compile once, at start-up.
 *
 * @category constructors
 * @since 0.1.0
 */
export const make = <S extends Schema.Top & { readonly DecodingServices: never }>(
  schema: S,
  options?: { readonly location?: ErrorLocation | undefined }
): StrictDecoder<S["Type"]> => {
  const location = options?.location ?? "body"
  const wire = Schema.toEncoded(schema)
  const convert = compileConvert(schema.ast)
  const slowDecode = Schema.decodeUnknownExit(schema)
  const isValid = compileValidator(wire.ast)
  const explain = makeExplain(wire.ast, isValid)

  const decode = (input: unknown): Result.Result<S["Type"], ReadonlyArray<ErrorDetail>> => {
    if (isValid(input)) return Result.succeed(convert(input))
    if (exceeds(input, smallInput)) {
      // A large input: its details in bounded work, the first ones in document order.
      const collector = explain(input, location)
      if (collector.count > 0) return Result.fail(collector.result())
    }
    const exit = slowDecode(input, strictOptions)
    if (exit._tag === "Success") {
      // The reference decoder accepts what the fast path rejected: trust the
      // reference, so a divergence can cost speed but never correctness.
      return Result.succeed(exit.value)
    }
    const error = exit.cause.reasons.find((reason) => reason._tag === "Fail")
    if (error !== undefined && Schema.isSchemaError(error.error)) {
      return Result.fail(issueToDetails(error.error.issue, input, location))
    }
    return Result.fail([{ location, pointer: "", message: "Invalid request body", type: errorDetailTypes.value }])
  }

  const check = (input: unknown): ReadonlyArray<ErrorDetail> | undefined => {
    if (isValid(input)) return undefined
    const result = decode(input)
    return result._tag === "Failure" ? result.failure : undefined
  }

  return { decode, isValid, check }
}
