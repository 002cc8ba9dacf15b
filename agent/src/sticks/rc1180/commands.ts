/**
 * Radiocrafts RC1180-MBUS (radio.md § 2.6; wmbusmeters/wmbusmeters: src/wmbus_rc1180.cc;
 * jmbus wireless/WMBusConnectionRadioCrafts.java). T1 reception only; no framing on the data path.
 */

/** Enter config mode; the module answers with the prompt. */
export const ENTER_CONFIG = 0x00;
export const PROMPT = 0x3e; // '>'
/** In config mode: dump the 256 configuration bytes (the module then prompts again). */
export const READ_CONFIG = 0x30; // '0'
export const EXIT_CONFIG = 0x58; // 'X'
export const CONFIG_SIZE = 256;
/** Configuration register that makes the module append an RSSI byte to each telegram. */
export const REGISTER_RSSI = 5;

/** C-fields wmbusmeters accepts (isValidWMBusCField): the only resync hint a raw stream has. */
export const C_FIELDS: ReadonlySet<number> = new Set([0x44, 0x46]);
export const MIN_L = 9; // C M(2) A(6) … at least up to the CI byte

export const LINK_MODES = ['T1'] as const;
