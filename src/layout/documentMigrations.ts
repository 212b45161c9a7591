/**
 * The envelope a layout document is persisted in (IndexedDB autosave) and its up-migrations.
 *
 *   { schemaVersion: 1, document: { caption, blobs: [...] } }
 *
 * Each persisted shape change bumps STORED_SCHEMA_VERSION and appends one migration that turns
 * the previous shape into the next; a stored document is walked up the list to the current
 * version and then validated like any import. Migrations are pure (they never mutate what was
 * read), so a failed or refused load leaves the stored data exactly as it was: the caller can
 * report the problem and keep the record for a newer app or for recovery.
 */
import { validateLayoutBody } from './layoutValidation';
import type { LayoutDocument } from './types';

export const STORED_SCHEMA_VERSION = 2;

export interface StoredDocumentEnvelope {
  schemaVersion: number;
  document: LayoutDocument;
}

export type StoredDocumentResult =
  | {
      ok: true;
      document: LayoutDocument;
      /** Repairs made by validation (see layoutValidation.ts). */
      warnings: string[];
      /** The version that was read; lower than STORED_SCHEMA_VERSION when it was migrated. */
      fromVersion: number;
    }
  | { ok: false; reason: 'corrupt' | 'newer-version'; message: string };

export interface DocumentMigration {
  /** Version this migration reads; it produces `from + 1`. */
  from: number;
  /** Why the shape changed, for whoever reads the list. */
  change: string;
  /** Returns the next version's document; must not mutate its argument. */
  up: (document: unknown) => unknown;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Ordered: DOCUMENT_MIGRATIONS[i].from === i. */
export const DOCUMENT_MIGRATIONS: readonly DocumentMigration[] = [
  {
    from: 0,
    change: 'blob angle stored as `angleDeg` in degrees became `theta` in radians (contracts.md §1)',
    up: (document) => {
      if (!isRecord(document) || !Array.isArray(document.blobs)) return document;
      return {
        ...document,
        blobs: document.blobs.map((blob: unknown) => {
          if (!isRecord(blob)) return blob;
          const { angleDeg, ...rest } = blob;
          return { ...rest, theta: typeof angleDeg === 'number' ? (angleDeg * Math.PI) / 180 : angleDeg };
        }),
      };
    },
  },
  {
    from: 1,
    change: 'blobs may carry strength, feather and activeSteps (Layout JSON v2); absent means the old behaviour',
    // Nothing to convert: the bump only stops an older app from reading weights it would drop.
    up: (document) => document,
  },
];

/** What to hand to IndexedDB for `document`. */
export function toStoredDocument(document: LayoutDocument): StoredDocumentEnvelope {
  return { schemaVersion: STORED_SCHEMA_VERSION, document };
}

/** Reads a stored envelope of any known version into a current document. Never throws. */
export function migrateStoredDocument(raw: unknown): StoredDocumentResult {
  const corrupt = (message: string): StoredDocumentResult => ({ ok: false, reason: 'corrupt', message });
  if (!isRecord(raw)) return corrupt('the stored layout is not an object');
  const version = Object.prototype.hasOwnProperty.call(raw, 'schemaVersion') ? raw.schemaVersion : undefined;
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 0) {
    return corrupt(`the stored layout has no valid schemaVersion (got ${String(version)})`);
  }
  if (version > STORED_SCHEMA_VERSION) {
    return {
      ok: false,
      reason: 'newer-version',
      message:
        `the stored layout was saved by a newer version of BlobGEN Web (schema ${String(version)}; ` +
        `this app reads up to ${String(STORED_SCHEMA_VERSION)}). It was left untouched; update the app to open it.`,
    };
  }
  try {
    let document: unknown = Object.prototype.hasOwnProperty.call(raw, 'document') ? raw.document : undefined;
    for (let v = version; v < STORED_SCHEMA_VERSION; v++) {
      const migration = DOCUMENT_MIGRATIONS[v];
      if (migration?.from !== v) return corrupt(`no migration from schema ${String(v)}`);
      document = migration.up(document);
    }
    const validated = validateLayoutBody(document, 'document');
    if (!validated.ok) return corrupt(`the stored layout is damaged: ${validated.errors.join('; ')}`);
    return { ok: true, document: validated.document, warnings: validated.warnings, fromVersion: version };
  } catch (error) {
    return corrupt(`the stored layout could not be read: ${error instanceof Error ? error.message : String(error)}`);
  }
}
