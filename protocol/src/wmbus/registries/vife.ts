/**
 * Combinable (orthogonal) VIFE codes, EN 13757-3 (2018) table 15 and its extension table 16 (after
 * VIFE 0xFC/0x7C), and the record error codes 0x00–0x1F (table 18, slave to master). Summary in
 * radio.md § 7.2. Indexed by the VIFE without its extension bit.
 */
import { DURATION_NAMES, SECONDS_BY_NN, asFraction, pow10 } from './vif-info.js';

/** What a combinable VIFE does to the record beyond adding its name to `modifiers`. */
export const enum VifeEffect {
  /** Only changes the meaning. */
  None = 0,
  /** Multiplies the value by `factor` (multiplicative correction 0x70–0x77, 0x7D). */
  Scale = 1,
  /** "per time unit": `factor` seconds; turns m3 into a flow and Wh/J into a power where it can. */
  PerTime = 2,
  /** The value is a point in time (start date of, date of limit exceed). */
  TimePoint = 3,
  /** The value is a duration in units of `factor` seconds. */
  Duration = 4,
  /** The value is a count (number of limit exceeds). */
  Count = 5,
  /** 0x7C: the next VIFE comes from the extension table. */
  Extension = 6,
  /** 0x7F: the following VIFEs and the data are manufacturer specific. */
  Manufacturer = 7,
  /** 0x00–0x11, 0x15–0x1C: a record error code sent by the meter. */
  RecordError = 8,
  /** 0x13, 0x1E, 0x1F: the LVAR data is a compact profile (EN 13757-3:2018 Annex F), a series of values. */
  Profile = 9,
}

export interface VifeInfo {
  readonly name: string;
  readonly effect: VifeEffect;
  readonly factor: number;
  /** `factor` as multiplier / divisor (see VifInfo.divisor). */
  readonly multiplier: number;
  readonly divisor: number;
}

const e = (name: string, effect: VifeEffect = VifeEffect.None, factor = 1): VifeInfo => {
  const [multiplier, divisor] = asFraction(factor);
  return Object.freeze({ name, effect, factor, multiplier, divisor });
};

/**
 * Record error codes a meter reports in a VIFE (EN 13757-3 table "codes for record errors"): the meter
 * saying what it cannot do; the texts follow the standard's wording with "unsupported".
 */
const RECORD_ERRORS: Record<number, string> = {
  0x00: 'no error',
  0x01: 'too many DIFEs',
  0x02: 'storage number unsupported by the meter',
  0x03: 'unit number unsupported by the meter',
  0x04: 'tariff number unsupported by the meter',
  0x05: 'function unsupported by the meter',
  0x06: 'data class unsupported by the meter',
  0x07: 'data size unsupported by the meter',
  0x0b: 'too many VIFEs',
  0x0c: 'illegal VIF group',
  0x0d: 'illegal VIF exponent',
  0x0e: 'VIF/DIF mismatch',
  0x0f: 'unimplemented action',
  0x15: 'no data available',
  0x16: 'data overflow',
  0x17: 'data underflow',
  0x18: 'data error',
  0x1c: 'premature end of record',
};

const hex2 = (n: number): string => n.toString(16).toUpperCase().padStart(2, '0');
const limit = (u: number): string => (u ? 'upper' : 'lower');
const firstLast = (f: number): string => (f ? 'last' : 'first');
const PER_TIME = ['second', 'minute', 'hour', 'day', 'week', 'month', 'year'];
const PER_TIME_SECONDS = [1, 60, 3600, 86400, 7 * 86400, (365 * 86400) / 12, 365 * 86400];

function buildCombinable(): VifeInfo[] {
  const t: VifeInfo[] = new Array(128);
  for (let c = 0; c < 128; c++) t[c] = e(`reserved VIFE ${hex2(c)}`);
  for (let c = 0; c < 0x20; c++) t[c] = e(`error: ${RECORD_ERRORS[c] ?? `reserved record error ${hex2(c)}`}`, VifeEffect.RecordError);
  // EN 13757-3:2018 additions (wmbusmeters/wmbusmeters: src/dvparser.h, LIST_OF_VIF_COMBINABLES).
  t[0x12] = e('average value');
  t[0x13] = e('inverse compact profile', VifeEffect.Profile);
  t[0x14] = e('relative deviation');
  t[0x1d] = e('standard conformant data content');
  t[0x1e] = e('compact profile with register numbers', VifeEffect.Profile);
  t[0x1f] = e('compact profile', VifeEffect.Profile);
  for (let i = 0; i < 7; i++) t[0x20 + i] = e(`per ${PER_TIME[i]}`, VifeEffect.PerTime, PER_TIME_SECONDS[i]);
  t[0x27] = e('per revolution/measurement');
  t[0x28] = e('increment per input pulse on input channel 0');
  t[0x29] = e('increment per input pulse on input channel 1');
  t[0x2a] = e('increment per output pulse on output channel 0');
  t[0x2b] = e('increment per output pulse on output channel 1');
  t[0x2c] = e('per litre');
  t[0x2d] = e('per m3');
  t[0x2e] = e('per kg');
  t[0x2f] = e('per K');
  t[0x30] = e('per kWh');
  t[0x31] = e('per GJ');
  t[0x32] = e('per kW');
  t[0x33] = e('per K·l');
  t[0x34] = e('per V');
  t[0x35] = e('per A');
  t[0x36] = e('multiplied by s');
  t[0x37] = e('multiplied by s/V');
  t[0x38] = e('multiplied by s/A');
  t[0x39] = e('start date/time of', VifeEffect.TimePoint);
  t[0x3a] = e('uncorrected unit or value');
  t[0x3b] = e('forward flow');
  t[0x3c] = e('backward flow');
  t[0x3d] = e('non-metric unit system');
  t[0x3e] = e('value at base conditions');
  t[0x3f] = e('OBIS declaration');
  for (let u = 0; u < 2; u++) {
    t[0x40 | (u << 3)] = e(`${limit(u)} limit value`);
    t[0x41 | (u << 3)] = e(`number of exceeds of ${limit(u)} limit value`, VifeEffect.Count);
    for (let f = 0; f < 2; f++) {
      for (let b = 0; b < 2; b++) {
        t[0x42 | (u << 3) | (f << 2) | b] = e(`date/time of ${b ? 'end' : 'begin'} of ${firstLast(f)} ${limit(u)} limit exceed`, VifeEffect.TimePoint);
      }
      for (let nn = 0; nn < 4; nn++) {
        t[0x50 | (u << 3) | (f << 2) | nn] = e(`duration of ${firstLast(f)} ${limit(u)} limit exceed (${DURATION_NAMES[nn]})`, VifeEffect.Duration, SECONDS_BY_NN[nn]);
      }
    }
    t[0x68 | (u << 2)] = e(`value during ${limit(u)} limit exceed`);
  }
  for (let f = 0; f < 2; f++) {
    for (let nn = 0; nn < 4; nn++) t[0x60 | (f << 2) | nn] = e(`duration of ${firstLast(f)} (${DURATION_NAMES[nn]})`, VifeEffect.Duration, SECONDS_BY_NN[nn]);
    for (let b = 0; b < 2; b++) t[0x6a | (f << 2) | b] = e(`date/time of ${b ? 'end' : 'begin'} of ${firstLast(f)}`, VifeEffect.TimePoint);
  }
  t[0x69] = e('leakage values');
  t[0x6d] = e('overflow values');
  for (let n = 0; n < 8; n++) t[0x70 + n] = e(`multiplicative correction factor 10^${n - 6}`, VifeEffect.Scale, pow10(n - 6));
  for (let nn = 0; nn < 4; nn++) t[0x78 + nn] = e(`additive correction constant 10^${nn - 3}`);
  t[0x7c] = e('extension', VifeEffect.Extension);
  t[0x7d] = e('multiplicative correction factor 10^3', VifeEffect.Scale, 1000);
  t[0x7e] = e('future value');
  t[0x7f] = e('manufacturer specific', VifeEffect.Manufacturer);
  return t;
}

function buildExtension(): VifeInfo[] {
  const t: VifeInfo[] = new Array(128);
  for (let c = 0; c < 128; c++) t[c] = e(`reserved VIFE extension 7C${hex2(c)}`);
  t[0x01] = e('at phase L1');
  t[0x02] = e('at phase L2');
  t[0x03] = e('at phase L3');
  t[0x04] = e('at neutral');
  t[0x05] = e('between phase L1 and L2');
  t[0x06] = e('between phase L2 and L3');
  t[0x07] = e('between phase L3 and L1');
  t[0x08] = e('at quadrant Q1');
  t[0x09] = e('at quadrant Q2');
  t[0x0a] = e('at quadrant Q3');
  t[0x0b] = e('at quadrant Q4');
  t[0x0c] = e('delta between import and export');
  t[0x10] = e('accumulation of absolute value for both positive and negative contribution');
  return t;
}

/** Combinable VIFEs, 128 entries, indexed by `vife & 0x7F`. */
export const COMBINABLE_VIFE: readonly VifeInfo[] = Object.freeze(buildCombinable());
/** Combinable VIFE extension table (after VIFE 7C/FC), 128 entries. */
export const COMBINABLE_VIFE_EXTENSION: readonly VifeInfo[] = Object.freeze(buildExtension());
