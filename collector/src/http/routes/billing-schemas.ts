/** TypeBox schemas of the billing API (validation, serialization without field leaks, OpenAPI). */
import { Type, type Static } from '@sinclair/typebox';

const DatePattern = '^\\d{4}-\\d{2}-\\d{2}$';
export const LocalDate = (description?: string) => Type.String({ pattern: DatePattern, ...(description ? { description } : {}) });

export const Id = Type.Integer({ minimum: 1 });
export const PropertyParams = Type.Object({ propertyId: Id });
export const UnitParams = Type.Object({ unitId: Id });
export const MeterIdParams = Type.Object({ meterId: Id });

const Format = Type.Optional(Type.Union([Type.Literal('json'), Type.Literal('csv')], { default: 'json' }));
export const PageQuery = Type.Object({
  after: Type.Optional(Type.Integer({ minimum: 0, description: 'id of the last item of the previous page' })),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000, default: 100 })),
  format: Format,
});

export const ESTIMATE_KINDS = ['H1', 'H2', 'H3', 'H4', 'H5', 'D6', 'D7'] as const;
export const PeriodQuery = Type.Object({
  periodEnd: LocalDate('last day of the billing period: a due date of the property'),
  after: Type.Optional(Type.Integer({ minimum: 0, description: 'billing meter id of the last item of the previous page' })),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000, default: 100 })),
  format: Format,
});
export const ChangeQuery = Type.Object({
  periodEnd: LocalDate('last day of the billing period'),
  estimate: Type.Optional(Type.Union(ESTIMATE_KINDS.map((k) => Type.Literal(k)), { description: 'estimate kind where neither ZA nor B is possible' })),
  unitId: Type.Optional(Id),
  after: Type.Optional(Type.Integer({ minimum: 0, description: 'tenancy id of the last item of the previous page' })),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000, default: 100 })),
  format: Format,
});
export type ChangeQuery = Static<typeof ChangeQuery>;

export const Property = Type.Object({ id: Type.Integer(), name: Type.String(), dueDate: Type.String({ description: 'MM-DD' }), degreeDayTable: Type.String() });
export const NewProperty = Type.Object({
  name: Type.String({ minLength: 1, maxLength: 200 }),
  dueDate: Type.String({ pattern: '^\\d{2}-\\d{2}$', description: 'MM-DD: every billing period ends on it' }),
  degreeDayTable: Type.Optional(Type.String({ maxLength: 40 })),
});
export const Unit = Type.Object({ id: Type.Integer(), propertyId: Type.Integer(), name: Type.String(), areaM2: Type.Number() });
export const NewUnit = Type.Object({ name: Type.String({ minLength: 1, maxLength: 200 }), areaM2: Type.Number({ exclusiveMinimum: 0 }) });

export const Tenancy = Type.Object({
  id: Type.Integer(),
  unitId: Type.Integer(),
  tenant: Type.Union([Type.String(), Type.Null()]),
  vacancy: Type.Boolean(),
  moveIn: Type.String(),
  moveOut: Type.Union([Type.String(), Type.Null()]),
});
export const MoveIn = Type.Object({ date: LocalDate('first day of the tenancy'), tenant: Type.String({ minLength: 1, maxLength: 200 }) });
export const MoveOut = Type.Object({ date: LocalDate('last day of the tenancy'), thenVacant: Type.Optional(Type.Boolean()) });
export const Vacancy = Type.Object({ date: LocalDate('first day of the vacancy') });

const Nullable = <T extends ReturnType<typeof Type.String> | ReturnType<typeof Type.Number>>(t: T) => Type.Union([t, Type.Null()]);
export const Assignment = Type.Object({ id: Type.Integer(), meterId: Type.Integer(), unitId: Type.Integer(), position: Type.String(), installed: Type.String(), removed: Type.Union([Type.String(), Type.Null()]) });
export const BillingMeter = Type.Object({
  id: Type.Integer(),
  propertyId: Type.Integer(),
  kind: Type.String(),
  manufacturer: Nullable(Type.String()),
  radioId: Nullable(Type.String()),
  room: Nullable(Type.String()),
  hcaScale: Nullable(Type.String()),
  kq: Nullable(Type.Number()),
  kc: Nullable(Type.Number()),
  resetsAtDueDate: Type.Boolean(),
  dueDate: Type.String(),
  assignments: Type.Array(Assignment),
});
export const NewMeter = Type.Object({
  kind: Type.Union(['hcaElectronic', 'hcaEvaporative', 'heat', 'warmWater', 'coldWater'].map((k) => Type.Literal(k))),
  manufacturer: Type.Optional(Type.String({ pattern: '^[A-Z@]{3}$' })),
  radioId: Type.Optional(Type.String({ pattern: '^[0-9A-F]{8}$' })),
  room: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
  hcaScale: Type.Optional(Type.Union([Type.Literal('unit'), Type.Literal('product')])),
  kq: Type.Optional(Type.Number({ exclusiveMinimum: 0 })),
  kc: Type.Optional(Type.Number({ exclusiveMinimum: 0 })),
  resetsAtDueDate: Type.Optional(Type.Boolean()),
  dueDate: Type.Optional(Type.String({ pattern: '^\\d{2}-\\d{2}$' })),
});
export const Assign = Type.Object({ meterId: Id, position: Type.String({ minLength: 1, maxLength: 100 }), installed: LocalDate('day of the install reading') });
export const Swap = Type.Object({ position: Type.String({ minLength: 1, maxLength: 100 }), date: LocalDate('day of the removal and install readings'), newMeterId: Id });
export const Removal = Type.Object({ position: Type.String({ minLength: 1, maxLength: 100 }), date: LocalDate('day of the removal reading') });
export const ManualReading = Type.Object({ date: LocalDate(), value: Type.Number(), note: Type.Optional(Type.String({ maxLength: 500 })) });

/**
 * One reading of the pipeline, or (with `error`) why there is none. One object shape for both keeps the
 * serializer fast (no anyOf per item).
 */
export const BillingReading = Type.Object({
  meterId: Type.Integer(),
  unitId: Type.Integer(),
  position: Type.String(),
  date: Type.String({ description: 'the reading stands for the end of this day, Europe/Berlin' }),
  kind: Type.Optional(Type.String({ description: 'A, ZA, B, H1..H5, D6, D7 (billing-domain.md § 7.1)' })),
  argeFlag: Type.Optional(Type.String({ description: 'ARGE table S reading flag' })),
  value: Type.Optional(Type.Number()),
  unit: Type.Optional(Nullable(Type.String())),
  source: Type.Optional(Type.String({ description: 'dueDate | history | sample | manual | computed | estimate' })),
  sinceReset: Type.Optional(Type.String()),
  basis: Type.Optional(Type.String()),
  observedAt: Type.Optional(Type.String({ format: 'date-time' })),
  quality: Type.Optional(Type.String()),
  readingIds: Type.Optional(Type.Array(Type.Integer())),
  rawTelegramIds: Type.Optional(Type.Array(Type.Integer(), { description: 'audit chain: the raw telegrams the value came from' })),
  flags: Type.Optional(Type.Array(Type.Object({ code: Type.String(), detail: Type.String() }))),
  note: Type.Optional(Type.String()),
  error: Type.Optional(Type.Object({ code: Type.String(), message: Type.String() })),
});

export const PeriodEndPage = Type.Object({ periodEnd: Type.String(), items: Type.Array(BillingReading), nextCursor: Type.Union([Type.String(), Type.Null()]) });
export const TenantChanges = Type.Object({
  periodEnd: Type.String(),
  nextCursor: Type.Union([Type.String(), Type.Null()]),
  items: Type.Array(
    Type.Object({ tenancyId: Type.Integer(), unitId: Type.Integer(), tenant: Nullable(Type.String()), vacancy: Type.Boolean(), moveOut: Type.String(), readings: Type.Array(BillingReading) }),
  ),
});
export const Consumption = Type.Object({
  periodEnd: Type.String(),
  nextCursor: Type.Union([Type.String(), Type.Null()]),
  items: Type.Array(
    Type.Object({
      tenancyId: Type.Integer(),
      unitId: Type.Integer(),
      tenant: Nullable(Type.String()),
      vacancy: Type.Boolean(),
      from: Type.String(),
      to: Type.String(),
      days: Type.Integer({ description: 'days of the tenancy inside the period (warm-water fixed costs pro rata temporis)' }),
      periodDays: Type.Integer(),
      degreeDayPermille: Type.Number({ description: 'degree-day ‰ of those days (fixed heating costs), by the property table' }),
      periodDegreeDayPermille: Type.Number(),
      positions: Type.Array(
        Type.Object({
          position: Type.String(),
          total: Type.Number(),
          ratedTotal: Type.Number({ description: 'HCA units × K_Q × K_C on the unit scale' }),
          segments: Type.Array(Type.Object({ meterId: Type.Integer(), from: BillingReading, to: BillingReading, consumption: Type.Number(), rated: Type.Number() })),
        }),
      ),
      failures: Type.Array(BillingReading),
    }),
  ),
});

export const StoreReadingsQuery = Type.Object({
  from: Type.Optional(Type.String({ description: 'ISO 8601 time or ms since epoch; inclusive' })),
  to: Type.Optional(Type.String({ description: 'ISO 8601 time or ms since epoch; exclusive' })),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000, default: 100 })),
  cursor: Type.Optional(Type.String({ maxLength: 300 })),
  format: Format,
});
