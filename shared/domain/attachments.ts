/**
 * Attachment rules, pure: the accepted types with their file-name extensions, the type detected
 * from the first bytes, and what a file name may contain. The route schema and the confirm step
 * both use them, so a name always says what the bytes are.
 */

/** Accepted types (allow-list) → the extensions a file of that type may be named with. */
export const ATTACHMENT_TYPES = {
  'application/pdf': ['pdf'],
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': ['docx'],
  'application/vnd.oasis.opendocument.text': ['odt'],
  'text/plain': ['txt'],
  'image/png': ['png'],
  'image/jpeg': ['jpg', 'jpeg'],
} as const satisfies Record<string, readonly string[]>;
export type AttachmentType = keyof typeof ATTACHMENT_TYPES;

/** The largest attachment accepted (20 MiB): checked on the declared size and on the uploaded bytes. */
export const MAX_ATTACHMENT_BYTES = 20 * 1024 * 1024;

export const isAttachmentType = (t: string): t is AttachmentType => Object.hasOwn(ATTACHMENT_TYPES, t);

/**
 * Unicode format characters (category Cf: bidirectional overrides and isolates, zero-width
 * characters, the byte-order mark, soft hyphens...) and line/paragraph separators: invisible,
 * they make a name display as something it is not (`report‮txt.bat` shows as `reportbat.txt`).
 */
const FORMAT_CHARACTERS = /[\p{Cf}\p{Zl}\p{Zp}]/u;
export const hasFormatCharacters = (name: string): boolean => FORMAT_CHARACTERS.test(name);

/** The lower-cased text after the last dot ('' when there is none, or the name ends with a dot). */
const extensionOf = (name: string): string => {
  const dot = name.lastIndexOf('.');
  return dot < 0 ? '' : name.slice(dot + 1).toLowerCase();
};

/** Null when `name` fits `type`; otherwise the problem, in words. */
export const extensionProblem = (name: string, type: AttachmentType): string | null => {
  const allowed: readonly string[] = ATTACHMENT_TYPES[type];
  const ext = extensionOf(name);
  if (allowed.includes(ext)) return null;
  const expected = allowed.map((e) => `.${e}`).join(' or ');
  return ext
    ? `the extension .${ext} does not match the content type ${type} (expected ${expected})`
    : `the name needs the extension of its content type ${type} (${expected})`;
};

const startsWith = (bytes: Uint8Array, prefix: readonly number[]): boolean =>
  bytes.length >= prefix.length && prefix.every((b, i) => bytes[i] === b);

const ZIP = [0x50, 0x4b, 0x03, 0x04];
const ODT_MIMETYPE = 'application/vnd.oasis.opendocument.text';

/**
 * The type the first bytes show, or null when they show none of the accepted types. Text is what
 * remains: no NUL byte and valid UTF-8 (`complete` false: `head` is only the start of the file, so
 * it may end inside a character).
 */
export const detectAttachmentType = (head: Uint8Array, complete: boolean): AttachmentType | null => {
  if (startsWith(head, [0x25, 0x50, 0x44, 0x46, 0x2d])) return 'application/pdf'; // %PDF-
  if (startsWith(head, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png';
  if (startsWith(head, [0xff, 0xd8, 0xff])) return 'image/jpeg';
  if (startsWith(head, ZIP)) {
    // An ODF package stores its uncompressed `mimetype` entry first; any other ZIP is taken as DOCX.
    return Buffer.from(head).includes(ODT_MIMETYPE)
      ? 'application/vnd.oasis.opendocument.text'
      : 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
  }
  if (head.includes(0)) return null;
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(head, { stream: !complete });
    return 'text/plain';
  } catch {
    return null;
  }
};
