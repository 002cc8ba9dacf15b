/**
 * A small schema language for the MQTT payloads. One schema per payload drives three things, so they
 * cannot drift apart: validation of decoded input, the canonical wire value handed to CBOR (fields in
 * schema order, so equal payloads encode to equal bytes), and the JSON debug form (bytes as hex).
 *
 * Reading is strict on types and ranges but ignores fields it does not know: the contract only ever
 * adds fields (see ./index.ts), so an older reader must accept a newer writer's payload.
 */
import { MqttContractError } from './errors.js';

/** 'wire': bytes are Uint8Array (CBOR byte strings); 'json': bytes are hex strings. */
export type Form = 'wire' | 'json';

export interface Schema<T> {
  /** Validates and copies `input`; throws MqttContractError('PAYLOAD_SCHEMA') with a path. */
  read(input: unknown, path: string, form: Form): T;
  /** Turns a valid value into its wire value (for CBOR) or its JSON debug value. */
  write(value: T, form: Form): unknown;
  readonly optional?: boolean;
}

export type Infer<S> = S extends Schema<infer T> ? T : never;

type Simplify<T> = { [K in keyof T]: T[K] } & {};

const fail = (path: string, detail: string): never => {
  throw new MqttContractError('PAYLOAD_SCHEMA', detail, path || '(root)');
};

/**
 * Paths are only needed in error messages, and building one string per field and array item cost more
 * than the checks themselves. So a read from the root first runs without paths (every path ''), and only
 * when that fails reads again with them, which throws the same error with its path.
 */
let pathless = false;

function fromRoot<T>(read: Schema<T>['read']): Schema<T>['read'] {
  return (input, path, form) => {
    if (pathless || path !== '') return read(input, path, form);
    pathless = true;
    try {
      return read(input, path, form);
    } catch {
      pathless = false;
      return read(input, path, form);
    } finally {
      pathless = false;
    }
  };
}

const describe = (value: unknown): string =>
  value === null ? 'null' : Array.isArray(value) ? 'array' : value instanceof Uint8Array ? 'bytes' : typeof value;

/** A map as CBOR/JSON decode it: not an array, byte string, Date (CBOR tag 1) or other tagged value. */
const isPlainObject = (value: unknown): value is Record<string, unknown> => {
  if (typeof value !== 'object' || value === null) return false;
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
};

export function integer(opts: { min?: number; max?: number } = {}): Schema<number> {
  const min = opts.min ?? Number.MIN_SAFE_INTEGER;
  const max = opts.max ?? Number.MAX_SAFE_INTEGER;
  return {
    read(input, path) {
      if (typeof input !== 'number' || !Number.isSafeInteger(input)) return fail(path, `expected an integer, got ${describe(input)} ${String(input)}`);
      if (input < min || input > max) return fail(path, `${input} is outside ${min}..${max}`);
      return input;
    },
    // cbor-x writes numbers beyond 32 bits as float64; a BigInt becomes a proper CBOR integer,
    // which every other language reads back as an integer (e.g. millisecond timestamps).
    write: (value, form) => (form === 'wire' && (value > 0xffffffff || value < -0x100000000) ? BigInt(value) : value),
  };
}

export const uint = (max?: number): Schema<number> => integer({ min: 0, ...(max !== undefined ? { max } : {}) });

/** Milliseconds since 1970-01-01T00:00:00Z (UTC). */
export const timestampMs = (): Schema<number> => integer({ min: 0, max: 8.64e15 });

export function finiteNumber(opts: { min?: number; max?: number } = {}): Schema<number> {
  return {
    read(input, path) {
      if (typeof input !== 'number' || !Number.isFinite(input)) return fail(path, `expected a finite number, got ${describe(input)}`);
      if ((opts.min !== undefined && input < opts.min) || (opts.max !== undefined && input > opts.max)) {
        return fail(path, `${input} is outside ${opts.min ?? '-inf'}..${opts.max ?? 'inf'}`);
      }
      return input;
    },
    write: (value) => value,
  };
}

export function string(opts: { pattern?: RegExp; maxLength?: number; minLength?: number } = {}): Schema<string> {
  const maxLength = opts.maxLength ?? 1024;
  const minLength = opts.minLength ?? 0;
  const pattern = opts.pattern;
  // The last string that matched: a batch repeats the same stick id, error code, ... in every telegram.
  // Only for patterns without g/y, whose test() keeps no state between calls.
  const remember = pattern !== undefined && !pattern.global && !pattern.sticky;
  let matched: string | undefined;
  return {
    read(input, path) {
      if (typeof input !== 'string') return fail(path, `expected a string, got ${describe(input)}`);
      if (input.length > maxLength || input.length < minLength) return fail(path, `length ${input.length} is outside ${minLength}..${maxLength}`);
      if (pattern && input !== matched) {
        if (!pattern.test(input)) return fail(path, `"${input.slice(0, 64)}" does not match ${pattern}`);
        if (remember) matched = input;
      }
      return input;
    },
    write: (value) => value,
  };
}

export function boolean(): Schema<boolean> {
  return {
    read: (input, path) => (typeof input === 'boolean' ? input : fail(path, `expected a boolean, got ${describe(input)}`)),
    write: (value) => value,
  };
}

const HEX = /^(?:[0-9A-Fa-f]{2})*$/;

export function bytes(opts: { minLength?: number; maxLength?: number } = {}): Schema<Uint8Array> {
  const minLength = opts.minLength ?? 0;
  const maxLength = opts.maxLength ?? 65536;
  return {
    read(input, path, form) {
      let out: Uint8Array;
      if (form === 'json') {
        if (typeof input !== 'string' || !HEX.test(input)) return fail(path, 'expected bytes as an even-length hex string');
        out = Uint8Array.from(Buffer.from(input, 'hex'));
      } else {
        if (!(input instanceof Uint8Array)) return fail(path, `expected a byte string, got ${describe(input)}`);
        // A plain copy, never a Buffer view into a larger message (the constructor copies a typed array in
        // one go; Uint8Array.from walks it with the iterator).
        out = new Uint8Array(input);
      }
      if (out.length < minLength || out.length > maxLength) return fail(path, `${out.length} bytes is outside ${minLength}..${maxLength}`);
      return out;
    },
    write: (value, form) => (form === 'json' ? Buffer.from(value).toString('hex').toUpperCase() : value),
  };
}

export function literal<const L extends string | number>(expected: L): Schema<L> {
  return {
    read: (input, path) => (input === expected ? (input as L) : fail(path, `expected ${JSON.stringify(expected)}, got ${JSON.stringify(input) ?? describe(input)}`)),
    write: (value) => value,
  };
}

export function oneOf<const V extends readonly string[]>(values: V): Schema<V[number]> {
  const allowed = new Set<string>(values);
  return {
    read: (input, path) =>
      typeof input === 'string' && allowed.has(input) ? (input as V[number]) : fail(path, `expected one of ${values.join(', ')}, got ${JSON.stringify(input) ?? describe(input)}`),
    write: (value) => value,
  };
}

export function nullable<T>(inner: Schema<T>): Schema<T | null> {
  return {
    read: (input, path, form) => (input === null ? null : inner.read(input, path, form)),
    write: (value, form) => (value === null ? null : inner.write(value, form)),
  };
}

/** Marks an object field as optional: absent (or undefined) is fine, null is not. */
export function optional<T>(inner: Schema<T>): Schema<T> & { optional: true } {
  return { read: inner.read, write: inner.write, optional: true };
}

export function array<T>(item: Schema<T>, opts: { maxItems?: number; minItems?: number } = {}): Schema<T[]> {
  const maxItems = opts.maxItems ?? 10000;
  const minItems = opts.minItems ?? 0;
  return {
    read: fromRoot((input, path, form) => {
      if (!Array.isArray(input)) return fail(path, `expected an array, got ${describe(input)}`);
      if (input.length > maxItems || input.length < minItems) return fail(path, `${input.length} items is outside ${minItems}..${maxItems}`);
      return input.map((element, i) => item.read(element, pathless ? '' : `${path}[${i}]`, form));
    }),
    write: (value, form) => value.map((element) => item.write(element, form)),
  };
}

type Shape = Record<string, Schema<any>>;
type RequiredKeys<S extends Shape> = { [K in keyof S]: S[K] extends { optional: true } ? never : K }[keyof S];
type OptionalKeys<S extends Shape> = { [K in keyof S]: S[K] extends { optional: true } ? K : never }[keyof S];
export type InferShape<S extends Shape> = Simplify<
  { [K in RequiredKeys<S>]: Infer<S[K]> } & { [K in OptionalKeys<S>]?: Infer<S[K]> }
>;

export interface ObjectSchema<S extends Shape> extends Schema<InferShape<S>> {
  readonly shape: S;
}

/** Sets an own property even for the key "__proto__" (which plain assignment would turn into a prototype change). */
const setOwn = (target: Record<string, unknown>, key: string, value: unknown): void => {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
};

const join = (path: string, key: string): string => (pathless ? '' : path ? `${path}.${key}` : key);

export function object<S extends Shape>(shape: S): ObjectSchema<S> {
  const keys = Object.keys(shape);
  const fields = keys.map((key) => shape[key]!);
  return {
    shape,
    read: fromRoot((input, path, form) => {
      if (!isPlainObject(input)) return fail(path, `expected a map, got ${describe(input)}`);
      const out: Record<string, unknown> = {};
      for (let i = 0; i < keys.length; i++) {
        const key = keys[i]!;
        const field = fields[i]!;
        const value = Object.prototype.hasOwnProperty.call(input, key) ? input[key] : undefined;
        if (value === undefined) {
          if (field.optional) continue;
          return fail(join(path, key), 'required field is missing');
        }
        out[key] = field.read(value, join(path, key), form);
      }
      return out as InferShape<S>;
    }),
    write(value, form) {
      const out: Record<string, unknown> = {};
      const record = value as Record<string, unknown>;
      for (const key of keys) {
        if (record[key] === undefined) continue;
        out[key] = shape[key]!.write(record[key], form);
      }
      return out;
    },
  };
}

/** A map from names (matching `keyPattern`) to values of one schema, e.g. counters. */
export function record<T>(value: Schema<T>, opts: { keyPattern?: RegExp; maxKeys?: number } = {}): Schema<Record<string, T>> {
  const keyPattern = opts.keyPattern ?? /^[A-Za-z0-9_.-]{1,64}$/;
  const maxKeys = opts.maxKeys ?? 256;
  return {
    read: fromRoot((input, path, form) => {
      if (!isPlainObject(input)) return fail(path, `expected a map, got ${describe(input)}`);
      const entries = Object.entries(input);
      if (entries.length > maxKeys) return fail(path, `${entries.length} keys, at most ${maxKeys}`);
      const out: Record<string, T> = {};
      for (const [key, element] of entries) {
        if (!keyPattern.test(key)) return fail(join(path, key), `key does not match ${keyPattern}`);
        setOwn(out, key, value.read(element, join(path, key), form));
      }
      return out;
    }),
    write(map, form) {
      const out: Record<string, unknown> = {};
      for (const [key, element] of Object.entries(map)) setOwn(out, key, value.write(element, form));
      return out;
    },
  };
}

/** Variants told apart by a string field (`type`); each variant is an object schema carrying that field as a literal. */
export function union<K extends string, V extends Record<string, ObjectSchema<any>>>(discriminant: K, variants: V): Schema<Infer<V[keyof V]>> {
  const names = Object.keys(variants);
  const pick = (input: unknown, path: string): ObjectSchema<any> => {
    const tag = isPlainObject(input) ? input[discriminant] : undefined;
    const variant = typeof tag === 'string' && Object.prototype.hasOwnProperty.call(variants, tag) ? variants[tag] : undefined;
    return variant ?? fail(join(path, discriminant), `expected one of ${names.join(', ')}, got ${JSON.stringify(tag) ?? describe(tag)}`);
  };
  return {
    read: fromRoot((input, path, form) => {
      if (!isPlainObject(input)) return fail(path, `expected a map, got ${describe(input)}`);
      return pick(input, path).read(input, path, form) as Infer<V[keyof V]>;
    }),
    write: (value, form) => pick(value, '').write(value, form),
  };
}

export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

/**
 * An opaque value whose shape the contract does not fix (e.g. a meter driver's reading view), limited to
 * what JSON can say, so its CBOR and JSON forms are the same value. Depth and size are bounded.
 */
export function jsonValue(opts: { maxDepth?: number; maxNodes?: number } = {}): Schema<JsonValue> {
  const maxDepth = opts.maxDepth ?? 8;
  const maxNodes = opts.maxNodes ?? 4096;
  return {
    read: fromRoot((input, path) => {
      let nodes = 0;
      const walk = (value: unknown, at: string, depth: number): JsonValue => {
        if (++nodes > maxNodes) return fail(path, `more than ${maxNodes} values`);
        if (value === null || typeof value === 'string' || typeof value === 'boolean') return value;
        if (typeof value === 'number') return Number.isFinite(value) ? value : fail(at, 'numbers must be finite');
        if (depth >= maxDepth) return fail(at, `nested deeper than ${maxDepth}`);
        if (Array.isArray(value)) return value.map((element, i) => walk(element, pathless ? '' : `${at}[${i}]`, depth + 1));
        if (isPlainObject(value)) {
          const out: { [key: string]: JsonValue } = {};
          for (const [key, element] of Object.entries(value)) setOwn(out, key, walk(element, join(at, key), depth + 1));
          return out;
        }
        return fail(at, `${describe(value)} is not a JSON value`);
      };
      return walk(input, path, 0);
    }),
    write: (value) => value,
  };
}
