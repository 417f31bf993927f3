// Bundles the console (src/main.ts and MapLibre GL JS) with esbuild into the backend's static resources:
// <out>/META-INF/resources/console/, which the backend's pom adds as a resource folder, so Quarkus serves it at /console/.
//   node build.mjs [out]     (out defaults to ../target/console-resources; the pom passes the same folder)
import { build } from 'esbuild';
import { copyFileSync, mkdirSync, rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const out = resolve(process.argv[2] ?? join(here, '..', 'target', 'console-resources'));
const dir = join(out, 'META-INF', 'resources', 'console');
rmSync(dir, { recursive: true, force: true });
mkdirSync(dir, { recursive: true });

await build({
  entryPoints: [join(here, 'src', 'main.ts')],
  bundle: true,
  minify: true,
  sourcemap: false,
  format: 'esm',
  target: ['chrome110', 'firefox110', 'safari16'],
  outfile: join(dir, 'console.js'),
  legalComments: 'linked',
  logLevel: 'warning',
});
copyFileSync(join(here, 'src', 'index.html'), join(dir, 'index.html'));
copyFileSync(join(here, 'src', 'console.css'), join(dir, 'console.css'));
for (const f of ['maplibre-gl.css', 'maplibre-gl-worker.mjs']) {
  copyFileSync(join(here, 'node_modules', 'maplibre-gl', 'dist', f), join(dir, f));
}
console.log(`console bundled into ${dir}`);
