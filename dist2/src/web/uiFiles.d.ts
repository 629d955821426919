import type { ServerResponse } from 'node:http';
/** Where `npm run build` puts the UI: <repo>/dist/web-ui, seen from dist/src/web/uiFiles.js. */
export declare const DEFAULT_UI_DIR: string;
export declare class UiFiles {
    private readonly files;
    private constructor();
    static load(dir: string): Promise<UiFiles>;
    /** True when it answered; the page is served for "/" and every other known file by its path. */
    serve(pathname: string, res: ServerResponse, headOnly: boolean): boolean;
}
