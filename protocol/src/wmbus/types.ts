/** Types shared by the application-layer record parser, the layer decoders and the drivers. */

export type RecordFunction = 'instantaneous' | 'maximum' | 'minimum' | 'error';

/** One DIF/VIF data record (EN 13757-3), decoded and scaled. */
export interface DataRecord {
  /** Byte offset of the DIF within the bytes handed to the record parser. */
  offset: number;
  /** Number of bytes of the whole record (header + data). */
  length: number;
  /** DIF, DIFEs, VIF and VIFEs as uppercase hex, e.g. "0C13", "8C0113", "04FD17". */
  header: string;
  /** The data bytes as uppercase hex, as on the wire. */
  data: string;
  storage: number;
  tariff: number;
  subunit: number;
  function: RecordFunction;
  /**
   * Semantic quantity in snake_case, e.g. energy, volume, power, volume_flow, flow_temperature,
   * return_temperature, temperature_difference, external_temperature, pressure, hca, date, datetime,
   * on_time, operating_time, fabrication_number, error_flags, manufacturer_specific, unknown.
   */
  quantity: string;
  /** Human-readable meaning of the VIF plus its VIFEs, e.g. "Volume, backward flow". */
  description: string;
  /** Scaled value in `unit`; a string for dates (YYYY-MM-DD, YYYY-MM-DDTHH:MM[:SS]) and text; null when "not set" (see also `invalid`). */
  value: number | string | null;
  /**
   * Unit in the shared vocabulary (../shared/corpus/README.md): Wh J m3 W J/h m3/h m3/min m3/s °C °F K HCA s
   * V A Hz varh VAh var VA bar %RH % ppm m3°C count date datetime, '' for dimensionless, 'text' for strings,
   * 'raw' for bytes kept as hex.
   */
  unit: string;
  /** Meanings of combinable VIFEs in order (e.g. ["backward flow"]), when present. */
  modifiers?: string[];
  /** The unit text of a plain-text VIF (7C/FC), already put in reading order. */
  plainTextUnit?: string;
  /**
   * true when the meter marks this date-time invalid (IV bit of a type F or I time point, EN 13757-3 Annex A):
   * `value` is what the bytes encode, not a valid clock. Readings, fields and derived dates ignore such
   * records (protocol/src/meters/record.ts: validTimePoint).
   */
  invalid?: boolean;
  /** 'driver' when a meter driver read the value from a manufacturer payload (no DIF/VIF header). */
  source?: 'driver';
}

export interface RecordsResult {
  records: DataRecord[];
  /** Bytes after a DIF 0F/1F (manufacturer-specific data), with their offset. */
  manufacturerData?: { offset: number; bytes: Uint8Array };
  /** DIF 1F seen: more records follow in the next telegram. */
  moreRecordsFollow: boolean;
  /** The concatenated DIF..VIFE header bytes of all records (compact-frame format). */
  format: Uint8Array;
  /** Set when parsing stopped early; `records` holds what was read before. */
  error?: import('../errors.js').WmbusError;
}
