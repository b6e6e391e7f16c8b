/**
 * Starts the embedded DynamoDB Local and s3rver once per test run; each test file then gets its
 * own table and bucket (see local-aws.ts), so files can run in parallel without sharing state.
 */
import type { TestProject } from 'vitest/node';
import { startEmulators } from '../../scripts/local/emulators.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    dynamoEndpoint: string;
    s3Endpoint: string;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const emulators = await startEmulators();
  project.provide('dynamoEndpoint', emulators.dynamoEndpoint);
  project.provide('s3Endpoint', emulators.s3Endpoint);
  return () => emulators.stop();
}
