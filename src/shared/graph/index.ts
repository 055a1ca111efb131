// The network document: schema, loading with diagnostics, migrations, the expression language of rules.
export * from './schema';
export * from './diagnostics';
export * from './validate';
export * from './migrations';
export * from './expression';
export * from './json-reader';
