/**
 * How the autosaved document is stored: a versioned envelope {schemaVersion, document}.
 * TEMPORARY local version until src/layout/documentMigrations lands (then this delegates to it).
 */
import { validateLayoutBody } from '../layout/layoutValidation';
import type { AutosaveCodec } from './autosave';

const SCHEMA_VERSION = 1;

export const storedDocumentCodec: AutosaveCodec = {
  toEnvelope: (document) => ({ schemaVersion: SCHEMA_VERSION, document }),
  migrate(raw) {
    if (typeof raw !== 'object' || raw === null) return { ok: false, reason: 'corrupt', message: 'The saved data is not a layout envelope.' };
    const { schemaVersion, document } = raw as { schemaVersion?: unknown; document?: unknown };
    if (typeof schemaVersion === 'number' && schemaVersion > SCHEMA_VERSION) {
      return { ok: false, reason: 'newer-version', message: `It was saved by a newer version of BlobGEN Web (schema ${String(schemaVersion)}).` };
    }
    if (schemaVersion !== SCHEMA_VERSION) return { ok: false, reason: 'corrupt', message: 'The saved data has no known schema version.' };
    const result = validateLayoutBody(document, 'document');
    return result.ok ? { ok: true, document: result.document } : { ok: false, reason: 'corrupt', message: result.errors.join('; ') };
  },
};
