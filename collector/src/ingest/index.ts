export * from './errors.js';
export { Ingestor, type IngestorOptions, type IngestResult, type RedecodeResult, type IncomingMessage } from './ingestor.js';
export { CollectorDecoder, type DecodeOutcome, type DecodedReading, type DecodeFailure } from './collector-decoder.js';
export { linkIdentity, canonicalWireless, type LinkIdentity } from './link-identity.js';
export { IngestQueue, type IngestQueueOptions } from './ingest-queue.js';
