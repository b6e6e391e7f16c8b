/**
 * The user's own settings (domain/user-preferences.ts). Item layout: pk `USER#{userKey}`,
 * sk `PREFS#USER`, where the user key is the directory person's id for directory people (so mail,
 * addressed to person ids, finds it) and the sign-in subject otherwise.
 */
import { GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { dynamo } from '../aws/clients.ts';
import type { Language } from '../domain/types.ts';
import { NO_PREFERENCES, type UserPreferences, UserPreferencesSchema } from '../domain/user-preferences.ts';
import { tableName } from './dynamo.ts';
import { notificationKeys } from './keys.ts';

const key = notificationKeys.userSettings;

export const getUserPreferences = async (userKey: string): Promise<UserPreferences> => {
  const res = await dynamo().send(
    new GetCommand({ TableName: tableName(), Key: key(userKey), ConsistentRead: true }),
  );
  return res.Item
    ? UserPreferencesSchema.parse({ language: res.Item.language ?? null, version: res.Item.version })
    : NO_PREFERENCES;
};

/**
 * Sets the language in one atomic update that touches only that attribute (a setting added later
 * keeps its value whatever the order of concurrent writes) and counts the change.
 */
export const setUserLanguage = async (
  userKey: string,
  language: Language,
  now: Date,
): Promise<UserPreferences> => {
  const res = await dynamo().send(
    new UpdateCommand({
      TableName: tableName(),
      Key: key(userKey),
      UpdateExpression: 'SET #l = :l, #u = :u ADD #v :one',
      ExpressionAttributeNames: { '#l': 'language', '#u': 'updatedAt', '#v': 'version' },
      ExpressionAttributeValues: { ':l': language, ':u': now.toISOString(), ':one': 1 },
      ReturnValues: 'ALL_NEW',
    }),
  );
  return UserPreferencesSchema.parse({
    language: res.Attributes?.language,
    version: res.Attributes?.version,
  });
};
