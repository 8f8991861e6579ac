/** True when the launchers run dist/; false when they would take the sources through tsx. */
export function runsBuild(): boolean;
/** The module to import for an entry: "cli" or "main". */
export function entry(name: string, sourcePath: string): Promise<Record<string, unknown>>;
