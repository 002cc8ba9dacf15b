/**
 * The collector's HTTP API as a Fastify instance (no listen here; server.ts runs it; tests use inject()).
 * Billing systems read gateways, meters and readings (JSON or CSV, keyset-paginated); administrators add
 * meter keys and issue enrollment tokens; gateways enroll with a one-time token. OpenAPI at /docs.
 */
import Fastify, { type FastifyInstance, type FastifyRequest } from 'fastify';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { toHex } from '@wmbus/protocol';
import type { CollectorRepository, ReadingRecord, RawTelegramRecord, MeterRecord, GatewayRecord } from '../store/index.js';
import type { Ingestor } from '../ingest/index.js';
import type { PropertiesStore } from '../properties/index.js';
import { enrollGateway, type CertificateAuthority, type EnrollmentTokens, PkiError } from '../pki/index.js';
import { ApiKeys, type ApiRole } from './api-keys.js';
import { HttpError } from './errors.js';
import { toCsv } from './csv.js';
import { EnrollBody, ErrorBody, Gateway, KeyBody, Meter, MeterParams, ReadingPage, ReadingsQuery, ReadingWithAudit, Reading } from './schemas.js';
import { billingRoutes } from './routes/billing.js';

export interface AppOptions {
  repo: CollectorRepository;
  ingestor: Ingestor;
  apiKeys: ApiKeys;
  ca?: CertificateAuthority;
  tokens?: EnrollmentTokens;
  /** The broker's TLS URL as gateways should use it (returned at enrollment). */
  mqttUrl?: string;
  logger?: boolean;
  /** Property model for the billing API; by default opened on the repository's SQLite database. */
  properties?: PropertiesStore;
}

declare module 'fastify' {
  interface FastifyRequest {
    apiRole?: ApiRole;
  }
}

const iso = (ms: number | null): string | null => (ms === null ? null : new Date(ms).toISOString());

function readingOut(r: ReadingRecord) {
  return { id: r.id, meter: r.meter, receivedAt: iso(r.receivedAt)!, meterTime: r.meterTime, driver: r.driver, kind: r.kind, reading: r.reading, rawTelegramIds: r.rawTelegramIds };
}

function rawOut(t: RawTelegramRecord) {
  return { id: t.id, gatewayId: t.gatewayId, seq: t.seq, receivedAt: iso(t.receivedAt)!, rssiDbm: t.rssiDbm, linkMode: t.linkMode ?? null, hex: toHex(t.raw), decodeStatus: t.decodeStatus };
}

function meterOut(m: MeterRecord) {
  return {
    manufacturer: m.manufacturer,
    id: m.id,
    version: m.version,
    deviceType: m.deviceType,
    driver: m.driver,
    kind: m.kind,
    firstSeenAt: iso(m.firstSeenAt)!,
    lastSeenAt: iso(m.lastSeenAt)!,
    gateways: m.gateways.map((g) => ({ gatewayId: g.gatewayId, lastRssiDbm: g.lastRssiDbm, lastSeenAt: iso(g.lastSeenAt)! })),
  };
}

function gatewayOut(g: GatewayRecord) {
  return { id: g.id, name: g.name, lastSeenAt: iso(g.lastSeenAt), connState: g.connState, lastStats: g.lastStats ?? null };
}

/** A time bound from ISO text or ms; 400 when it is neither. */
function timeParam(name: string, v: string | undefined): number | undefined {
  if (v === undefined) return undefined;
  const ms = /^\d+$/.test(v) ? Number(v) : Date.parse(v);
  if (!Number.isFinite(ms)) throw new HttpError('COL_ERR_BAD_REQUEST', `${name} must be an ISO 8601 time or ms since epoch`);
  return ms;
}

/** One CSV row per reading: the values a billing system imports. */
function readingsCsv(items: ReadingRecord[]): string {
  return toCsv(
    ['reading_id', 'manufacturer', 'meter_id', 'kind', 'received_at', 'meter_time', 'value', 'unit', 'due_date', 'due_date_value', 'status', 'raw_telegram_ids'],
    items.map((r) => {
      const v = r.reading as { current?: { value: number; unit: string }; dueDate?: { value: number; date: string }; status?: { texts?: string[] } };
      return [r.id, r.meter.manufacturer, r.meter.id, r.kind, iso(r.receivedAt), r.meterTime, v.current?.value, v.current?.unit, v.dueDate?.date, v.dueDate?.value, v.status?.texts?.join(' '), r.rawTelegramIds.join(' ')];
    }),
  );
}

export async function buildApp(options: AppOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger: options.logger ? { redact: ['req.headers.authorization'] } : false,
    ajv: { customOptions: { coerceTypes: true, removeAdditional: false } },
  }).withTypeProvider<TypeBoxTypeProvider>();

  await app.register(swagger, {
    openapi: {
      info: { title: 'wmbus collector API', version: '1' },
      components: { securitySchemes: { apiKey: { type: 'http', scheme: 'bearer' } } },
      security: [{ apiKey: [] }],
    },
  });
  await app.register(swaggerUi, { routePrefix: '/docs' });
  app.addSchema(ErrorBody);

  app.setErrorHandler((error, request, reply) => {
    const e = error as { validation?: unknown; statusCode?: number; code?: string; message: string };
    if (e.validation) return reply.status(400).send({ code: 'COL_ERR_BAD_REQUEST', message: e.message });
    if (error instanceof HttpError) return reply.status(error.statusCode).send({ code: error.code, message: error.message });
    if (error instanceof PkiError) return reply.status(400).send({ code: error.code, message: error.message });
    if (e.statusCode && e.statusCode < 500) return reply.status(e.statusCode).send({ code: e.code ?? 'COL_ERR_BAD_REQUEST', message: e.message });
    request.log.error({ err: error }, 'request failed');
    return reply.status(500).send({ code: 'COL_ERR_INTERNAL', message: 'internal error; see the collector log for request ' + request.id });
  });
  app.setNotFoundHandler((_request, reply) => reply.status(404).send({ code: 'COL_ERR_NOT_FOUND', message: 'no such route' }));

  const requireRole = (...roles: ApiRole[]) => async (request: FastifyRequest) => {
    const header = request.headers.authorization;
    const key = header?.startsWith('Bearer ') ? header.slice(7).trim() : undefined;
    const who = options.apiKeys.verify(key);
    if (!who) throw new HttpError('COL_ERR_UNAUTHORIZED');
    if (!roles.includes(who.role)) throw new HttpError('COL_ERR_FORBIDDEN');
    request.apiRole = who.role;
  };
  const readers = requireRole('admin', 'billing');
  const admins = requireRole('admin');
  const errors = { 400: Type.Ref(ErrorBody), 401: Type.Ref(ErrorBody), 403: Type.Ref(ErrorBody), 404: Type.Ref(ErrorBody) };

  app.get('/health', { schema: { security: [], response: { 200: Type.Object({ status: Type.Literal('ok'), counts: Type.Record(Type.String(), Type.Integer()) }) } } }, async () => ({
    status: 'ok' as const,
    counts: options.repo.counts(),
  }));

  app.get('/api/v1/gateways', { onRequest: readers, schema: { response: { 200: Type.Array(Gateway), ...errors } } }, async () => options.repo.gateways().map(gatewayOut));

  app.get('/api/v1/meters', { onRequest: readers, schema: { response: { 200: Type.Array(Meter), ...errors } } }, async () => options.repo.meters().map(meterOut));

  app.get('/api/v1/meters/:manufacturer/:id', { onRequest: readers, schema: { params: MeterParams, response: { 200: Meter, ...errors } } }, async (request) => {
    const m = options.repo.meter({ manufacturer: request.params.manufacturer.toUpperCase(), id: request.params.id.toUpperCase() });
    if (!m) throw new HttpError('COL_ERR_NOT_FOUND', `meter ${request.params.manufacturer} ${request.params.id}`);
    return meterOut(m);
  });

  app.get(
    '/api/v1/meters/:manufacturer/:id/readings',
    { onRequest: readers, schema: { params: MeterParams, querystring: ReadingsQuery, response: { 200: ReadingPage, ...errors } } },
    async (request, reply) => {
      const q = request.query;
      const page = options.repo.readings({
        meter: { manufacturer: request.params.manufacturer.toUpperCase(), id: request.params.id.toUpperCase() },
        ...(q.from !== undefined ? { from: timeParam('from', q.from) } : {}),
        ...(q.to !== undefined ? { to: timeParam('to', q.to) } : {}),
        limit: q.limit ?? 100,
        cursor: q.cursor ?? null,
      });
      if (q.format === 'csv') {
        if (page.nextCursor) reply.header('x-next-cursor', page.nextCursor);
        return reply.type('text/csv; charset=utf-8').serializer((x: string) => x).send(readingsCsv(page.items));
      }
      return { items: page.items.map(readingOut), nextCursor: page.nextCursor };
    },
  );

  app.get(
    '/api/v1/readings/latest',
    { onRequest: readers, schema: { querystring: Type.Object({ format: Type.Optional(Type.Union([Type.Literal('json'), Type.Literal('csv')])) }), response: { 200: Type.Array(Reading), ...errors } } },
    async (request, reply) => {
      const items = options.repo.latestReadings();
      if (request.query.format === 'csv') return reply.type('text/csv; charset=utf-8').serializer((x: string) => x).send(readingsCsv(items));
      return items.map(readingOut);
    },
  );

  app.get('/api/v1/readings/:readingId', { onRequest: readers, schema: { params: Type.Object({ readingId: Type.Integer({ minimum: 1 }) }), response: { 200: ReadingWithAudit, ...errors } } }, async (request) => {
    const r = options.repo.reading(request.params.readingId);
    if (!r) throw new HttpError('COL_ERR_NOT_FOUND', `reading ${request.params.readingId}`);
    return { ...readingOut(r), records: r.records, rawTelegrams: options.repo.rawTelegramsOfReading(r.id).map(rawOut) };
  });

  app.put(
    '/api/v1/meters/:manufacturer/:id/key',
    {
      onRequest: admins,
      schema: { params: MeterParams, body: KeyBody, response: { 200: Type.Object({ decoded: Type.Integer(), stillUndecoded: Type.Integer() }), ...errors } },
    },
    async (request) => {
      const meter = { manufacturer: request.params.manufacturer.toUpperCase(), id: request.params.id.toUpperCase() };
      const r = options.ingestor.addMeterKey(meter, Uint8Array.from(Buffer.from(request.body.key, 'hex')));
      return { decoded: r.decoded, stillUndecoded: Object.values(r.stillUndecoded).reduce((a, b) => a + b, 0) };
    },
  );

  app.post(
    '/api/v1/gateways/:gatewayId/enrollment-token',
    {
      onRequest: admins,
      schema: { params: Type.Object({ gatewayId: Type.String({ pattern: '^[A-Za-z0-9][A-Za-z0-9._-]{0,62}$' }) }), response: { 200: Type.Object({ token: Type.String(), expiresAt: Type.String() }), ...errors } },
    },
    async (request) => {
      if (!options.tokens) throw new HttpError('COL_ERR_CONFLICT', 'enrollment is not enabled on this collector');
      const t = options.tokens.issue(request.params.gatewayId);
      return { token: t.token, expiresAt: new Date(t.expiresAt).toISOString() };
    },
  );

  app.post(
    '/api/v1/enroll',
    {
      schema: {
        security: [],
        body: EnrollBody,
        response: { 200: Type.Object({ gatewayId: Type.String(), certificate: Type.String(), caCertificate: Type.String(), mqttUrl: Type.Union([Type.String(), Type.Null()]) }), 400: Type.Ref(ErrorBody) },
      },
    },
    async (request) => {
      if (!options.ca || !options.tokens) throw new HttpError('COL_ERR_CONFLICT', 'enrollment is not enabled on this collector');
      const r = enrollGateway(options.ca, options.tokens, { token: request.body.token, csrPem: request.body.csr });
      return { gatewayId: r.gatewayId, certificate: r.certPem, caCertificate: r.caCertPem, mqttUrl: options.mqttUrl ?? null };
    },
  );

  await app.register(billingRoutes, { repo: options.repo, properties: options.properties, readers, admins });

  return app;
}
