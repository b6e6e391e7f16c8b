import { Logger } from '@aws-lambda-powertools/logger';
import { config } from './config.ts';

/** Structured JSON logs (Powertools), one logger per process. */
export const logger = new Logger({ serviceName: 'cop-review', logLevel: config().LOG_LEVEL });
