/**
 * The decode thread (a worker_threads worker): CBOR decoding and contract validation of uplink payloads,
 * link identity and telegram decoding, so the main thread only runs the broker and the database. It holds
 * its own CollectorDecoder, kept in step by the main thread's key and compact-format messages.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { CollectorDecoder } from './collector-decoder.js';
import { prepareAndPack, transferablesOf, type DecodeThreadInit, type PackedResult, type PreparedMessage, type PreparedReply, type ToDecodeThread } from './decode-thread-messages.js';
import { isIngestError } from './errors.js';
import { assertGatewayId, readBytes } from './read-payload.js';

const init = workerData as DecodeThreadInit;
const decoder = new CollectorDecoder({ cacheSize: init.cacheSize });
for (const { meter, key } of init.keys) decoder.setKey(meter, key);
decoder.loadCompactFormats(init.formats);
let keyEpoch = init.keyEpoch;

function prepareOne(gatewayId: string, payload: Uint8Array): PackedResult {
  try {
    assertGatewayId(gatewayId);
    return prepareAndPack(decoder, readBytes('up', payload));
  } catch (e) {
    if (isIngestError(e)) {
      const error: Extract<PreparedMessage, { error: unknown }>['error'] = { code: e.code };
      if (e.detail !== undefined) error.detail = e.detail;
      if (e.contractCode !== undefined) error.contractCode = e.contractCode;
      if (e.path !== undefined) error.path = e.path;
      return { ok: false, error };
    }
    return { ok: false, unexpected: e instanceof Error ? e.message : String(e) };
  }
}

parentPort!.on('message', (m: ToDecodeThread) => {
  if (m.type === 'key') {
    decoder.setKey(m.meter, m.key);
    keyEpoch = m.keyEpoch;
  } else if (m.type === 'formats') {
    decoder.loadCompactFormats(m.formats); // already stored by the main thread
  } else {
    const result = prepareOne(m.gatewayId, m.payload);
    const reply: PreparedReply = { type: 'prepared', id: m.id, keyEpoch, learned: decoder.takeNewCompactFormats(), result };
    parentPort!.postMessage(reply, transferablesOf(result));
  }
});
