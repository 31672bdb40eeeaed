/**
 * Builds the search page: bundles and minifies `src/web/main.ts` (and the CSS it imports) with
 * esbuild into `public/` under content-hashed names, writes `index.html` pointing at them, and
 * prints the first-load size gzipped. Fails when JS + CSS exceed the budget of 80 KB gzipped.
 *
 *   tsx scripts/build-web.ts            → public/
 *   tsx scripts/build-web.ts --out dir  → dir/
 */
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const webDir = path.join(repoRoot, 'src/web');

/**
 * What the bundle may hold besides src/web/ and node_modules: modules shared with the server that
 * import nothing (the page imports the API's types, type-only, and these few values).
 */
export const SHARED_MODULES = ['src/meili/facets.ts'];

/** First-load JS + CSS, gzipped. */
export const BUDGET_BYTES = 80 * 1024;

export interface WebAsset {
  file: string;
  bytes: number;
  gzipBytes: number;
}

export interface WebBuild {
  outDir: string;
  /** What a first visit downloads besides index.html: the script and the stylesheet. */
  assets: WebAsset[];
  gzipTotal: number;
}

export class BudgetExceededError extends Error {
  override readonly name = 'BudgetExceededError';
  constructor(readonly build: WebBuild) {
    super(`first-load JS + CSS is ${kb(build.gzipTotal)} gzipped, over the budget of ${kb(BUDGET_BYTES)}`);
  }
}

/** Builds the page into `outDir` (emptied first). Throws `BudgetExceededError` above the budget. */
export async function buildWeb(options: { outDir?: string } = {}): Promise<WebBuild> {
  const outDir = path.resolve(options.outDir ?? path.join(repoRoot, 'public'));
  await rm(outDir, { recursive: true, force: true });
  await mkdir(outDir, { recursive: true });

  const result = await build({
    entryPoints: { app: path.join(webDir, 'main.ts') },
    outdir: outDir,
    entryNames: '[name]-[hash]',
    bundle: true,
    minify: true,
    format: 'esm',
    target: ['es2022', 'chrome111', 'firefox113', 'safari16.4'],
    sourcemap: 'linked',
    tsconfig: path.join(webDir, 'tsconfig.json'),
    metafile: true,
    legalComments: 'linked',
    logLevel: 'warning',
  });

  const server = Object.keys(result.metafile.inputs)
    .map((input) => path.relative(repoRoot, path.resolve(process.cwd(), input)))
    .filter((input) => !input.startsWith('src/web/') && !input.startsWith('node_modules/') && !SHARED_MODULES.includes(input));
  if (server.length > 0) throw new Error(`the page's bundle must not hold server code; it imports ${server.join(', ')} (import types with \`import type\`, or values from a module in SHARED_MODULES)`);

  const outputs = Object.keys(result.metafile.outputs).map((file) => path.resolve(repoRoot, file));
  const js = outputs.find((f) => /app-[^/]+\.js$/.test(f));
  const css = outputs.find((f) => /app-[^/]+\.css$/.test(f));
  if (!js || !css) throw new Error(`esbuild did not write app-*.js and app-*.css (got ${outputs.join(', ')})`);

  const html = await readFile(path.join(webDir, 'index.html'), 'utf8');
  const linked = html.replace('href="/app.css"', `href="/${path.basename(css)}"`).replace('src="/app.js"', `src="/${path.basename(js)}"`);
  if (linked === html || !linked.includes(path.basename(js)) || !linked.includes(path.basename(css))) {
    throw new Error('src/web/index.html must reference /app.js and /app.css');
  }
  await writeFile(path.join(outDir, 'index.html'), linked);

  const assets = await Promise.all(
    [js, css].map(async (file) => {
      const content = await readFile(file);
      return { file: path.relative(outDir, file), bytes: content.length, gzipBytes: gzipSync(content, { level: 9 }).length };
    }),
  );
  const built: WebBuild = { outDir, assets, gzipTotal: assets.reduce((n, a) => n + a.gzipBytes, 0) };
  if (built.gzipTotal > BUDGET_BYTES) throw new BudgetExceededError(built);
  return built;
}

function kb(bytes: number): string {
  return `${(bytes / 1024).toFixed(1)} KB`;
}

export function formatReport(built: WebBuild): string {
  const rows = built.assets.map((a) => `  ${a.file.padEnd(28)} ${kb(a.bytes).padStart(9)}  ${kb(a.gzipBytes).padStart(9)} gzipped`);
  return [
    `web page built into ${path.relative(process.cwd(), built.outDir) || '.'}/`,
    ...rows,
    `  first-load JS + CSS          ${kb(built.gzipTotal).padStart(21)} gzipped (budget ${kb(BUDGET_BYTES)})`,
  ].join('\n');
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  const at = process.argv.indexOf('--out');
  try {
    const built = await buildWeb({ outDir: at > 0 ? process.argv[at + 1] : undefined });
    console.log(formatReport(built));
  } catch (error) {
    if (error instanceof BudgetExceededError) console.error(`${formatReport(error.build)}\nerror: ${error.message}`);
    else console.error(`error: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
  }
}
