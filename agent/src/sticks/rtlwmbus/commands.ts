/**
 * rtl_wmbus output lines (radio.md § 2.7; xaelsouth/rtl-wmbus: t1_c1_packet_decoder.h, README;
 * wmbusmeters/wmbusmeters: src/wmbus_rtlwmbus.cc). There is nothing to send: the "stick" is a child
 * process (`rtl_sdr -f 868.625M -s 1.6e6 - | rtl_wmbus -s -f`) or stdin.
 */

/** `MODE;CRC_OK;3OUTOF6_OK;TIMESTAMP;PACKET_RSSI;CURRENT_RSSI;ID;0x<hex>[;0x<hex>…]` */
export const COLUMN = { MODE: 0, CRC_OK: 1, THREE_OF_SIX_OK: 2, TIMESTAMP: 3, PACKET_RSSI: 4, CURRENT_RSSI: 5, ID: 6, FIRST_HEX: 7 } as const;

export const MODES: ReadonlySet<string> = new Set(['T1', 'C1', 'S1']);

/** With `-v` a demodulator name comes first. */
export const DEMODULATOR_PREFIX = /^(?:rla|t2a);/;

/** Suggested child process (radio.md § 2.7); at 868.625 MHz with -s it hears T1, C1 and S1. */
export const DEFAULT_PIPELINE = 'rtl_sdr -f 868.625M -s 1.6e6 - 2>/dev/null | rtl_wmbus -s -f';

export const MAX_LINE = 2048;
