/**
 * Serves the built browser UI (issue 7, item 3) from dist/web-ui. The set of servable files is
 * read once at start, so a request path is only ever looked up, never joined onto the file system
 * (no traversal). Content-hashed assets may be cached; the page itself may not.
 */
import { readdir, readFile } from 'node:fs/promises';
import { extname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { setSecurityHeaders } from './securityHeaders.js';
/** Where `npm run build` puts the UI: <repo>/dist/web-ui, seen from dist/src/web/uiFiles.js. */
export const DEFAULT_UI_DIR = fileURLToPath(new URL('../../web-ui/', import.meta.url));
const TYPES = {
    '.html': 'text/html; charset=utf-8',
    '.js': 'text/javascript; charset=utf-8',
    '.css': 'text/css; charset=utf-8',
    '.svg': 'image/svg+xml',
    '.png': 'image/png',
    '.ico': 'image/x-icon',
    '.woff2': 'font/woff2',
    '.json': 'application/json',
    '.txt': 'text/plain; charset=utf-8',
};
const NOT_BUILT = `<!doctype html><meta charset="utf-8"><title>Saltline</title>
<p>The web UI has not been built. Run <code>npm run build</code> and start again.</p>`;
export class UiFiles {
    files;
    constructor(files) {
        this.files = files;
    }
    static async load(dir) {
        const files = new Map();
        let names;
        try {
            names = await readdir(dir, { recursive: true });
        }
        catch {
            return new UiFiles(files);
        }
        for (const name of names) {
            const type = TYPES[extname(name)];
            if (type === undefined)
                continue;
            const path = join(dir, name);
            const body = await readFile(path).catch(() => undefined);
            if (body !== undefined)
                files.set('/' + relative(dir, path).split(sep).join('/'), { body, type });
        }
        return new UiFiles(files);
    }
    /** True when it answered; the page is served for "/" and every other known file by its path. */
    serve(pathname, res, headOnly) {
        const key = pathname === '/' ? '/index.html' : pathname;
        const file = this.files.get(key);
        if (file === undefined && key === '/index.html') {
            setSecurityHeaders(res);
            res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
            res.end(headOnly ? undefined : NOT_BUILT);
            return true;
        }
        if (file === undefined)
            return false;
        setSecurityHeaders(res, key.startsWith('/assets/'));
        res.writeHead(200, { 'Content-Type': file.type, 'Content-Length': file.body.length });
        res.end(headOnly ? undefined : file.body);
        return true;
    }
}
//# sourceMappingURL=uiFiles.js.map