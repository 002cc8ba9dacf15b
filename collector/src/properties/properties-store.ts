/**
 * The property model on SQLite (same database handle as the store, own tables and migrations). All writes
 * that check an invariant (tenancy sequence, one meter per position at a time) read and write in one
 * IMMEDIATE transaction, so two administrators cannot interleave.
 */
import type { Database, Statement } from 'better-sqlite3';
import { addDays, compareDates, DEGREE_DAY_TABLES, type LocalDate } from '../billing/index.js';
import { PropertyError } from './errors.js';
import { migrateBilling } from './migrations.js';
import { METER_KINDS, type BillingMeter, type BillingMeterKind, type HcaScale, type ManualReading, type MeterAssignment, type Property, type Tenancy, type Unit } from './model.js';
import { checkDate, checkFinite, checkMonthDay, checkPositive, checkText } from './validate.js';

interface PropertyRow { id: number; name: string; due_date: string; degree_day_table: string }
interface UnitRow { id: number; property: number; name: string; area_m2: number }
interface TenancyRow { id: number; unit: number; tenant: string | null; vacancy: number; move_in: string; move_out: string | null }
interface MeterRow {
  id: number; property: number; kind: string; manufacturer: string | null; radio_id: string | null; room: string | null;
  hca_scale: string | null; kq: number | null; kc: number | null; resets_at_due_date: number; due_date: string;
}
interface AssignmentRow { id: number; meter: number; unit: number; position: string; installed: string; removed: string | null }

const toProperty = (r: PropertyRow): Property => ({ id: r.id, name: r.name, dueDate: r.due_date, degreeDayTable: r.degree_day_table });
const toUnit = (r: UnitRow): Unit => ({ id: r.id, propertyId: r.property, name: r.name, areaM2: r.area_m2 });
const toTenancy = (r: TenancyRow): Tenancy => ({ id: r.id, unitId: r.unit, tenant: r.tenant, vacancy: r.vacancy === 1, moveIn: r.move_in, moveOut: r.move_out });
const toMeter = (r: MeterRow): BillingMeter => ({
  id: r.id,
  propertyId: r.property,
  kind: r.kind as BillingMeterKind,
  manufacturer: r.manufacturer,
  radioId: r.radio_id,
  room: r.room,
  hcaScale: r.hca_scale as HcaScale | null,
  kq: r.kq,
  kc: r.kc,
  resetsAtDueDate: r.resets_at_due_date === 1,
  dueDate: r.due_date,
});
const toAssignment = (r: AssignmentRow): MeterAssignment => ({ id: r.id, meterId: r.meter, unitId: r.unit, position: r.position, installed: r.installed, removed: r.removed });

export interface NewProperty { name: string; dueDate: string; degreeDayTable?: string }
export interface NewUnit { name: string; areaM2: number }
export interface NewMeter {
  kind: BillingMeterKind;
  manufacturer?: string | null;
  radioId?: string | null;
  room?: string | null;
  hcaScale?: HcaScale | null;
  kq?: number | null;
  kc?: number | null;
  resetsAtDueDate?: boolean;
  dueDate?: string;
}

const MANUFACTURER_RE = /^[A-Z@]{3}$/;
const RADIO_ID_RE = /^[0-9A-F]{8}$/;

export class PropertiesStore {
  readonly db: Database;
  private readonly s: Record<string, Statement>;

  constructor(db: Database) {
    this.db = db;
    migrateBilling(db);
    const p = (sql: string) => db.prepare(sql);
    this.s = {
      insertProperty: p(`INSERT INTO billing_properties (name, due_date, degree_day_table) VALUES (?, ?, ?)`),
      property: p(`SELECT * FROM billing_properties WHERE id = ?`),
      properties: p(`SELECT * FROM billing_properties WHERE id > ? ORDER BY id LIMIT ?`),
      insertUnit: p(`INSERT INTO billing_units (property, name, area_m2) VALUES (?, ?, ?)`),
      unit: p(`SELECT * FROM billing_units WHERE id = ?`),
      units: p(`SELECT * FROM billing_units WHERE property = ? AND id > ? ORDER BY id LIMIT ?`),
      unitByName: p(`SELECT * FROM billing_units WHERE property = ? AND name = ?`),
      tenancies: p(`SELECT * FROM billing_tenancies WHERE unit = ? ORDER BY move_in, id`),
      tenanciesOfProperty: p(`SELECT t.* FROM billing_tenancies t JOIN billing_units u ON u.id = t.unit WHERE u.property = ? ORDER BY t.unit, t.move_in, t.id`),
      lastTenancy: p(`SELECT * FROM billing_tenancies WHERE unit = ? ORDER BY move_in DESC, id DESC LIMIT 1`),
      insertTenancy: p(`INSERT INTO billing_tenancies (unit, tenant, vacancy, move_in, move_out) VALUES (?, ?, ?, ?, NULL)`),
      endTenancy: p(`UPDATE billing_tenancies SET move_out = ? WHERE id = ?`),
      insertMeter: p(`INSERT INTO billing_meters (property, kind, manufacturer, radio_id, room, hca_scale, kq, kc, resets_at_due_date, due_date)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`),
      meter: p(`SELECT * FROM billing_meters WHERE id = ?`),
      meterByRadio: p(`SELECT * FROM billing_meters WHERE manufacturer = ? AND radio_id = ?`),
      meters: p(`SELECT * FROM billing_meters WHERE property = ? AND id > ? ORDER BY id LIMIT ?`),
      assignmentsOfMeter: p(`SELECT * FROM billing_meter_assignments WHERE meter = ? ORDER BY installed, id`),
      assignmentsAt: p(`SELECT * FROM billing_meter_assignments WHERE unit = ? AND position = ? ORDER BY installed, id`),
      assignmentsOfUnit: p(`SELECT * FROM billing_meter_assignments WHERE unit = ? ORDER BY position, installed, id`),
      assignmentsOfProperty: p(`SELECT a.* FROM billing_meter_assignments a JOIN billing_units u ON u.id = a.unit WHERE u.property = ? ORDER BY a.meter, a.installed, a.id`),
      insertAssignment: p(`INSERT INTO billing_meter_assignments (meter, unit, position, installed, removed) VALUES (?, ?, ?, ?, NULL)`),
      endAssignment: p(`UPDATE billing_meter_assignments SET removed = ? WHERE id = ?`),
      insertManual: p(`INSERT INTO billing_manual_readings (meter, date, value, note) VALUES (?, ?, ?, ?)
        ON CONFLICT (meter, date) DO UPDATE SET value = excluded.value, note = excluded.note RETURNING id`),
      manual: p(`SELECT id, meter, date, value, note FROM billing_manual_readings WHERE meter = ? ORDER BY date`),
    };
  }

  private writes = 0;

  private tx<T>(fn: () => T): T {
    this.writes++;
    return this.db.transaction(fn).immediate();
  }

  /**
   * Changes whenever the property model may have changed: a write through this store, or a commit by
   * another connection to the file (PRAGMA data_version). Readers cache master data under it.
   */
  changeStamp(): string {
    return `${this.writes}:${this.db.pragma('data_version', { simple: true }) as number}`;
  }

  // properties and units

  createProperty(input: NewProperty): Property {
    this.writes++;
    const name = checkText('name', input.name);
    const dueDate = checkMonthDay('dueDate', input.dueDate);
    const table = input.degreeDayTable ?? 'exact';
    if (!(table in DEGREE_DAY_TABLES)) throw new PropertyError('INPUT_INVALID', `degreeDayTable must be one of ${Object.keys(DEGREE_DAY_TABLES).join(', ')}`);
    const id = Number(this.s.insertProperty!.run(name, dueDate, table).lastInsertRowid);
    return this.property(id);
  }

  property(id: number): Property {
    const row = this.s.property!.get(id) as PropertyRow | undefined;
    if (!row) throw new PropertyError('PROPERTY_NOT_FOUND', String(id));
    return toProperty(row);
  }

  properties(afterId = 0, limit = 100): Property[] {
    return (this.s.properties!.all(afterId, limit) as PropertyRow[]).map(toProperty);
  }

  createUnit(propertyId: number, input: NewUnit): Unit {
    this.writes++;
    this.property(propertyId);
    const name = checkText('name', input.name);
    const area = checkPositive('areaM2', input.areaM2);
    if (this.s.unitByName!.get(propertyId, name)) throw new PropertyError('INPUT_INVALID', `unit name ${JSON.stringify(name)} exists in property ${propertyId}`);
    return this.unit(Number(this.s.insertUnit!.run(propertyId, name, area).lastInsertRowid));
  }

  unit(id: number): Unit {
    const row = this.s.unit!.get(id) as UnitRow | undefined;
    if (!row) throw new PropertyError('UNIT_NOT_FOUND', String(id));
    return toUnit(row);
  }

  units(propertyId: number, afterId = 0, limit = 1_000_000): Unit[] {
    this.property(propertyId);
    return (this.s.units!.all(propertyId, afterId, limit) as UnitRow[]).map(toUnit);
  }

  // tenancies

  tenancies(unitId: number): Tenancy[] {
    this.unit(unitId);
    return (this.s.tenancies!.all(unitId) as TenancyRow[]).map(toTenancy);
  }

  tenanciesOfProperty(propertyId: number): Tenancy[] {
    return (this.s.tenanciesOfProperty!.all(propertyId) as TenancyRow[]).map(toTenancy);
  }

  /**
   * A tenant (or, with tenant null, a vacancy) starts on `moveIn`. The previous tenancy must have ended the
   * day before; a running vacancy is ended then automatically (a new tenant ends the Leerstand).
   */
  moveIn(unitId: number, input: { date: string; tenant: string | null }): Tenancy {
    const date = checkDate('date', input.date);
    const tenant = input.tenant === null ? null : checkText('tenant', input.tenant);
    return this.tx(() => {
      this.unit(unitId);
      const last = this.s.lastTenancy!.get(unitId) as TenancyRow | undefined;
      if (last) {
        if (last.move_out === null) {
          if (last.vacancy !== 1 || tenant === null) {
            throw new PropertyError('TENANCY_SEQUENCE', `unit ${unitId} has a running ${last.vacancy ? 'vacancy' : 'tenancy'} since ${last.move_in}: record its move-out first`);
          }
          if (compareDates(addDays(date, -1), last.move_in) < 0) throw new PropertyError('TENANCY_SEQUENCE', `the vacancy started ${last.move_in}, move-in ${date} is not after it`);
          this.s.endTenancy!.run(addDays(date, -1), last.id);
        } else if (addDays(last.move_out, 1) !== date) {
          throw new PropertyError('TENANCY_SEQUENCE', `previous tenancy ended ${last.move_out}, so the next starts ${addDays(last.move_out, 1)}, not ${date}`);
        }
      }
      const id = Number(this.s.insertTenancy!.run(unitId, tenant, tenant === null ? 1 : 0, date).lastInsertRowid);
      return toTenancy(this.s.tenancies!.all(unitId).map((r) => r as TenancyRow).find((r) => r.id === id)!);
    });
  }

  /** Ends the running tenancy (or vacancy) with `date` as its last day; with `thenVacant` a vacancy starts the day after. */
  moveOut(unitId: number, input: { date: string; thenVacant?: boolean }): { ended: Tenancy; vacancy: Tenancy | null } {
    const date = checkDate('date', input.date);
    return this.tx(() => {
      this.unit(unitId);
      const last = this.s.lastTenancy!.get(unitId) as TenancyRow | undefined;
      if (!last || last.move_out !== null) throw new PropertyError('TENANCY_NOT_FOUND', `unit ${unitId}`);
      if (compareDates(date, last.move_in) < 0) throw new PropertyError('TENANCY_SEQUENCE', `move-out ${date} before move-in ${last.move_in}`);
      this.s.endTenancy!.run(date, last.id);
      const ended = toTenancy({ ...last, move_out: date });
      if (!input.thenVacant) return { ended, vacancy: null };
      const id = Number(this.s.insertTenancy!.run(unitId, null, 1, addDays(date, 1)).lastInsertRowid);
      return { ended, vacancy: { id, unitId, tenant: null, vacancy: true, moveIn: addDays(date, 1), moveOut: null } };
    });
  }

  // meters

  createMeter(propertyId: number, input: NewMeter): BillingMeter {
    this.writes++;
    const property = this.property(propertyId);
    if (!METER_KINDS.includes(input.kind)) throw new PropertyError('INPUT_INVALID', `kind must be one of ${METER_KINDS.join(', ')}`);
    const manufacturer = input.manufacturer ?? null;
    const radioId = input.radioId ?? null;
    if ((manufacturer === null) !== (radioId === null)) throw new PropertyError('INPUT_INVALID', 'manufacturer and radioId go together');
    if (manufacturer !== null && (!MANUFACTURER_RE.test(manufacturer) || !RADIO_ID_RE.test(radioId!))) {
      throw new PropertyError('INPUT_INVALID', 'manufacturer must be 3 capital letters and radioId 8 hex digits (upper case)');
    }
    if (manufacturer === null && input.kind !== 'hcaEvaporative') throw new PropertyError('INPUT_INVALID', `a ${input.kind} meter needs its radio address (manufacturer, radioId)`);
    if (manufacturer !== null && input.kind === 'hcaEvaporative') throw new PropertyError('INPUT_INVALID', 'evaporative HCAs have no radio: leave manufacturer and radioId out');
    const isHca = input.kind === 'hcaElectronic' || input.kind === 'hcaEvaporative';
    if (!isHca && (input.hcaScale != null || input.kq != null || input.kc != null)) throw new PropertyError('INPUT_INVALID', 'hcaScale, kq and kc apply to HCAs only');
    if (input.hcaScale != null && input.hcaScale !== 'unit' && input.hcaScale !== 'product') throw new PropertyError('INPUT_INVALID', 'hcaScale must be unit or product');
    const kq = input.kq == null ? null : checkPositive('kq', input.kq);
    const kc = input.kc == null ? null : checkPositive('kc', input.kc);
    const dueDate = input.dueDate === undefined ? property.dueDate : checkMonthDay('dueDate', input.dueDate);
    // Electronic HCAs restart at 0 after the due date; an evaporative HCA gets a fresh ampoule at the main reading.
    const resets = input.resetsAtDueDate ?? isHca;
    if (typeof resets !== 'boolean') throw new PropertyError('INPUT_INVALID', 'resetsAtDueDate must be true or false');
    const room = input.room == null ? null : checkText('room', input.room);
    if (manufacturer !== null && this.s.meterByRadio!.get(manufacturer, radioId)) throw new PropertyError('METER_DUPLICATE', `${manufacturer} ${radioId}`);
    const id = Number(
      this.s.insertMeter!.run(propertyId, input.kind, manufacturer, radioId, room, input.hcaScale ?? null, kq, kc, resets ? 1 : 0, dueDate).lastInsertRowid,
    );
    return this.meter(id);
  }

  meter(id: number): BillingMeter {
    const row = this.s.meter!.get(id) as MeterRow | undefined;
    if (!row) throw new PropertyError('METER_NOT_FOUND', String(id));
    return toMeter(row);
  }

  meters(propertyId: number, afterId = 0, limit = 1_000_000): BillingMeter[] {
    this.property(propertyId);
    return (this.s.meters!.all(propertyId, afterId, limit) as MeterRow[]).map(toMeter);
  }

  assignmentsOfUnit(unitId: number): MeterAssignment[] {
    return (this.s.assignmentsOfUnit!.all(unitId) as AssignmentRow[]).map(toAssignment);
  }

  assignmentsOfMeter(meterId: number): MeterAssignment[] {
    return (this.s.assignmentsOfMeter!.all(meterId) as AssignmentRow[]).map(toAssignment);
  }

  assignmentsOfProperty(propertyId: number): MeterAssignment[] {
    return (this.s.assignmentsOfProperty!.all(propertyId) as AssignmentRow[]).map(toAssignment);
  }

  /**
   * Installs a meter at a unit's position from the end of `installed`. The position's previous meter must
   * have been removed on or before that day, and the meter must not be installed anywhere else then.
   */
  assignMeter(unitId: number, input: { meterId: number; position: string; installed: string }): MeterAssignment {
    const installed = checkDate('installed', input.installed);
    const position = checkText('position', input.position, 100);
    return this.tx(() => this.assignUnchecked(unitId, input.meterId, position, installed));
  }

  private assignUnchecked(unitId: number, meterId: number, position: string, installed: LocalDate): MeterAssignment {
    const unit = this.unit(unitId);
    const meter = this.meter(meterId);
    if (meter.propertyId !== unit.propertyId) throw new PropertyError('INPUT_INVALID', `meter ${meterId} belongs to property ${meter.propertyId}, unit ${unitId} to ${unit.propertyId}`);
    const stillThere = (a: AssignmentRow) => a.removed === null || compareDates(a.removed, installed) > 0;
    const atPosition = (this.s.assignmentsAt!.all(unitId, position) as AssignmentRow[]).find(stillThere);
    if (atPosition) throw new PropertyError('ASSIGNMENT_CONFLICT', `meter ${atPosition.meter} is installed at ${position} since ${atPosition.installed}`);
    const elsewhere = (this.s.assignmentsOfMeter!.all(meterId) as AssignmentRow[]).find(stillThere);
    if (elsewhere) throw new PropertyError('ASSIGNMENT_CONFLICT', `meter ${meterId} is installed at unit ${elsewhere.unit} since ${elsewhere.installed}`);
    const id = Number(this.s.insertAssignment!.run(meterId, unitId, position, installed).lastInsertRowid);
    return { id, meterId, unitId, position, installed, removed: null };
  }

  /** Ends the meter installed at the position with its removal reading on `date`. */
  removeMeter(unitId: number, input: { position: string; date: string }): MeterAssignment {
    const date = checkDate('date', input.date);
    return this.tx(() => this.removeUnchecked(unitId, input.position, date));
  }

  private removeUnchecked(unitId: number, position: string, date: LocalDate): MeterAssignment {
    this.unit(unitId);
    const open = (this.s.assignmentsAt!.all(unitId, position) as AssignmentRow[]).find((a) => a.removed === null);
    if (!open) throw new PropertyError('ASSIGNMENT_CONFLICT', `no meter installed at ${position} of unit ${unitId}`);
    if (compareDates(date, open.installed) <= 0) throw new PropertyError('INPUT_INVALID', `removal ${date} must be after installation ${open.installed}`);
    this.s.endAssignment!.run(date, open.id);
    return toAssignment({ ...open, removed: date });
  }

  /** A meter swap (Zählertausch): the old meter's removal reading and the new one's install reading on the same day. */
  swapMeter(unitId: number, input: { position: string; date: string; newMeterId: number }): { removed: MeterAssignment; installed: MeterAssignment } {
    const date = checkDate('date', input.date);
    return this.tx(() => {
      const removed = this.removeUnchecked(unitId, input.position, date);
      return { removed, installed: this.assignUnchecked(unitId, input.newMeterId, input.position, date) };
    });
  }

  // readings taken on site

  addManualReading(meterId: number, input: { date: string; value: number; note?: string | null }): ManualReading {
    this.writes++;
    this.meter(meterId);
    const date = checkDate('date', input.date);
    const value = checkFinite('value', input.value);
    const note = input.note == null ? null : checkText('note', input.note, 500);
    const { id } = this.s.insertManual!.get(meterId, date, value, note) as { id: number };
    return { id, meterId, date, value, note };
  }

  manualReadings(meterId: number): ManualReading[] {
    return (this.s.manual!.all(meterId) as { id: number; meter: number; date: string; value: number; note: string | null }[]).map((r) => ({
      id: r.id,
      meterId: r.meter,
      date: r.date,
      value: r.value,
      note: r.note,
    }));
  }
}
