export declare function crashBody(i: number): Buffer;
