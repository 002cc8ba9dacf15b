/**
 * Billing API: the property model for property managers (admin role) and billing readings for billing
 * systems (billing role, read-only): properties, units, meters, stored readings over a time range,
 * period-end readings, tenant-change readings and consumption per tenancy, as JSON or CSV.
 *
 * Domain errors (PropertyError, BillingError, StoreError) become 4xx with their code in the message:
 * *_NOT_FOUND → 404, sequence and assignment conflicts → 409, anything else the input caused → 400.
 * The plugin is encapsulated: its error handler only rewrites those and hands the rest to the app's.
 */
import type { FastifyInstance, FastifyReply, onRequestHookHandler } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { isBillingError } from '../../billing/index.js';
import { isPropertyError, PropertiesStore, type BillingMeter } from '../../properties/index.js';
import { isFailure, PropertyReadings, ReadingPipeline, type PipelineOptions, type PipelineResult } from '../../reading-pipeline/index.js';
import { isStoreError, SqliteRepository, type CollectorRepository } from '../../store/index.js';
import { toCsv } from '../csv.js';
import { ErrorBody } from '../schemas.js';
import { HttpError } from '../errors.js';
import * as S from './billing-schemas.js';

export interface BillingRoutesOptions {
  repo: CollectorRepository;
  /** The property model; by default opened on the repository's database (SqliteRepository). */
  properties?: PropertiesStore | undefined;
  pipeline?: PipelineOptions | undefined;
  readers: onRequestHookHandler;
  admins: onRequestHookHandler;
}

const iso = (ms: number | undefined) => (ms === undefined ? undefined : new Date(ms).toISOString());

function readingOut(r: PipelineResult) {
  if (isFailure(r)) return { meterId: r.meterId, unitId: r.unitId, position: r.position, date: r.date, error: { code: r.code, message: r.message } };
  const { observedAt, ...rest } = r;
  return { ...rest, ...(observedAt !== undefined ? { observedAt: iso(observedAt)! } : {}) };
}

const READING_CSV_HEADER = [
  'meter_id', 'unit_id', 'position', 'date', 'kind', 'arge_flag', 'value', 'unit', 'source', 'since_reset', 'basis', 'observed_at', 'quality',
  'reading_ids', 'raw_telegram_ids', 'flags', 'note', 'error_code', 'error_message',
];

function readingCsvRow(r: PipelineResult, prefix: (string | number | null)[] = []): (string | number | null | undefined)[] {
  if (isFailure(r)) return [...prefix, r.meterId, r.unitId, r.position, r.date, ...Array(14).fill(null), r.code, r.message];
  return [
    ...prefix, r.meterId, r.unitId, r.position, r.date, r.kind, r.argeFlag, r.value, r.unit, r.source, r.sinceReset, r.basis, iso(r.observedAt), r.quality,
    r.readingIds.join(' '), r.rawTelegramIds.join(' '), r.flags.map((f) => f.code).join(' '), r.note, null, null,
  ];
}

const sendCsv = (reply: FastifyReply, body: string) => reply.type('text/csv; charset=utf-8').serializer((x: string) => x).send(body);

/** Maps domain errors of the property model, the billing core and the store to HTTP errors. */
function httpErrorOf(error: unknown): HttpError | undefined {
  if (isPropertyError(error)) {
    const status = error.code.endsWith('_NOT_FOUND') ? 'COL_ERR_NOT_FOUND' : ['TENANCY_SEQUENCE', 'ASSIGNMENT_CONFLICT', 'METER_DUPLICATE'].includes(error.code) ? 'COL_ERR_CONFLICT' : 'COL_ERR_BAD_REQUEST';
    return new HttpError(status, `${error.code}: ${error.message}`);
  }
  if (isBillingError(error) || isStoreError(error)) return new HttpError('COL_ERR_BAD_REQUEST', `${error.code}: ${error.message}`);
  return undefined;
}

const encodeCursor = (meterId: number, inner: string | null) => Buffer.from(`${meterId}:${inner ?? ''}`).toString('base64url');
function decodeCursor(cursor: string): { meterId: number; inner: string | null } {
  const m = /^(\d{1,12}):([A-Za-z0-9_-]{0,200})$/.exec(Buffer.from(cursor, 'base64url').toString('latin1'));
  if (!m) throw new HttpError('COL_ERR_BAD_REQUEST', 'cursor is not one this API produced');
  return { meterId: Number(m[1]), inner: m[2] || null };
}

function timeParam(name: string, v: string | undefined): number | undefined {
  if (v === undefined) return undefined;
  const ms = /^\d+$/.test(v) ? Number(v) : Date.parse(v);
  if (!Number.isFinite(ms)) throw new HttpError('COL_ERR_BAD_REQUEST', `${name} must be an ISO 8601 time or ms since epoch`);
  return ms;
}

export async function billingRoutes(fastify: FastifyInstance, options: BillingRoutesOptions): Promise<void> {
  const props = options.properties ?? (options.repo instanceof SqliteRepository ? new PropertiesStore(options.repo.db) : undefined);
  if (!props) return; // no SQLite database to keep the property model in: the billing API stays off
  const pipeline = new ReadingPipeline(props, options.pipeline);
  const readings = new PropertyReadings(pipeline);
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const { readers, admins } = options;
  const errors = { 400: Type.Ref(ErrorBody), 401: Type.Ref(ErrorBody), 403: Type.Ref(ErrorBody), 404: Type.Ref(ErrorBody), 409: Type.Ref(ErrorBody) };
  const tags = ['billing'];

  app.setErrorHandler((error) => {
    throw httpErrorOf(error) ?? error;
  });

  const meterOut = (m: BillingMeter) => ({ ...m, assignments: props.assignmentsOfMeter(m.id) });

  // ---- property model: read

  app.get('/api/v1/billing/properties', { onRequest: readers, schema: { tags, querystring: S.PageQuery, response: { 200: Type.Object({ items: Type.Array(S.Property), nextCursor: Type.Union([Type.Integer(), Type.Null()]) }), ...errors } } }, async (request) => {
    const limit = request.query.limit ?? 100;
    const items = props.properties(request.query.after ?? 0, limit + 1);
    return { items: items.slice(0, limit), nextCursor: items.length > limit ? items[limit - 1]!.id : null };
  });

  app.get('/api/v1/billing/properties/:propertyId', { onRequest: readers, schema: { tags, params: S.PropertyParams, response: { 200: S.Property, ...errors } } }, async (request) => props.property(request.params.propertyId));

  app.get('/api/v1/billing/properties/:propertyId/units', { onRequest: readers, schema: { tags, params: S.PropertyParams, querystring: S.PageQuery, response: { 200: Type.Object({ items: Type.Array(S.Unit), nextCursor: Type.Union([Type.Integer(), Type.Null()]) }), ...errors } } }, async (request, reply) => {
    const limit = request.query.limit ?? 100;
    const units = props.units(request.params.propertyId, request.query.after ?? 0, limit + 1);
    const items = units.slice(0, limit);
    const nextCursor = units.length > limit ? items[items.length - 1]!.id : null;
    if (request.query.format === 'csv') {
      if (nextCursor !== null) reply.header('x-next-cursor', String(nextCursor));
      return sendCsv(reply, toCsv(['unit_id', 'property_id', 'name', 'area_m2'], items.map((u) => [u.id, u.propertyId, u.name, u.areaM2])));
    }
    return { items, nextCursor };
  });

  app.get('/api/v1/billing/units/:unitId/tenancies', { onRequest: readers, schema: { tags, params: S.UnitParams, response: { 200: Type.Array(S.Tenancy), ...errors } } }, async (request) => props.tenancies(request.params.unitId));

  app.get('/api/v1/billing/properties/:propertyId/meters', { onRequest: readers, schema: { tags, params: S.PropertyParams, querystring: S.PageQuery, response: { 200: Type.Object({ items: Type.Array(S.BillingMeter), nextCursor: Type.Union([Type.Integer(), Type.Null()]) }), ...errors } } }, async (request, reply) => {
    const limit = request.query.limit ?? 100;
    const meters = props.meters(request.params.propertyId, request.query.after ?? 0, limit + 1);
    const items = meters.slice(0, limit).map(meterOut);
    const nextCursor = meters.length > limit ? items[items.length - 1]!.id : null;
    if (request.query.format === 'csv') {
      if (nextCursor !== null) reply.header('x-next-cursor', String(nextCursor));
      return sendCsv(reply, toCsv(
        ['meter_id', 'kind', 'manufacturer', 'radio_id', 'room', 'hca_scale', 'kq', 'kc', 'resets_at_due_date', 'due_date', 'unit_id', 'position', 'installed', 'removed'],
        items.flatMap((m) => (m.assignments.length ? m.assignments : [null]).map((a) => [m.id, m.kind, m.manufacturer, m.radioId, m.room, m.hcaScale, m.kq, m.kc, String(m.resetsAtDueDate), m.dueDate, a?.unitId, a?.position, a?.installed, a?.removed])),
      ));
    }
    return { items, nextCursor };
  });

  // ---- stored readings of a property's radio meters over a time range (cursor: billing meter + store cursor)

  app.get('/api/v1/billing/properties/:propertyId/readings', { onRequest: readers, schema: { tags, params: S.PropertyParams, querystring: S.StoreReadingsQuery, response: { 200: Type.Object({ items: Type.Array(Type.Object({
    meterId: Type.Integer(), readingId: Type.Integer(), manufacturer: Type.String(), radioId: Type.String(), receivedAt: Type.String(), meterTime: Type.Union([Type.String(), Type.Null()]),
    reading: Type.Unknown(), rawTelegramIds: Type.Array(Type.Integer()) })), nextCursor: Type.Union([Type.String(), Type.Null()]) }), ...errors } } }, async (request, reply) => {
    const q = request.query;
    const limit = q.limit ?? 100;
    const from = timeParam('from', q.from);
    const to = timeParam('to', q.to);
    const start = q.cursor ? decodeCursor(q.cursor) : { meterId: 0, inner: null };
    const radio = props.meters(request.params.propertyId).filter((m) => m.manufacturer !== null && m.id >= start.meterId);
    const items = [];
    let nextCursor: string | null = null;
    for (const [i, m] of radio.entries()) {
      const page = options.repo.readings({
        meter: { manufacturer: m.manufacturer!, id: m.radioId! },
        ...(from !== undefined ? { from } : {}),
        ...(to !== undefined ? { to } : {}),
        limit: limit - items.length,
        cursor: m.id === start.meterId ? start.inner : null,
      });
      for (const r of page.items) {
        items.push({ meterId: m.id, readingId: r.id, manufacturer: m.manufacturer!, radioId: m.radioId!, receivedAt: new Date(r.receivedAt).toISOString(), meterTime: r.meterTime, reading: r.reading, rawTelegramIds: r.rawTelegramIds });
      }
      if (items.length < limit) continue;
      // Page full: go on inside this meter, or at the start of the next one.
      const next = radio[i + 1];
      nextCursor = page.nextCursor ? encodeCursor(m.id, page.nextCursor) : next ? encodeCursor(next.id, null) : null;
      break;
    }
    if (q.format === 'csv') {
      if (nextCursor) reply.header('x-next-cursor', nextCursor);
      return sendCsv(reply, toCsv(['meter_id', 'reading_id', 'manufacturer', 'radio_id', 'received_at', 'meter_time', 'value', 'unit', 'due_date', 'due_date_value', 'raw_telegram_ids'], items.map((i) => {
        const v = i.reading as { current?: { value: number; unit: string }; dueDate?: { value: number; date: string } };
        return [i.meterId, i.readingId, i.manufacturer, i.radioId, i.receivedAt, i.meterTime, v.current?.value, v.current?.unit, v.dueDate?.date, v.dueDate?.value, i.rawTelegramIds.join(' ')];
      })));
    }
    return { items, nextCursor };
  });

  // ---- billing readings

  app.get('/api/v1/billing/properties/:propertyId/period-end-readings', { onRequest: readers, schema: { tags, params: S.PropertyParams, querystring: S.PeriodQuery, response: { 200: S.PeriodEndPage, ...errors } } }, async (request, reply) => {
    const q = request.query;
    const page = readings.periodEndReadings(request.params.propertyId, q.periodEnd, { ...(q.after !== undefined ? { after: q.after } : {}), limit: q.limit ?? 100 });
    const nextCursor = page.nextAfter === null ? null : String(page.nextAfter);
    if (q.format === 'csv') {
      if (nextCursor) reply.header('x-next-cursor', nextCursor);
      return sendCsv(reply, toCsv(READING_CSV_HEADER, page.items.map((r) => readingCsvRow(r))));
    }
    return { periodEnd: page.periodEnd, items: page.items.map(readingOut), nextCursor };
  });

  app.get('/api/v1/billing/properties/:propertyId/tenant-change-readings', { onRequest: readers, schema: { tags, params: S.PropertyParams, querystring: S.ChangeQuery, response: { 200: S.TenantChanges, ...errors } } }, async (request, reply) => {
    const q = request.query;
    const limit = q.limit ?? 100;
    // One more than asked tells whether another page exists.
    const all = readings
      .tenantChangeReadings(request.params.propertyId, q.periodEnd, { ...(q.estimate ? { estimate: q.estimate } : {}), ...(q.after !== undefined ? { after: q.after } : {}), limit: limit + 1 })
      .filter((c) => q.unitId === undefined || c.unitId === q.unitId);
    const changes = all.slice(0, limit);
    const nextCursor = all.length > limit ? String(changes[changes.length - 1]!.tenancyId) : null;
    if (q.format === 'csv') {
      if (nextCursor) reply.header('x-next-cursor', nextCursor);
      return sendCsv(reply, toCsv(['tenancy_id', 'tenant', 'move_out', ...READING_CSV_HEADER], changes.flatMap((c) => c.readings.map((r) => readingCsvRow(r, [c.tenancyId, c.tenant, c.moveOut])))));
    }
    return { periodEnd: q.periodEnd, items: changes.map((c) => ({ ...c, readings: c.readings.map(readingOut) })), nextCursor };
  });

  app.get('/api/v1/billing/properties/:propertyId/consumption', { onRequest: readers, schema: { tags, params: S.PropertyParams, querystring: S.ChangeQuery, response: { 200: S.Consumption, ...errors } } }, async (request, reply) => {
    const q = request.query;
    const limit = q.limit ?? 100;
    const all = readings.consumption(request.params.propertyId, q.periodEnd, {
      ...(q.estimate ? { estimate: q.estimate } : {}),
      ...(q.unitId !== undefined ? { unitId: q.unitId } : {}),
      ...(q.after !== undefined ? { after: q.after } : {}),
      limit: limit + 1,
    });
    const items = all.slice(0, limit);
    const nextCursor = all.length > limit ? String(items[items.length - 1]!.tenancyId) : null;
    if (q.format === 'csv') {
      if (nextCursor) reply.header('x-next-cursor', nextCursor);
      return sendCsv(reply, toCsv(
        ['tenancy_id', 'unit_id', 'tenant', 'vacancy', 'from', 'to', 'days', 'degree_day_permille', 'position', 'meter_id', 'from_kind', 'from_value', 'to_kind', 'to_value', 'consumption', 'rated', 'unit', 'raw_telegram_ids', 'error_code', 'error_message'],
        items.flatMap((i) => [
          ...i.positions.flatMap((p) => p.segments.map((s) => [i.tenancyId, i.unitId, i.tenant, String(i.vacancy), i.from, i.to, i.days, i.degreeDayPermille, p.position, s.meterId, s.from.kind, s.from.value, s.to.kind, s.to.value, s.consumption, s.rated, s.to.unit ?? s.from.unit, [...s.from.rawTelegramIds, ...s.to.rawTelegramIds].join(' '), null, null])),
          ...i.failures.map((f) => [i.tenancyId, i.unitId, i.tenant, String(i.vacancy), i.from, i.to, i.days, i.degreeDayPermille, f.position, f.meterId, null, null, null, null, null, null, null, null, f.code, f.message]),
        ]),
      ));
    }
    return {
      periodEnd: q.periodEnd,
      nextCursor,
      items: items.map((i) => ({
        ...i,
        positions: i.positions.map((p) => ({ ...p, segments: p.segments.map((s) => ({ ...s, from: readingOut(s.from), to: readingOut(s.to) })) })),
        failures: i.failures.map(readingOut),
      })),
    };
  });

  // ---- property model: write (property managers, admin role)

  app.post('/api/v1/billing/properties', { onRequest: admins, schema: { tags, body: S.NewProperty, response: { 201: S.Property, ...errors } } }, async (request, reply) => {
    reply.status(201);
    return props.createProperty(request.body);
  });

  app.post('/api/v1/billing/properties/:propertyId/units', { onRequest: admins, schema: { tags, params: S.PropertyParams, body: S.NewUnit, response: { 201: S.Unit, ...errors } } }, async (request, reply) => {
    reply.status(201);
    return props.createUnit(request.params.propertyId, request.body);
  });

  app.post('/api/v1/billing/properties/:propertyId/meters', { onRequest: admins, schema: { tags, params: S.PropertyParams, body: S.NewMeter, response: { 201: S.BillingMeter, ...errors } } }, async (request, reply) => {
    reply.status(201);
    return meterOut(props.createMeter(request.params.propertyId, request.body as Parameters<PropertiesStore['createMeter']>[1]));
  });

  app.post('/api/v1/billing/units/:unitId/move-in', { onRequest: admins, schema: { tags, params: S.UnitParams, body: S.MoveIn, response: { 201: S.Tenancy, ...errors } } }, async (request, reply) => {
    reply.status(201);
    return props.moveIn(request.params.unitId, request.body);
  });

  app.post('/api/v1/billing/units/:unitId/vacancy', { onRequest: admins, schema: { tags, params: S.UnitParams, body: S.Vacancy, response: { 201: S.Tenancy, ...errors } } }, async (request, reply) => {
    reply.status(201);
    return props.moveIn(request.params.unitId, { date: request.body.date, tenant: null });
  });

  app.post('/api/v1/billing/units/:unitId/move-out', { onRequest: admins, schema: { tags, params: S.UnitParams, body: S.MoveOut, response: { 200: Type.Object({ ended: S.Tenancy, vacancy: Type.Union([S.Tenancy, Type.Null()]) }), ...errors } } }, async (request) =>
    props.moveOut(request.params.unitId, request.body),
  );

  app.post('/api/v1/billing/units/:unitId/meters', { onRequest: admins, schema: { tags, params: S.UnitParams, body: S.Assign, response: { 201: S.Assignment, ...errors } } }, async (request, reply) => {
    reply.status(201);
    return props.assignMeter(request.params.unitId, request.body);
  });

  app.post('/api/v1/billing/units/:unitId/meter-swaps', { onRequest: admins, schema: { tags, params: S.UnitParams, body: S.Swap, response: { 201: Type.Object({ removed: S.Assignment, installed: S.Assignment }), ...errors } } }, async (request, reply) => {
    reply.status(201);
    return props.swapMeter(request.params.unitId, request.body);
  });

  app.post('/api/v1/billing/units/:unitId/meter-removals', { onRequest: admins, schema: { tags, params: S.UnitParams, body: S.Removal, response: { 200: S.Assignment, ...errors } } }, async (request) =>
    props.removeMeter(request.params.unitId, request.body),
  );

  app.post('/api/v1/billing/meters/:meterId/manual-readings', { onRequest: admins, schema: { tags, params: S.MeterIdParams, body: S.ManualReading, response: { 201: Type.Object({ id: Type.Integer(), meterId: Type.Integer(), date: Type.String(), value: Type.Number(), note: Type.Union([Type.String(), Type.Null()]) }), ...errors } } }, async (request, reply) => {
    reply.status(201);
    return props.addManualReading(request.params.meterId, request.body);
  });
}
