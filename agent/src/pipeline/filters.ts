/**
 * Which telegrams the gateway keeps: by meter id, manufacturer and device type, and whether meters not
 * configured on this gateway ("unknown meters", e.g. the neighbours') are kept or dropped. Filtering happens
 * on the clear link header, before decryption (architecture.md § 7).
 */
export interface FilterConfig {
  /** Keep only these meter ids (8 digits); empty or absent: all. */
  ids?: string[];
  /** Keep only these manufacturers (three letters); empty or absent: all. */
  manufacturers?: string[];
  /** Keep only these EN 13757-3 device types; empty or absent: all. */
  deviceTypes?: number[];
  /** Meters without a configured key or id: 'keep' (default) or 'drop'. */
  unknownMeters?: 'keep' | 'drop';
}

export interface MeterHeader {
  manufacturer: string;
  id: string;
  deviceType: number;
}

export type FilterVerdict = 'keep' | 'id' | 'manufacturer' | 'device-type' | 'unknown-meter';

export class TelegramFilter {
  private readonly ids: Set<string> | null;
  private readonly manufacturers: Set<string> | null;
  private readonly deviceTypes: Set<number> | null;

  constructor(
    private readonly config: FilterConfig,
    private readonly isKnownMeter: (id: string) => boolean,
  ) {
    this.ids = config.ids?.length ? new Set(config.ids) : null;
    this.manufacturers = config.manufacturers?.length ? new Set(config.manufacturers.map((m) => m.toUpperCase())) : null;
    this.deviceTypes = config.deviceTypes?.length ? new Set(config.deviceTypes) : null;
  }

  verdict(meter: MeterHeader): FilterVerdict {
    if (this.ids && !this.ids.has(meter.id)) return 'id';
    if (this.manufacturers && !this.manufacturers.has(meter.manufacturer)) return 'manufacturer';
    if (this.deviceTypes && !this.deviceTypes.has(meter.deviceType)) return 'device-type';
    if (this.config.unknownMeters === 'drop' && !this.isKnownMeter(meter.id) && !this.ids?.has(meter.id)) return 'unknown-meter';
    return 'keep';
  }
}
