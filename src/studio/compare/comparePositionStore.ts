/**
 * Where the before/after split sits (0–100 % from the left), shared by every CompareSlider and,
 * through the app shell, by the compare on the editor canvas: moving one moves the other.
 */
import { create } from 'zustand';

export const useComparePosition = create<{ position: number }>()(() => ({ position: 50 }));

export function setComparePosition(position: number): void {
  const next = Math.min(100, Math.max(0, Number.isFinite(position) ? position : 50));
  if (next !== useComparePosition.getState().position) useComparePosition.setState({ position: next });
}
