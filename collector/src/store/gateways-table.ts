import type { Database, Statement } from 'better-sqlite3';
import type { ConnState, GatewayRecord } from './repository.js';

interface GatewayRow {
  id: string;
  name: string | null;
  created_at: number;
  last_seen_at: number | null;
  conn_state: string | null;
  conn_state_at: number | null;
  last_stats: string | null;
  last_stats_at: number | null;
}

const toRecord = (r: GatewayRow): GatewayRecord => ({
  id: r.id,
  name: r.name,
  createdAt: r.created_at,
  lastSeenAt: r.last_seen_at,
  connState: r.conn_state as ConnState | null,
  connStateAt: r.conn_state_at,
  lastStats: r.last_stats === null ? null : (JSON.parse(r.last_stats) as unknown),
  lastStatsAt: r.last_stats_at,
});

/** Gateways: identity, connection state (rule 7: retained status + will) and the last stats snapshot. */
export class GatewaysTable {
  private readonly touch: Statement;
  private readonly connState: Statement;
  private readonly stats: Statement;
  private readonly rename: Statement;
  private readonly one: Statement<[string], GatewayRow>;
  private readonly all: Statement<[], GatewayRow>;

  constructor(db: Database) {
    this.touch = db.prepare(
      `INSERT INTO gateways (id, created_at, last_seen_at) VALUES (@id, @at, @at)
       ON CONFLICT (id) DO UPDATE SET last_seen_at = max(coalesce(last_seen_at, 0), excluded.last_seen_at)`,
    );
    // The last message processed wins, not the newest timestamp: a will carries the time the gateway
    // connected (older than its later 'online'), and gateway clocks may step back after NTP sync.
    this.connState = db.prepare(`UPDATE gateways SET conn_state = @state, conn_state_at = @at WHERE id = @id`);
    this.stats = db.prepare(`UPDATE gateways SET last_stats = @stats, last_stats_at = @at WHERE id = @id`);
    this.rename = db.prepare(`UPDATE gateways SET name = @name WHERE id = @id`);
    this.one = db.prepare(`SELECT * FROM gateways WHERE id = ?`);
    this.all = db.prepare(`SELECT * FROM gateways ORDER BY id`);
  }

  touchGateway(id: string, seenAt: number): void {
    this.touch.run({ id, at: seenAt });
  }

  setConnState(id: string, state: ConnState, at: number): void {
    this.connState.run({ id, state, at });
  }

  setStats(id: string, stats: unknown, at: number): void {
    this.stats.run({ id, stats: JSON.stringify(stats), at });
  }

  setName(id: string, name: string | null): void {
    this.rename.run({ id, name });
  }

  get(id: string): GatewayRecord | undefined {
    const row = this.one.get(id);
    return row && toRecord(row);
  }

  list(): GatewayRecord[] {
    return this.all.all().map(toRecord);
  }
}
