import type { StatusBitMap } from '../../types.js';

/**
 * Error flags (02FD17) of Qundis Q heat and Q water meters, codes F0..F9 of the meter display
 * (wmbusmeters/wmbusmeters: drivers/src/qheatv2.xmq, qwaterv2.xmq).
 */
export const QUNDIS_ERROR_FLAGS: StatusBitMap = {
  source: { quantity: 'error_flags', storage: 0 },
  bits: {
    0x0001: { flag: 'error', text: 'NO_FLOW' },
    0x0002: { flag: 'error', text: 'SUPPLY_SENSOR_INTERRUPTED' },
    0x0004: { flag: 'error', text: 'RETURN_SENSOR_INTERRUPTED' },
    0x0008: { flag: 'error', text: 'TEMPERATURE_ELECTRONICS_ERROR' },
    0x0010: { flag: 'battery_low', text: 'BATTERY_VOLTAGE_ERROR' },
    0x0020: { flag: 'error', text: 'SHORT_CIRCUIT_SUPPLY_SENSOR' },
    0x0040: { flag: 'error', text: 'SHORT_CIRCUIT_RETURN_SENSOR' },
    0x0080: { flag: 'error', text: 'MEMORY_ERROR' },
    // F8: F1, F2, F3, F5 or F6 for longer than 8 hours; latched, the meter stops measuring.
    0x0100: { flag: 'tamper', text: 'SABOTAGE' },
    0x0200: { flag: 'error', text: 'ELECTRONICS_ERROR' },
  },
};
