/** Questionnaires as data and the pure logic of self-assessments. See docs/questionnaires.md. */
export * from './answers.ts';
export * from './catalog.ts';
export * from './check.ts';
export * from './definition.ts';
export * from './diff.ts';
export * from './form-model.ts';
export * from './import-export.ts';
export * from './known.ts';
export * from './lookup.ts';
export * from './render.ts';
export * from './sheet-columns.ts';
export * from './sheet-read.ts';
export * from './sheet-write.ts';
export * from './versions.ts';
