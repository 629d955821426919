import type { ServerResponse } from 'node:http';
export declare class BackupDownloads {
    #private;
    /** Runs `write(file)` into a fresh private file and registers it for one download. */
    create(write: (file: string) => Promise<void>): Promise<{
        downloadId: string;
        fileName: string;
        size: number;
    }>;
    /** Streams the file as an attachment and forgets it; false when the id is unknown or used. */
    send(downloadId: string, res: ServerResponse): boolean;
    close(): Promise<void>;
}
