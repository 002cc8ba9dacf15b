/** Finds the driver of a meter by its (manufacturer, version, device type). */
import type { Address } from '../wmbus/link.js';
import { CompactFormatStore } from '../wmbus/compact-formats.js';
import { fromHex } from '../util/hex.js';
import type { MeterDriver } from './types.js';
import { DRIVERS } from './drivers/index.js';

const detectKey = (manufacturer: string, version: number, deviceType: number): string => `${manufacturer}:${version}:${deviceType}`;

export class DriverRegistry {
  private readonly byDetect = new Map<string, MeterDriver>();
  readonly drivers: readonly MeterDriver[];

  constructor(drivers: readonly MeterDriver[]) {
    this.drivers = drivers;
    for (const d of drivers) {
      for (const t of d.detect) {
        const key = detectKey(t.manufacturer, t.version, t.deviceType);
        const other = this.byDetect.get(key);
        if (other) throw new Error(`drivers ${other.name} and ${d.name} both detect ${key}`);
        this.byDetect.set(key, d);
      }
    }
  }

  find(meter: Address): MeterDriver | undefined {
    return this.byDetect.get(detectKey(meter.manufacturer, meter.version, meter.deviceType));
  }

  byName(name: string): MeterDriver | undefined {
    return this.drivers.find((d) => d.name === name);
  }

  /** A compact-format store preloaded with every driver's known formats. */
  compactFormatStore(): CompactFormatStore {
    const store = new CompactFormatStore();
    for (const d of this.drivers) for (const f of d.compactFormats ?? []) store.learn(fromHex(f));
    return store;
  }
}

export const DEFAULT_REGISTRY = new DriverRegistry(DRIVERS);
