/**
 * Plausibility flags on pipeline readings (billing-domain.md § 9): the TPL status of the telegram a
 * reading came from (power low, [WMB-TPL]), a set date that is not the configured due date ([BFW-GOHL],
 * derived), and a value observed far from the day it stands for ([EDDI-UEB]). Flags never change a value.
 */
import t from 'tap';
import { PropertyReadings, ReadingPipeline, isFailure, type PipelineResult } from '../../src/reading-pipeline/index.js';
import { pipelineSetup } from './pipeline-setup.js';
import { berlinLocal, waterTelegram } from './oms-telegrams.js';

const DAY = 86_400_000;

t.test('status bits, a foreign set date and a far reading date become flags on the reading', async (t) => {
  const { ingestor, props, readings } = pipelineSetup(t, 'plausibility');
  const p = props.createProperty({ name: 'flags', dueDate: '12-31' });
  const u = props.createUnit(p.id, { name: 'EG', areaM2: 40 });
  const send = (id: string, seq: number, at: number, v: { current: number; due?: { value: number; date: string }; status?: number }) =>
    ingestor.ingestBatch('gw', { v: 1, sentAt: at, telegrams: [{ seq, raw: waterTelegram({ manufacturer: 'ABC', id, version: 1, deviceType: 0x16 }, { accessNumber: seq, meterTime: berlinLocal(at), ...v }), receivedAt: at, stickId: 's', rssiDbm: -80, linkMode: 'C1', frameFormat: 'A' }] });
  const meter = (radioId: string, position: string) => {
    const m = props.createMeter(p.id, { kind: 'coldWater', manufacturer: 'ABC', radioId });
    props.assignMeter(u.id, { meterId: m.id, position, installed: '2022-12-31' });
    return m;
  };
  const battery = meter('00000201', 'KW Bad');
  const setDate = meter('00000202', 'KW Küche');
  const far = meter('00000203', 'KW Keller');
  const newYear = Date.UTC(2023, 11, 31, 23, 0);
  send('00000201', 1, newYear + 3_600_000, { current: 12.5, due: { value: 12.4, date: '2023-12-31' }, status: 0x04 });
  send('00000202', 2, newYear - 10 * 60_000, { current: 7.25, due: { value: 7, date: '2023-11-30' } }); // meter set to another due date
  send('00000203', 3, newYear - 40 * DAY, { current: 3.5 });
  send('00000203', 4, newYear + 45 * DAY, { current: 3.75 });
  const pipeline = new PropertyReadings(new ReadingPipeline(props, { periodToleranceDays: 60 }));

  const byMeter = (items: PipelineResult[], id: number) => {
    const r = items.find((i) => i.meterId === id)!;
    if (isFailure(r)) throw new Error(JSON.stringify(r));
    return r;
  };
  const items = readings.periodEndReadings(p.id, '2023-12-31').items;
  t.match(byMeter(items, battery.id), { value: 12.4, source: 'dueDate', flags: [{ code: 'BATTERY_LOW' }] }, 'the value stays, the flag says why to look');
  t.match(byMeter(items, setDate.id), { value: 7.25, source: 'sample', flags: [{ code: 'SET_DATE_MISMATCH', detail: /2023-11-30/ }] });
  t.match(items.find((i) => i.meterId === far.id), { code: 'NO_READING_IN_TOLERANCE' }, 'beyond 31 days: no period-end value ([EDDI-UEB])');
  const wide = byMeter(pipeline.periodEndReadings(p.id, '2023-12-31').items, far.id);
  t.match(wide, { value: 3.5, source: 'sample', quality: 'far', flags: [{ code: 'READING_DATE_FAR', detail: /40\.0 days/ }] }, 'with 60 days allowed: the closest value, 40 days early, flagged');
});
