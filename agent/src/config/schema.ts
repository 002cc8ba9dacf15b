/**
 * The agent's configuration file (YAML), one TypeBox schema that gives validation (all errors at once) and
 * the TypeScript type. Every option has a default except what only the installer can know. A commented
 * example: agent/config.example.yaml. Changes only add options; `version` allows stepwise migrations.
 */
import { Type, type Static } from '@sinclair/typebox';

const StickKind = Type.Union([
  Type.Literal('im871a'),
  Type.Literal('iu891a'),
  Type.Literal('amber'),
  Type.Literal('cul'),
  Type.Literal('rc1180'),
  Type.Literal('embit'),
  Type.Literal('rtlwmbus'),
]);
const LinkMode = Type.Union(['C1', 'T1', 'S1', 'C2', 'T2', 'S2', 'N1', 'N2'].map((k) => Type.Literal(k)));
const Id = Type.String({ pattern: '^[A-Za-z0-9][A-Za-z0-9._-]{0,62}$' });

export const StickConfig = Type.Object(
  {
    id: Id,
    kind: StickKind,
    /** Serial device, e.g. /dev/serial/by-id/usb-Silicon_Labs_CP2102… (stable across re-plugging). */
    port: Type.Optional(Type.String({ minLength: 1 })),
    baudRate: Type.Optional(Type.Integer({ minimum: 300, maximum: 3_000_000 })),
    /** rtl_wmbus: the command line to run, e.g. "rtl_sdr -f 868.625M -s 1.6e6 - | rtl_wmbus -s -f". */
    command: Type.Optional(Type.String({ minLength: 1 })),
    /** Replays fixture telegrams through an emulated stick of this kind instead of a real one. */
    emulate: Type.Optional(
      Type.Object(
        {
          fixtures: Type.String({ minLength: 1, default: 'fixtures/telegrams' }),
          telegramsPerSecond: Type.Number({ exclusiveMinimum: 0, default: 5 }),
          loop: Type.Boolean({ default: true }),
        },
        { additionalProperties: false },
      ),
    ),
    linkModes: Type.Array(LinkMode, { minItems: 1, default: ['C1', 'T1'] }),
    /** No byte for this long → reopen and re-initialise the stick. */
    silenceTimeoutSeconds: Type.Number({ minimum: 0, default: 1800 }),
  },
  { additionalProperties: false },
);

/** A wired M-Bus behind a serial level converter; the agent is the bus master (radio.md § 3.4). */
export const WiredBusConfig = Type.Object(
  {
    id: Id,
    port: Type.String({ minLength: 1 }),
    baudRate: Type.Integer({ minimum: 300, maximum: 38400, default: 2400 }),
    parity: Type.Union([Type.Literal('even'), Type.Literal('none'), Type.Literal('odd')], { default: 'even' }),
    pollIntervalSeconds: Type.Number({ minimum: 10, default: 900 }),
    retries: Type.Integer({ minimum: 0, maximum: 10, default: 3 }),
    meters: Type.Array(
      Type.Object(
        {
          name: Type.Optional(Type.String()),
          primaryAddress: Type.Optional(Type.Integer({ minimum: 1, maximum: 250 })),
          secondaryAddress: Type.Optional(Type.String({ pattern: '^[0-9Ff]{8}$' })),
          manufacturer: Type.Optional(Type.String({ pattern: '^[A-Za-z]{3}$' })),
        },
        { additionalProperties: false },
      ),
      { default: [] },
    ),
  },
  { additionalProperties: false },
);

export const AgentConfig = Type.Object(
  {
    version: Type.Literal(1),
    gatewayId: Id,
    /** Outbox, keys, learned compact formats. */
    dataDir: Type.String({ minLength: 1, default: '/var/lib/wmbus-agent' }),
    sticks: Type.Array(StickConfig, { default: [] }),
    wired: Type.Array(WiredBusConfig, { default: [] }),
    pipeline: Type.Object(
      {
        dedupeWindowSeconds: Type.Number({ minimum: 0, default: 10 }),
        filters: Type.Object(
          {
            ids: Type.Array(Type.String({ pattern: '^[0-9A-Fa-f]{8}$' }), { default: [] }),
            manufacturers: Type.Array(Type.String({ pattern: '^[A-Za-z]{3}$' }), { default: [] }),
            deviceTypes: Type.Array(Type.Integer({ minimum: 0, maximum: 255 }), { default: [] }),
            unknownMeters: Type.Union([Type.Literal('keep'), Type.Literal('drop')], { default: 'keep' }),
          },
          { additionalProperties: false, default: {} },
        ),
      },
      { additionalProperties: false, default: {} },
    ),
    outbox: Type.Object(
      {
        commitIntervalMs: Type.Integer({ minimum: 10, maximum: 1000, default: 1000 }),
        maxBytes: Type.Integer({ minimum: 1_000_000, default: 2_000_000_000 }),
        maxAgeDays: Type.Number({ exclusiveMinimum: 0, default: 40 }),
        /**
         * Telegrams held in memory while the disk refuses commits; beyond it the outbox refuses telegrams
         * (counted). About 0.4 KB of V8 heap each: the unit's --max-old-space-size must hold them (see
         * systemd/wmbus-agent.service).
         */
        maxBacklogRows: Type.Integer({ minimum: 1000, maximum: 1_000_000, default: 10_000 }),
      },
      { additionalProperties: false, default: {} },
    ),
    uplink: Type.Optional(
      Type.Object(
        {
          url: Type.String({ pattern: '^mqtts?://' }),
          tls: Type.Optional(
            Type.Object({ key: Type.String(), cert: Type.String(), ca: Type.String() }, { additionalProperties: false }),
          ),
          username: Type.Optional(Type.String()),
          password: Type.Optional(Type.String()),
          batchRows: Type.Integer({ minimum: 1, maximum: 1000, default: 500 }),
          batchDelayMs: Type.Integer({ minimum: 0, default: 1000 }),
          window: Type.Integer({ minimum: 1, maximum: 64, default: 4 }),
          statsIntervalSeconds: Type.Number({ exclusiveMinimum: 0, default: 30 }),
        },
        { additionalProperties: false },
      ),
    ),
  },
  { additionalProperties: false },
);

export type AgentConfig = Static<typeof AgentConfig>;
export type StickConfig = Static<typeof StickConfig>;
export type WiredBusConfig = Static<typeof WiredBusConfig>;
