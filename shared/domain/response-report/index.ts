/** Response analytics: how a set of States answered a questionnaire. See docs/analytics.md. */
export * from './export.ts';
export * from './protect.ts';
export * from './render-html.ts';
export * from './render-pdf.ts';
export * from './report.ts';
