/** A real collector database in a temp folder with the ingest, the property model and the reading pipeline on it. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteRepository } from '../../src/store/index.js';
import { Ingestor } from '../../src/ingest/index.js';
import { PropertiesStore } from '../../src/properties/index.js';
import { PropertyReadings, ReadingPipeline } from '../../src/reading-pipeline/index.js';

export function pipelineSetup(t: { teardown(fn: () => void): void }, name: string) {
  const dir = mkdtempSync(join(tmpdir(), `collector-${name}-`));
  const repo = SqliteRepository.open(join(dir, 'c.db'), { synchronous: 'NORMAL' });
  t.teardown(() => {
    repo.close();
    rmSync(dir, { recursive: true, force: true });
  });
  const ingestor = new Ingestor(repo);
  const props = new PropertiesStore(repo.db);
  const readings = new PropertyReadings(new ReadingPipeline(props));
  return { repo, ingestor, props, readings };
}
