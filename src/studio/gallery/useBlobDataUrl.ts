import { useEffect, useState } from 'react';

/**
 * A small image blob as a data: URL, for <img>. Thumbnails are a few KB, and a data URL needs no
 * revoking (object URLs would be revoked by StrictMode's effect re-run while still shown).
 */
export function useBlobDataUrl(blob: Blob | null): string | null {
  const [loaded, setLoaded] = useState<{ blob: Blob; url: string } | null>(null);
  useEffect(() => {
    if (!blob) return;
    let current = true;
    const reader = new FileReader();
    reader.onload = () => {
      if (current && typeof reader.result === 'string') setLoaded({ blob, url: reader.result });
    };
    reader.readAsDataURL(blob);
    return () => {
      current = false;
      reader.abort();
    };
  }, [blob]);
  return loaded && loaded.blob === blob ? loaded.url : null;
}
