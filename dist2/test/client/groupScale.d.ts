export interface ScaleResult {
    readonly members: number;
    /** Wall times of each step, ms (informative only: tests never assert timings). */
    readonly ms: Record<string, number>;
}
/** Runs the scenario with `members` members in all (at least 5). */
export declare function groupAtScale(members: number, log?: (line: string) => void): Promise<ScaleResult>;
