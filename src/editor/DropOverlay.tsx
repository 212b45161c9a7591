/** Full-window hint while a file is dragged over the app. */
export function DropOverlay({ visible }: { visible: boolean }) {
  if (!visible) return null;
  return (
    <div className="drop-overlay" aria-hidden="true">
      <p>Drop a layout file to import it</p>
    </div>
  );
}
