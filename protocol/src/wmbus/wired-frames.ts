/**
 * Wired M-Bus request BUILDERS (master → slave), the counterpart of `wired.ts`'s parser. Facts from
 * radio.md § 3.4 (m-bus.com "The M-Bus: A Documentation" ch. 5 and 8, EN 13757-2): short frame
 * `10 C A CS 16`, long frame `68 L L 68 C A CI data CS 16`, CS = sum(C..data) mod 256.
 */
import { manufacturerToCode } from './registries/manufacturers.js';

export const WIRED_ACK = 0xe5;
export const C_SND_NKE = 0x40;
/** REQ_UD2 without FCB; `| FCB` gives 7B. */
export const C_REQ_UD2 = 0x5b;
/** SND_UD without FCB; `| FCB` gives 73. */
export const C_SND_UD = 0x53;
/** Frame count bit of the master's C field, toggled on each new request. */
export const FCB = 0x20;
export const ADDRESS_NETWORK_LAYER = 0xfd;
export const ADDRESS_BROADCAST_REPLY = 0xfe;
export const ADDRESS_BROADCAST_NO_REPLY = 0xff;
export const CI_SELECT_SECONDARY = 0x52;

/** A request that cannot be built (address out of range, malformed secondary address pattern). */
export class WiredRequestError extends Error {
  override readonly name = 'WiredRequestError';
  readonly code = 'WIRED_REQUEST';
}

/** CS of the wired link layer: arithmetic sum modulo 256. */
export function wiredChecksum(bytes: ArrayLike<number>, start = 0, end = bytes.length): number {
  let s = 0;
  for (let i = start; i < end; i++) s += bytes[i]!;
  return s & 0xff;
}

const checkByte = (name: string, v: number) => {
  if (!Number.isInteger(v) || v < 0 || v > 255) throw new WiredRequestError(`${name} must be 0..255, got ${v}`);
};

export function shortFrame(c: number, a: number): Uint8Array {
  checkByte('C', c);
  checkByte('address', a);
  return Uint8Array.of(0x10, c, a, (c + a) & 0xff, 0x16);
}

export function longFrame(c: number, a: number, ci: number, data: Uint8Array = new Uint8Array(0)): Uint8Array {
  checkByte('C', c);
  checkByte('address', a);
  checkByte('CI', ci);
  const l = 3 + data.length;
  if (l > 255) throw new WiredRequestError(`long frame data of ${data.length} bytes exceeds L=255`);
  const out = new Uint8Array(l + 6);
  out.set([0x68, l, l, 0x68, c, a, ci], 0);
  out.set(data, 7);
  out[4 + l] = wiredChecksum(out, 4, 4 + l);
  out[5 + l] = 0x16;
  return out;
}

/** SND_NKE: link reset; the slave answers E5 and expects FCB=1 on the next request. */
export const sndNke = (address: number): Uint8Array => shortFrame(C_SND_NKE, address);

/** REQ_UD2: request class 2 data (5B, or 7B with the frame count bit). */
export const reqUd2 = (address: number, fcb: boolean): Uint8Array => shortFrame(C_REQ_UD2 | (fcb ? FCB : 0), address);

/**
 * A secondary address or selection mask. `id` is 8 characters, digits or `F` as a wildcard digit
 * (e.g. '12FFFFFF'); absent manufacturer/version/medium are wildcards (FF bytes).
 */
export interface SecondaryAddress {
  id: string;
  manufacturer?: string;
  version?: number;
  medium?: number;
}

/** The 8 selection bytes: id BCD LSB first (4), manufacturer (2, LE), version, medium. */
export function secondaryAddressBytes(address: SecondaryAddress): Uint8Array {
  const id = address.id.toUpperCase();
  if (!/^[0-9F]{8}$/.test(id)) throw new WiredRequestError(`secondary id must be 8 digits or F wildcards, got '${address.id}'`);
  const out = new Uint8Array(8).fill(0xff);
  for (let i = 0; i < 4; i++) out[i] = parseInt(id.slice(6 - 2 * i, 8 - 2 * i), 16);
  if (address.manufacturer !== undefined) {
    if (!/^[A-Za-z]{3}$/.test(address.manufacturer)) throw new WiredRequestError(`manufacturer must be three letters, got '${address.manufacturer}'`);
    const code = manufacturerToCode(address.manufacturer);
    out[4] = code & 0xff;
    out[5] = code >> 8;
  }
  if (address.version !== undefined) {
    checkByte('version', address.version);
    out[6] = address.version;
  }
  if (address.medium !== undefined) {
    checkByte('medium', address.medium);
    out[7] = address.medium;
  }
  return out;
}

/** SND_UD to FD with CI 52: select the meter(s) matching the mask; a selected meter answers E5. */
export const selectSecondary = (address: SecondaryAddress): Uint8Array =>
  longFrame(C_SND_UD, ADDRESS_NETWORK_LAYER, CI_SELECT_SECONDARY, secondaryAddressBytes(address));

/**
 * Whether a meter's 8 address bytes match a selection mask: id digits nibble by nibble (F = any),
 * the other four bytes whole (FF = any).
 */
export function secondaryAddressMatches(mask: Uint8Array, meter: Uint8Array): boolean {
  for (let i = 0; i < 4; i++) {
    for (const shift of [0, 4]) {
      const m = (mask[i]! >> shift) & 0x0f;
      if (m !== 0x0f && m !== ((meter[i]! >> shift) & 0x0f)) return false;
    }
  }
  for (let i = 4; i < 8; i++) if (mask[i] !== 0xff && mask[i] !== meter[i]) return false;
  return true;
}
