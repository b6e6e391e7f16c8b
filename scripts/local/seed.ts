/**
 * Seeds a local platform: reference data and the demo cycle. Idempotent: running it on a data
 * folder that is already seeded changes nothing.
 */
export const seedLocal = async (): Promise<void> => {
  // Reference data and the demo cycle are seeded here as those areas land.
};
