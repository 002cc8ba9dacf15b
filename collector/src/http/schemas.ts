/** TypeBox schemas of the HTTP API: validation, serialization (no accidental field leaks) and OpenAPI. */
import { Type, type Static } from '@sinclair/typebox';

export const ErrorBody = Type.Object({ code: Type.String(), message: Type.String() }, { $id: 'Error' });

export const MeterParams = Type.Object({
  manufacturer: Type.String({ pattern: '^[A-Za-z]{3}$' }),
  id: Type.String({ pattern: '^[0-9A-Fa-f]{8}$' }),
});
export type MeterParams = Static<typeof MeterParams>;

export const ReadingsQuery = Type.Object({
  from: Type.Optional(Type.String({ description: 'ISO 8601 time or ms since epoch; inclusive' })),
  to: Type.Optional(Type.String({ description: 'ISO 8601 time or ms since epoch; exclusive' })),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000, default: 100 })),
  cursor: Type.Optional(Type.String({ maxLength: 200 })),
  format: Type.Optional(Type.Union([Type.Literal('json'), Type.Literal('csv')], { default: 'json' })),
});
export type ReadingsQuery = Static<typeof ReadingsQuery>;

export const Reading = Type.Object({
  id: Type.Integer(),
  meter: Type.Object({ manufacturer: Type.String(), id: Type.String(), version: Type.Integer(), deviceType: Type.Integer() }),
  receivedAt: Type.String({ format: 'date-time' }),
  meterTime: Type.Union([Type.String(), Type.Null()]),
  driver: Type.Union([Type.String(), Type.Null()]),
  kind: Type.String(),
  reading: Type.Unknown({ description: 'normalized reading view: current, dueDate, history, status' }),
  rawTelegramIds: Type.Array(Type.Integer(), { description: 'audit chain: every raw telegram this reading came from' }),
});

export const ReadingPage = Type.Object({ items: Type.Array(Reading), nextCursor: Type.Union([Type.String(), Type.Null()]) });

export const Meter = Type.Object({
  manufacturer: Type.String(),
  id: Type.String(),
  version: Type.Integer(),
  deviceType: Type.Integer(),
  driver: Type.Union([Type.String(), Type.Null()]),
  kind: Type.Union([Type.String(), Type.Null()]),
  firstSeenAt: Type.String({ format: 'date-time' }),
  lastSeenAt: Type.String({ format: 'date-time' }),
  gateways: Type.Array(Type.Object({ gatewayId: Type.String(), lastRssiDbm: Type.Union([Type.Number(), Type.Null()]), lastSeenAt: Type.String({ format: 'date-time' }) })),
});

export const Gateway = Type.Object({
  id: Type.String(),
  name: Type.Union([Type.String(), Type.Null()]),
  lastSeenAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
  connState: Type.Union([Type.Literal('online'), Type.Literal('offline'), Type.Null()]),
  lastStats: Type.Unknown(),
});

export const RawTelegram = Type.Object({
  id: Type.Integer(),
  gatewayId: Type.String(),
  seq: Type.Integer(),
  receivedAt: Type.String({ format: 'date-time' }),
  rssiDbm: Type.Union([Type.Number(), Type.Null()]),
  linkMode: Type.Union([Type.String(), Type.Null()]),
  hex: Type.String(),
  decodeStatus: Type.String(),
});

export const ReadingWithAudit = Type.Composite([Reading, Type.Object({ records: Type.Unknown(), rawTelegrams: Type.Array(RawTelegram) })]);

export const KeyBody = Type.Object({ key: Type.String({ pattern: '^[0-9A-Fa-f]{32}$' }) });
export const EnrollBody = Type.Object({ token: Type.String({ minLength: 10, maxLength: 200 }), csr: Type.String({ minLength: 100, maxLength: 20000 }) });
