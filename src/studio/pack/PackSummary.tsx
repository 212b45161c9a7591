import type { PackDescription } from '../../worker/protocol';

/** One line on the loaded pack: what it is, the image size it paints, and how previews are made. */
export function PackSummary({ description }: { description: PackDescription }) {
  const { name, version, image, license } = description;
  return (
    <p className="studio-hint" data-testid="pack-summary" data-width={image.width} data-height={image.height}>
      Model: {name} {version} · {image.width}×{image.height} · {license}
      {description.previewDecoder ? ' · previews through its fast preview decoder (TAESD)' : ''}
    </p>
  );
}
