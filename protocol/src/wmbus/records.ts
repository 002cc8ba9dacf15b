/**
 * Application-layer record parser, EN 13757-3 (radio.md § 7): walks DIF/DIFE/VIF/VIFE/data records
 * of a decrypted application payload, and of compact frames whose headers were learned from a full
 * frame (radio.md § 6). Never throws: a bad record stops the walk with a coded error and the records
 * read so far are kept.
 *
 * Hot path: table lookups, one scratch header reused for every record, no regular expressions; the
 * only strings built per record are its header/data hex and, when VIFEs are present, its description.
 */
import { WmbusError } from '../errors.js';
import { crc16En13757 } from './crc.js';
import { decodeDateG, decodeDateTimeF, decodeDateTimeI, decodeTimeJ, timePointInvalid } from './dates.js';
import { FIRST_EXTENSION_VIF } from './registries/vif-fb.js';
import { SECOND_EXTENSION_VIF } from './registries/vif-fd.js';
import { ValueKind, vif, type VifInfo } from './registries/vif-info.js';
import {
  PRIMARY_VIF,
  VIF_FIRST_EXTENSION,
  VIF_MANUFACTURER,
  VIF_PLAIN_TEXT,
  VIF_RESERVED_EXTENSION,
  VIF_SECOND_EXTENSION,
} from './registries/vif.js';
import { COMBINABLE_VIFE, COMBINABLE_VIFE_EXTENSION, VifeEffect } from './registries/vife.js';
import type { DataRecord, RecordFunction, RecordsResult } from './types.js';

/** EN 13757-3: at most 10 DIFEs and 10 VIFEs per record. */
const MAX_EXTENSIONS = 10;
const DIF_FILLER = 0x2f;
const DIF_MANUFACTURER_DATA = 0x0f;
const DIF_MORE_RECORDS_FOLLOW = 0x1f;
const DIF_GLOBAL_READOUT = 0x7f;
const DATA_FIELD_LVAR = 0x0d;
const DATA_FIELD_SPECIAL = 0x0f;

const FUNCTIONS: readonly RecordFunction[] = ['instantaneous', 'maximum', 'minimum', 'error'];

/** Data bytes per DIF data field (radio.md § 7.1); LVAR and special are handled apart. */
const DATA_LENGTH = [0, 1, 2, 3, 4, 4, 6, 8, 0, 1, 2, 3, 4, 0, 6, 0] as const;
const enum DataType {
  None = 0,
  Integer = 1,
  Real = 2,
  Bcd = 3,
  Text = 4,
  /** LVAR binary too long for a number. */
  Bytes = 5,
  Double = 6,
}
const DATA_TYPE: readonly DataType[] = [
  DataType.None, DataType.Integer, DataType.Integer, DataType.Integer, DataType.Integer, DataType.Real,
  DataType.Integer, DataType.Integer, DataType.None, DataType.Bcd, DataType.Bcd, DataType.Bcd,
  DataType.Bcd, DataType.None, DataType.Bcd, DataType.None,
];

const HEX: readonly string[] = Array.from({ length: 256 }, (_, i) => i.toString(16).toUpperCase().padStart(2, '0'));

function hexOf(b: Uint8Array, from: number, to: number): string {
  let s = '';
  for (let i = from; i < to; i++) s += HEX[b[i]!];
  return s;
}

const RESERVED_EXTENSION_VIF = vif('unknown', 'Reserved VIF (third extension table)', '', 1, ValueKind.Plain);

let formatScratch = new Uint8Array(256);
const EMPTY_FORMAT = new Uint8Array(0);

/** The decoded DIF..VIFE of one record; one instance is reused for every record. */
interface Header {
  dataField: number;
  storage: number;
  tariff: number;
  subunit: number;
  func: number;
  info: VifInfo;
  modifiers: string[] | undefined;
  /** Product of the multiplicative-correction VIFEs, as multiplier / divisor. */
  multiplier: number;
  divisor: number;
  /** Seconds of a "per time unit" VIFE, 0 when none. */
  perTime: number;
  /** Seconds per unit of a duration VIFE, 0 when none. */
  duration: number;
  timePoint: boolean;
  count: boolean;
  /** The LVAR data is a compact profile: kept as hex. */
  profile: boolean;
  manufacturer: boolean;
  plainTextUnit: string | undefined;
}

const scratch: Header = {
  dataField: 0, storage: 0, tariff: 0, subunit: 0, func: 0, info: PRIMARY_VIF[0]!, modifiers: undefined,
  multiplier: 1, divisor: 1, perTime: 0, duration: 0, timePoint: false, count: false, profile: false, manufacturer: false, plainTextUnit: undefined,
};

/** Failure of a header or data read: the position is negative. */
const TRUNCATED = -1;
const INVALID = -2;
let failure = '';

/**
 * Reads DIF, DIFEs, VIF, VIFEs (and a plain-text unit) from `b` at `p` into `h`.
 * Returns the position after the header, or TRUNCATED / INVALID with `failure` set.
 */
function readHeader(b: Uint8Array, p: number, end: number, h: Header): number {
  const dif = b[p++]!;
  h.dataField = dif & 0x0f;
  h.func = (dif >> 4) & 3;
  let storage = (dif >> 6) & 1;
  let tariff = 0;
  let subunit = 0;
  let more = dif & 0x80;
  for (let n = 0; more; n++) {
    if (n === MAX_EXTENSIONS) return (failure = 'more than 10 DIFEs'), INVALID;
    if (p >= end) return (failure = 'DIFE'), TRUNCATED;
    const dife = b[p++]!;
    storage += (dife & 0x0f) * 2 ** (1 + 4 * n);
    tariff += ((dife >> 4) & 3) * 2 ** (2 * n);
    subunit += ((dife >> 6) & 1) * 2 ** n;
    more = dife & 0x80;
  }
  h.storage = storage;
  h.tariff = tariff;
  h.subunit = subunit;
  h.modifiers = undefined;
  h.multiplier = 1;
  h.divisor = 1;
  h.perTime = 0;
  h.duration = 0;
  h.timePoint = false;
  h.count = false;
  h.profile = false;
  h.manufacturer = false;
  h.plainTextUnit = undefined;

  if (p >= end) return (failure = 'VIF'), TRUNCATED;
  const vifByte = b[p++]!;
  const code = vifByte & 0x7f;
  more = vifByte & 0x80;
  let info: VifInfo;
  if (code === VIF_FIRST_EXTENSION || code === VIF_SECOND_EXTENSION || (code === VIF_RESERVED_EXTENSION && more)) {
    if (!more && code !== VIF_RESERVED_EXTENSION) {
      // FB/FD without the extension bit: the table code is missing.
      return (failure = `VIF ${HEX[vifByte]} without its table code`), INVALID;
    }
    if (p >= end) return (failure = 'extension VIF code'), TRUNCATED;
    const ext = b[p++]!;
    info = code === VIF_FIRST_EXTENSION ? FIRST_EXTENSION_VIF[ext & 0x7f]! : code === VIF_SECOND_EXTENSION ? SECOND_EXTENSION_VIF[ext & 0x7f]! : RESERVED_EXTENSION_VIF;
    more = ext & 0x80;
  } else {
    info = PRIMARY_VIF[code]!;
  }
  h.info = info;
  if (code === VIF_MANUFACTURER) h.manufacturer = true;
  if (info.kind === ValueKind.TimePoint) h.timePoint = true;

  if (code === VIF_PLAIN_TEXT) {
    // Plain-text unit: a length byte and ASCII, last character first (radio.md § 7.2), right after the
    // VIF and before any VIFE ("the true VIF is represented by the following ASCII string", EN 13757-3;
    // the same order as rscada/libmbus: mbus/mbus-protocol.c, mbus_data_variable_parse).
    if (p >= end) return (failure = 'plain-text VIF length'), TRUNCATED;
    const len = b[p++]!;
    if (p + len > end) return (failure = 'plain-text VIF'), TRUNCATED;
    h.plainTextUnit = reversedAscii(b, p, p + len);
    p += len;
  }

  let extensionNext = false;
  let mfctVife = false;
  for (let n = 0; more; n++) {
    if (n === MAX_EXTENSIONS) return (failure = 'more than 10 VIFEs'), INVALID;
    if (p >= end) return (failure = 'VIFE'), TRUNCATED;
    const vife = b[p++]!;
    more = vife & 0x80;
    // After VIF 7F the VIFEs are the manufacturer's; after VIFE 7F too, but meters use them to
    // refine a standard VIF (Schneider iEM3000 04FDC9FF01 = voltage L1 in V), so the VIF still counts.
    if (h.manufacturer) continue;
    if (mfctVife) {
      (h.modifiers ??= []).push(`manufacturer VIFE ${HEX[vife & 0x7f]}`);
      continue;
    }
    const entry = extensionNext ? COMBINABLE_VIFE_EXTENSION[vife & 0x7f]! : COMBINABLE_VIFE[vife & 0x7f]!;
    extensionNext = false;
    switch (entry.effect) {
      case VifeEffect.Extension:
        extensionNext = true;
        continue;
      case VifeEffect.Scale:
        h.multiplier *= entry.multiplier;
        h.divisor *= entry.divisor;
        break;
      case VifeEffect.PerTime:
        h.perTime = entry.factor;
        break;
      case VifeEffect.TimePoint:
        h.timePoint = true;
        break;
      case VifeEffect.Duration:
        h.duration = entry.factor;
        break;
      case VifeEffect.Count:
        h.count = true;
        break;
      case VifeEffect.Profile:
        h.profile = true;
        break;
      case VifeEffect.Manufacturer:
        mfctVife = true;
        break;
      default:
        break;
    }
    (h.modifiers ??= []).push(entry.name);
  }

  return p;
}

function reversedAscii(b: Uint8Array, from: number, to: number): string {
  let s = '';
  for (let i = to - 1; i >= from; i--) s += String.fromCharCode(b[i]!);
  return s;
}

// Scratch for 32/64-bit IEEE reals, independent of the platform's byte order.
const f32 = new Float32Array(1);
const f64 = new Float64Array(1);
const f32Bytes = new Uint8Array(f32.buffer);
const f64Bytes = new Uint8Array(f64.buffer);
const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

function readReal(b: Uint8Array, p: number, len: 4 | 8): number {
  const bytes = len === 4 ? f32Bytes : f64Bytes;
  for (let i = 0; i < len; i++) bytes[LITTLE_ENDIAN ? i : len - 1 - i] = b[p + i]!;
  return len === 4 ? f32[0]! : f64[0]!;
}

/** Little-endian integer of up to 8 bytes; two's complement when `signed`. Above 2^53 precision is lost. */
function readInteger(b: Uint8Array, p: number, len: number, signed: boolean): number {
  let value = 0;
  let factor = 1;
  for (let i = 0; i < len; i++) {
    value += b[p + i]! * factor;
    factor *= 256;
  }
  if (signed && b[p + len - 1]! & 0x80) value -= factor;
  return value;
}

/**
 * BCD of `len` bytes, least significant byte first. A top nibble F means negative (radio.md § 7.1, P1
 * `4000F0` → −40). Any other nibble above 9 (e.g. FFFFFF "not set", or error markers) gives null.
 */
function readBcd(b: Uint8Array, p: number, len: number, negative = false): number | null {
  let value = 0;
  for (let i = p + len - 1; i >= p; i--) {
    const byte = b[i]!;
    let hi = byte >> 4;
    const lo = byte & 0x0f;
    if (i === p + len - 1 && hi === 0x0f) {
      negative = !negative;
      hi = 0;
    }
    if (hi > 9 || lo > 9) return null;
    value = value * 100 + hi * 10 + lo;
  }
  return negative ? -value : value;
}

/** Date-times with the IV bit set are read all the same; the record carries `invalid` (see DataRecord). */
function decodeTimePoint(b: Uint8Array, p: number, len: number): string | null {
  switch (len) {
    case 2:
      return decodeDateG(b, p);
    case 3:
      return decodeTimeJ(b, p);
    case 4:
      return decodeDateTimeF(b, p, true);
    case 6:
      return decodeDateTimeI(b, p, true);
    default:
      return null;
  }
}

const PER_TIME_UNIT: Record<string, readonly [quantity: string, unit: string] | undefined> = {
  m3: ['volume_flow', 'm3/h'],
  Wh: ['power', 'W'],
  J: ['power', 'J/h'],
};

/** A quantity per `seconds` expressed per hour, dividing or multiplying by whole numbers only. */
function perHour(value: number, seconds: number): number {
  if (seconds === 3600) return value;
  return seconds < 3600 ? value * (3600 / seconds) : value / (seconds / 3600);
}

/**
 * Reads the data of the record whose header is in `h` from `b` at `p` and builds the record.
 * Returns the position after the data, or TRUNCATED / INVALID with `failure` set.
 */
function readRecord(
  h: Header, b: Uint8Array, p: number, end: number,
  headerBytes: Uint8Array, headerStart: number, headerEnd: number, offset: number, out: DataRecord[],
): number {
  const df = h.dataField;
  let type = DATA_TYPE[df]!;
  let len: number = DATA_LENGTH[df]!;
  const dataStart = p;
  let lvarNegative = false;
  if (df === DATA_FIELD_LVAR) {
    if (p >= end) return (failure = 'LVAR length'), TRUNCATED;
    const lvar = b[p++]!;
    if (lvar < 0xc0) {
      type = DataType.Text;
      len = lvar;
    } else if (lvar < 0xe0) {
      type = DataType.Bcd;
      len = lvar & 0x0f;
      lvarNegative = lvar >= 0xd0;
    } else if (lvar < 0xf0) {
      len = lvar - 0xe0;
      type = len <= 8 ? DataType.Integer : DataType.Bytes;
    } else if (lvar <= 0xf4) {
      // EN 13757-3: F0–F4 binary of 4 × (LVAR − EC) bytes; F5 48 bytes; F6 64 bytes.
      type = DataType.Bytes;
      len = 4 * (lvar - 0xec);
    } else if (lvar === 0xf5 || lvar === 0xf6) {
      type = DataType.Bytes;
      len = lvar === 0xf5 ? 48 : 64;
    } else if (lvar === 0xf8) {
      // 8-byte IEEE double (lvogt/wireless-mbus-parser: src/parser/dataRecords.ts; radio.md § 7.4).
      type = DataType.Double;
      len = 8;
    } else {
      return (failure = `reserved LVAR ${HEX[lvar]}`), INVALID;
    }
  }
  if (p + len > end) return (failure = `data of ${len} bytes`), TRUNCATED;

  const info = h.info;
  let quantity = info.quantity;
  let unit = info.unit;
  let value: number | string | null = null;
  let invalid = false;
  if (h.timePoint && type !== DataType.Text && type !== DataType.None) {
    value = decodeTimePoint(b, p, len);
    invalid = timePointInvalid(b, p, len);
    unit = len === 2 ? 'date' : len === 3 ? 'text' : 'datetime';
    if (info.kind !== ValueKind.TimePoint) quantity = unit === 'text' ? 'time' : unit;
    else if (info.quantity === 'date' || info.quantity === 'datetime') quantity = unit === 'text' ? 'time' : unit;
  } else {
    let raw: number | null = null;
    switch (type) {
      case DataType.Integer:
        raw = readInteger(b, p, len, info.signed && !h.manufacturer);
        break;
      case DataType.Real:
        raw = readReal(b, p, 4);
        break;
      case DataType.Double:
        raw = readReal(b, p, 8);
        break;
      case DataType.Bcd:
        raw = readBcd(b, p, len, lvarNegative);
        break;
      case DataType.Text:
        if (h.manufacturer || h.profile || info.kind === ValueKind.Raw) {
          // Behind a manufacturer VIF or a compact-profile VIFE an LVAR of 00–BF bytes is binary, not text.
          value = hexOf(b, p, p + len);
          unit = 'raw';
        } else {
          value = reversedAscii(b, p, p + len);
          unit = 'text';
        }
        break;
      case DataType.Bytes:
        value = hexOf(b, p, p + len);
        unit = 'raw';
        break;
      default:
        break;
    }
    if (raw !== null) {
      if (h.manufacturer || info.kind === ValueKind.Raw) {
        value = raw;
        unit = 'raw';
      } else if (h.count) {
        value = raw;
        unit = 'count';
      } else if (h.duration) {
        value = raw * h.duration;
        unit = 's';
      } else if (info.kind === ValueKind.Plain) {
        value = raw;
      } else {
        value = (raw * info.multiplier * h.multiplier) / (info.divisor * h.divisor);
        if (h.perTime) {
          const converted = PER_TIME_UNIT[unit];
          if (converted) {
            quantity = converted[0];
            if (unit === 'm3' && h.perTime === 1) unit = 'm3/s';
            else if (unit === 'm3' && h.perTime === 60) unit = 'm3/min';
            else {
              unit = converted[1];
              value = perHour(value, h.perTime);
            }
          }
        }
      }
    }
  }
  p += len;

  const record: DataRecord = {
    offset,
    length: headerEnd - headerStart + (p - dataStart),
    header: hexOf(headerBytes, headerStart, headerEnd),
    data: hexOf(b, dataStart, p),
    storage: h.storage,
    tariff: h.tariff,
    subunit: h.subunit,
    function: FUNCTIONS[h.func]!,
    quantity,
    description: h.modifiers ? `${info.description}, ${h.modifiers.join(', ')}` : info.description,
    value,
    unit,
  };
  if (h.modifiers) record.modifiers = h.modifiers;
  if (h.plainTextUnit !== undefined) record.plainTextUnit = h.plainTextUnit;
  if (invalid) record.invalid = true;
  out.push(record);
  return p;
}

function fail(code: 'RECORD_TRUNCATED' | 'RECORD_INVALID', offset: number): WmbusError {
  return WmbusError.quiet(code, failure, offset);
}

/**
 * Walks the records of `payload` from `start` to `end` (the decrypted application payload after the
 * TPL header). 2F fillers are skipped; DIF 0F/1F hand the rest over as manufacturer data; DIF 7F
 * (global readout request) carries nothing and is skipped.
 */
export function parseRecords(payload: Uint8Array, start = 0, end = payload.length): RecordsResult {
  if (end > payload.length) end = payload.length;
  const records: DataRecord[] = [];
  // The headers are gathered in a buffer kept between calls and copied out at the end: a payload-sized
  // array per call was allocated outside the heap (typed arrays over 64 bytes are), the format seldom is.
  if (formatScratch.length < end - start) formatScratch = new Uint8Array(Math.max(end - start, 2 * formatScratch.length));
  const format = formatScratch;
  let formatLength = 0;
  const result: RecordsResult = { records, moreRecordsFollow: false, format: EMPTY_FORMAT };
  const h = scratch;
  let p = start;
  while (p < end) {
    const dif = payload[p]!;
    if (dif === DIF_FILLER || dif === DIF_GLOBAL_READOUT) {
      p++;
      continue;
    }
    if (dif === DIF_MANUFACTURER_DATA || dif === DIF_MORE_RECORDS_FOLLOW) {
      result.moreRecordsFollow = dif === DIF_MORE_RECORDS_FOLLOW;
      result.manufacturerData = { offset: p + 1, bytes: payload.subarray(p + 1, end) };
      break;
    }
    if ((dif & 0x0f) === DATA_FIELD_SPECIAL) {
      failure = `reserved special DIF ${HEX[dif]}`;
      result.error = fail('RECORD_INVALID', p);
      break;
    }
    const headerEnd = readHeader(payload, p, end, h);
    if (headerEnd < 0) {
      result.error = fail(headerEnd === TRUNCATED ? 'RECORD_TRUNCATED' : 'RECORD_INVALID', p);
      break;
    }
    const next = readRecord(h, payload, headerEnd, end, payload, p, headerEnd, p, records);
    if (next < 0) {
      result.error = fail(next === TRUNCATED ? 'RECORD_TRUNCATED' : 'RECORD_INVALID', p);
      break;
    }
    for (let i = p; i < headerEnd; i++) format[formatLength++] = payload[i]!;
    p = next;
  }
  result.format = format.slice(0, formatLength);
  return result;
}

/**
 * Decodes a compact frame (CI 73/79/7B, radio.md § 6): `format` is the concatenated DIF..VIFE headers
 * learned from a full frame (its RecordsResult.format); `data` holds the record data back to back
 * from `start` to `end`. Record offsets are positions in `data`.
 */
export function parseCompactRecords(format: Uint8Array, data: Uint8Array, start = 0, end = data.length): RecordsResult {
  if (end > data.length) end = data.length;
  const records: DataRecord[] = [];
  const result: RecordsResult = { records, moreRecordsFollow: false, format };
  const h = scratch;
  let f = 0;
  let p = start;
  while (f < format.length) {
    const dif = format[f]!;
    if (dif === DIF_FILLER || dif === DIF_GLOBAL_READOUT) {
      f++;
      continue;
    }
    if ((dif & 0x0f) === DATA_FIELD_SPECIAL) {
      failure = `special DIF ${HEX[dif]} in a compact format`;
      result.error = fail('RECORD_INVALID', p);
      return result;
    }
    const headerEnd = readHeader(format, f, format.length, h);
    if (headerEnd < 0) {
      failure = `compact format: ${failure}`;
      result.error = fail('RECORD_INVALID', p);
      return result;
    }
    const next = readRecord(h, data, p, end, format, f, headerEnd, p, records);
    if (next < 0) {
      result.error = fail(next === TRUNCATED ? 'RECORD_TRUNCATED' : 'RECORD_INVALID', p);
      return result;
    }
    f = headerEnd;
    p = next;
  }
  while (p < end && data[p] === DIF_FILLER) p++;
  if (p < end) {
    failure = `${end - p} data bytes left after the last record of the format`;
    result.error = fail('RECORD_INVALID', p);
  }
  return result;
}

/** Format signature of a compact frame: CRC-16/EN-13757 over the DIF..VIFE bytes (radio.md § 6). */
export function formatSignature(format: Uint8Array): number {
  return crc16En13757(format);
}

function nibble(c: number): number {
  return c <= 0x39 ? c - 0x30 : (c & 0x07) + 9;
}

/**
 * Full-frame CRC of a compact frame: CRC-16/EN-13757 over the header and data bytes of all records
 * as they would stand in the full frame (radio.md § 6). Compare it with the frame's CRC field.
 */
export function fullFrameCrc(result: RecordsResult): number {
  let size = 0;
  for (const r of result.records) size += (r.header.length + r.data.length) >> 1;
  const bytes = new Uint8Array(size);
  let i = 0;
  for (const r of result.records) {
    for (const s of [r.header, r.data]) {
      for (let k = 0; k < s.length; k += 2) bytes[i++] = (nibble(s.charCodeAt(k)) << 4) | nibble(s.charCodeAt(k + 1));
    }
  }
  return crc16En13757(bytes);
}
