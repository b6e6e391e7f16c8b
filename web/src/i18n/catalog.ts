/** The six catalogs, keyed by language. English is the reference; a catalog may lack keys (i18n:check fails then). */
import type { Language } from '#shared/domain/types.ts';
import { ar } from './messages/ar.ts';
import { en, type MessageKey } from './messages/en.ts';
import { es } from './messages/es.ts';
import { fr } from './messages/fr.ts';
import { ru } from './messages/ru.ts';
import { zh } from './messages/zh.ts';

export type { MessageKey };
export type Catalog = Partial<Record<MessageKey, string>>;

export const CATALOGS: Readonly<Record<Language, Catalog>> = { ar, zh, en, fr, ru, es };
export const REFERENCE: Readonly<Record<MessageKey, string>> = en;
