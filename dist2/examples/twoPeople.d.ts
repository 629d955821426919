export declare function twoPeople(folder: string): Promise<string[]>;
