/**
 * CUL / nanoCUL running culfw (radio.md § 2.4; heliflieger/a-culfw: culfw/clib/rf_mbus.c;
 * wmbusmeters/wmbusmeters: src/wmbus_cul.cc; lvogt/ioBroker.wireless-mbus: lib/receiver/CulReceiver.js). Data only.
 */

export const EOL = '\r\n';

export const COMMAND = {
  VERSION: 'V',
  /** Report telegrams (bit 0x01) with RSSI (bit 0x20). */
  REPORT_WITH_RSSI: 'X21',
  REPORT_WITHOUT_RSSI: 'X01',
} as const;

/** Receive commands and their answers. C-mode firmware also delivers T1 telegrams (plain `b`). */
export const RECEIVE_MODE = {
  'C1+T1': { command: 'brc', answer: 'CMODE', modes: ['C1', 'T1'] },
  C1: { command: 'brc', answer: 'CMODE', modes: ['C1', 'T1'] },
  T1: { command: 'brt', answer: 'TMODE', modes: ['T1'] },
  S1: { command: 'brs', answer: 'SMODE', modes: ['S1'] },
} as const;

export const VERSION_ANSWER = /^V\s/;

/** Longest line kept while waiting for its end; nanoCUL truncates telegrams at about 148 bytes. */
export const MAX_LINE = 1024;
