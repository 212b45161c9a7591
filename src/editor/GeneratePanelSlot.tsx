/**
 * Reserved place for the image-generation panel (model pack, seed, steps, result). Another part
 * of the app fills it; until then it says plainly that generation is not in this build.
 */
export function GeneratePanelSlot() {
  return (
    <section id="generate-panel" className="panel-section generate-slot" aria-labelledby="generate-heading" data-testid="generate-panel">
      <h2 id="generate-heading">Generate</h2>
      <p className="empty-note">Image generation is not part of this build yet. Your layout is saved and can be exported.</p>
    </section>
  );
}
