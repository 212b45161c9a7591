/** The verified, resumable store of model packs (OPFS). Design and reasons: docs/pwa.md. */
export { downloadPackToStore, PACK_STORE_CHANNEL, announce, expectedFile, type PackDownloadProgress, type PackDownloadOptions } from './downloadPack';
export { httpFileSource, localFileSource, type FileSource } from './fileSources';
export { beginPackRecord, deleteStoredPack, listStoredPacks, readStoredPack, type StoredPack, type PackCommit } from './packRecords';
export { readCommittedFiles } from './readStoredPack';
export { hasOpfs } from './opfs';
export { StorageQuotaError, PackStoreUnavailableError, isAbortError, formatMb } from './packStoreErrors';
export { storedBytesOf } from './fileChunks';
export { probeDeviceCapabilities } from './deviceProbe';
