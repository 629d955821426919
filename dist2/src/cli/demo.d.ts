type Print = (line: string) => void;
export declare function runDemo(print?: Print): Promise<void>;
export {};
