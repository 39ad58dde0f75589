/**
 * What core uses of csv-stringify's browser build, typed for the core project
 * (tsconfig.core.json maps the import here). The package's own declarations
 * reference Node's types (Buffer, streams), which would give all of core
 * Node's globals; the other projects read the package's own.
 */
export declare function stringify(input: unknown[][], options?: { record_delimiter?: string }): string;
