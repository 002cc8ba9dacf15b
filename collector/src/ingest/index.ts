/**
 * Collector ingest. Wiring (as collector/test/ingest/broker-ingest.test.ts does it):
 *
 *   const repo = SqliteRepository.open(file);          // src/store
 *   const queue = new IngestQueue(new Ingestor(repo));
 *   broker.onPublish(async (m) => {                      // src/broker: PUBACK after this resolves
 *     if (m.kind === 'cmd-ack') return;                  // not the ingest's
 *     try { await queue.submit(m); }
 *     catch (e) { if (!isIngestError(e)) throw e; count(e.code, e.contractCode); }  // ack and drop bad input
 *   });
 *
 * Keys: ingestor.addMeterKey({manufacturer, id}, key) stores the key and turns the meter's raw-only
 * telegrams into readings.
 */
export * from './errors.js';
export { Ingestor, type IngestorOptions, type IngestResult, type RedecodeResult, type IncomingMessage } from './ingestor.js';
export { CollectorDecoder, type DecodeOutcome, type DecodedReading, type DecodeFailure } from './collector-decoder.js';
export { linkIdentity, canonicalWireless, type LinkIdentity } from './link-identity.js';
export { IngestQueue, type IngestQueueOptions } from './ingest-queue.js';
