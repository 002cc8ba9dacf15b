/**
 * Coded errors of the MQTT contract. Like the decoding catalogue in ../errors.ts, codes are stable:
 * the collector counts refused messages per code, so a code is never renamed or reused.
 */
export const MQTT_ERROR_CATALOGUE = {
  TOPIC_INVALID: 'topic is not a topic of this contract (wmbus/v1/gw/<gatewayId>/<kind>[/<commandId>])',
  TOPIC_WILDCARD: 'topic contains an MQTT wildcard (+ or #); wildcards belong in subscription filters only',
  GATEWAY_ID_INVALID: 'gateway id must be 1-63 characters of A-Z a-z 0-9 . _ - starting with a letter or digit',
  COMMAND_ID_INVALID: 'command id must be 1-63 characters of A-Z a-z 0-9 . _ - starting with a letter or digit',
  PAYLOAD_KIND_UNKNOWN: 'no payload schema for this topic kind',
  PAYLOAD_NOT_CBOR: 'payload is not one well-formed CBOR item',
  PAYLOAD_NOT_JSON: 'payload is not valid JSON',
  PAYLOAD_VERSION: 'payload schema version (v) is missing or not supported',
  PAYLOAD_SCHEMA: 'payload does not match its schema',
  PAYLOAD_TOO_LARGE: 'payload exceeds the size limit of its kind',
} as const satisfies Record<string, string>;

export type MqttErrorCode = keyof typeof MQTT_ERROR_CATALOGUE;

export class MqttContractError extends Error {
  override readonly name = 'MqttContractError';
  readonly code: MqttErrorCode;
  /** Where in the payload the problem is, e.g. "telegrams[3].rssiDbm" ("" for the whole payload). */
  readonly path?: string;

  constructor(code: MqttErrorCode, detail?: string, path?: string) {
    const base = MQTT_ERROR_CATALOGUE[code];
    const where = path ? ` at ${path}` : '';
    super(detail ? `${base}${where}: ${detail}` : `${base}${where}`);
    this.code = code;
    if (path !== undefined) this.path = path;
  }

  toJSON(): { code: MqttErrorCode; message: string; path?: string } {
    return { code: this.code, message: this.message, ...(this.path !== undefined ? { path: this.path } : {}) };
  }
}

export const isMqttContractError = (e: unknown): e is MqttContractError => e instanceof MqttContractError;
