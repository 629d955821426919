/**
 * Build of the local web app's browser UI (issue 7, item 3): Preact + TypeScript bundled by Vite
 * into dist/web-ui, which src/web/uiFiles.ts serves. The output must live under the strict CSP:
 * no inline scripts or styles, no data: URLs, nothing from another origin.
 * Run: vite build --config src/web/ui/vite.config.ts
 */
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
const here = fileURLToPath(new URL('.', import.meta.url));
export default defineConfig({
    root: here,
    base: '/',
    publicDir: false,
    logLevel: 'warn',
    oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
    build: {
        outDir: fileURLToPath(new URL('../../../dist/web-ui', import.meta.url)),
        emptyOutDir: true,
        // The polyfill would be injected as an inline script, which the CSP forbids.
        modulePreload: { polyfill: false },
        // Keep every asset a file: the CSP allows no data: URLs.
        assetsInlineLimit: 0,
        target: 'es2022',
        sourcemap: false,
    },
});
//# sourceMappingURL=vite.config.js.map