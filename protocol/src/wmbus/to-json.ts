/** JSON form of decoded telegrams: bytes become uppercase hex, everything else stays as it is. */
import { toHex } from '../util/hex.js';

export function toJsonValue(value: unknown): unknown {
  return JSON.parse(JSON.stringify(value, (_k, v) => (v instanceof Uint8Array ? toHex(v) : v)));
}

export function stringifyDecoded(value: unknown, indent?: number): string {
  return JSON.stringify(value, (_k, v) => (v instanceof Uint8Array ? toHex(v) : v), indent);
}
