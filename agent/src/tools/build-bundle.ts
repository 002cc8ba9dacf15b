/**
 * Builds what the gateway runs: `dist/bundle/wmbus-agent.cjs`, the agent's whole module graph (its own code,
 * @wmbus/protocol, mqtt, yaml, TypeBox, cbor-x) as one minified CommonJS file, and `dist/bundle/bench-agent.cjs`,
 * the same graph with the agent benchmark, so `npm run bench:agent` measures the code the service loads.
 *
 * Why a bundle: on a gateway every byte of loaded JavaScript stays in V8's heap as source text and module
 * records, and V8 grows its old generation in proportion to the live heap. The unbundled graph (~250 ESM
 * files) held 12 MB of heap after start; the bundle holds ~8 MB, and as CommonJS the process never starts
 * Node's ESM loader (another ~1 MB of its own heap and code pages). Figures: `npm run bench:agent`.
 *
 * Left outside the bundle, loaded from node_modules at run time: native addons and the packages that find
 * their `.node` file relative to their own folder (better-sqlite3, @serialport/bindings-cpp, cbor-extract),
 * and node-forge, which only `wmbus-agent enroll` loads.
 *
 * Runs after `tsc -b` (root `prepare`): it bundles the compiled JavaScript in dist/, so what ships is what the
 * type checker and the tests saw.
 */
import { build } from 'esbuild';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const agentRoot = fileURLToPath(new URL('../../', import.meta.url));
const outdir = 'dist/bundle';

rmSync(join(agentRoot, outdir), { recursive: true, force: true });
await build({
  absWorkingDir: agentRoot,
  entryPoints: {
    'wmbus-agent': 'dist/cli/wmbus-agent.js',
    'bench-agent': 'dist/tools/bench-agent.js',
  },
  outdir,
  outExtension: { '.js': '.cjs' },
  bundle: true,
  format: 'cjs',
  platform: 'node',
  target: 'node20',
  // Whitespace and syntax minified, identifiers kept: stack traces name the functions. Not keepNames (it
  // gives every function a property of its own, ~0.9 MB more heap) and no source map (Node would parse its
  // 3 MB into the heap when source maps are on).
  minifyWhitespace: true,
  minifySyntax: true,
  external: ['better-sqlite3', '@serialport/bindings-cpp', 'cbor-extract', 'node-forge'],
  // The sources' import.meta.url becomes the bundle file's own URL (both bundles sit two folders below the
  // package root, as dist/cli and dist/tools do, so relative paths keep working).
  define: { 'import.meta.url': '__bundleFileUrl' },
  banner: { js: 'const __bundleFileUrl = require("node:url").pathToFileURL(__filename).href;' },
  logLevel: 'warning',
});
