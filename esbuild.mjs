// Bundles the CLI and language server (node), the VS Code client (node, `vscode` external)
// and the memory-map webview (browser). `--production` minifies.
import * as esbuild from 'esbuild';
import { existsSync } from 'node:fs';

const production = process.argv.includes('--production');
const common = { bundle: true, sourcemap: !production, minify: production, logLevel: 'warning', legalComments: 'none' };

// Commands the CLI loads only when they run (cli.ts: `import('./xCommand.js')`) get bundles of
// their own, so `check` start-up neither reads nor compiles the import readers or the renderer.
const lazyCommands = ['importCommand', 'mapCommand', 'planCommand'].filter((n) => existsSync(`server/src/node/${n}.ts`));
const node = [
  { entryPoints: { cli: 'server/src/node/cli.ts' }, outdir: 'dist/server', external: lazyCommands.map((n) => `./${n}.js`) },
  { entryPoints: { server: 'server/src/node/main.ts', checkWorker: 'server/src/node/checkWorker.ts', ...Object.fromEntries(lazyCommands.map((n) => [n, `server/src/node/${n}.ts`])) }, outdir: 'dist/server' },
  { entryPoints: { extension: 'client/src/extension.ts' }, outdir: 'dist/client', external: ['vscode'] },
].filter((b) => Object.values(b.entryPoints).every((p) => existsSync(p)));

await Promise.all([
  ...node.map((b) => esbuild.build({ ...common, ...b, platform: 'node', format: 'cjs', target: 'node20' })),
  ...(existsSync('client/webview/main.ts')
    // Always minified: `kexec-layout map --out x.html` inlines it into every page (the source map stays beside it).
    ? [esbuild.build({ ...common, minify: true, entryPoints: { memoryMap: 'client/webview/main.ts' }, outdir: 'dist/webview', platform: 'browser', format: 'iife', target: 'es2022' })]
    : []),
  // The browser entry (package.json `browser`): the client in VS Code's web worker extension host
  // (CommonJS, `vscode` external) and the language server as a Web Worker of its own (IIFE).
  ...(existsSync('server/src/browser/main.ts')
    ? [
      esbuild.build({ ...common, entryPoints: { browserServer: 'server/src/browser/main.ts' }, outdir: 'dist/server', platform: 'browser', format: 'iife', target: 'es2022' }),
      esbuild.build({ ...common, entryPoints: { browserExtension: 'client/src/browser/extension.ts' }, outdir: 'dist/client', platform: 'browser', format: 'cjs', target: 'es2022', external: ['vscode'] }),
    ]
    : []),
]);
