/**
 * How the autosaved document is stored: the versioned envelope and up-migrations of
 * src/layout/documentMigrations ({schemaVersion, document}), adapted to autosave's codec seam.
 */
import { migrateStoredDocument, toStoredDocument } from '../layout/documentMigrations';
import type { AutosaveCodec } from './autosave';

export const storedDocumentCodec: AutosaveCodec = {
  toEnvelope: toStoredDocument,
  migrate(raw) {
    const result = migrateStoredDocument(raw);
    return result.ok ? { ok: true, document: result.document } : result;
  },
};
