import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Blob } from '../layout/types';
import { addBlob, replaceBlob, setCaption, updateBlob } from './documentEdits';
import { getDocument, useDocumentStore } from './documentStore';
import {
  applyCoalescedEdit,
  applyEdit,
  beginTransaction,
  cancelTransaction,
  commitTransaction,
  redo,
  resetDocument,
  TYPING_BURST_MS,
  undo,
  updateTransaction,
} from './history';
import { select, useSessionStore } from './sessionStore';

const blob = (id: string, cx = 0.5): Blob => ({ id, cx, cy: 0.5, a: 0.2, b: 0.1, theta: 0, description: '' });
const undoDepth = () => useDocumentStore.temporal.getState().pastStates.length;
const redoDepth = () => useDocumentStore.temporal.getState().futureStates.length;

beforeEach(() => {
  vi.useFakeTimers();
  resetDocument({ caption: '', blobs: [] });
});
afterEach(() => {
  commitTransaction();
  vi.useRealTimers();
});

describe('undo grouping', () => {
  it('records one entry per discrete command', () => {
    applyEdit(addBlob(blob('b1')));
    applyEdit(addBlob(blob('b2')));
    expect(undoDepth()).toBe(2);
    undo();
    expect(getDocument().blobs.map((b) => b.id)).toEqual(['b1']);
    redo();
    expect(getDocument().blobs.map((b) => b.id)).toEqual(['b1', 'b2']);
  });

  it('records nothing for an edit that changes nothing', () => {
    applyEdit(setCaption(''));
    applyEdit(updateBlob('missing', { cx: 0.1 }));
    expect(undoDepth()).toBe(0);
  });

  it('makes a whole drag (many moves) one entry, undone in one step', () => {
    applyEdit(addBlob(blob('b1', 0.5)));
    beginTransaction();
    for (let i = 1; i <= 50; i++) updateTransaction(replaceBlob({ ...blob('b1'), cx: 0.5 + i * 0.001 }));
    commitTransaction();
    expect(getDocument().blobs[0]?.cx).toBeCloseTo(0.55);
    expect(undoDepth()).toBe(2);
    undo();
    expect(getDocument().blobs[0]?.cx).toBe(0.5);
    redo();
    expect(getDocument().blobs[0]?.cx).toBeCloseTo(0.55);
  });

  it('records nothing for a gesture that ends where it started (a click)', () => {
    applyEdit(addBlob(blob('b1')));
    beginTransaction();
    commitTransaction();
    expect(undoDepth()).toBe(1);
  });

  it('Esc (cancel) restores the pre-gesture document and records nothing', () => {
    applyEdit(addBlob(blob('b1', 0.5)));
    beginTransaction();
    updateTransaction(replaceBlob({ ...blob('b1'), cx: 0.9 }));
    cancelTransaction();
    expect(getDocument().blobs[0]?.cx).toBe(0.5);
    expect(undoDepth()).toBe(1);
    expect(redoDepth()).toBe(0);
  });

  it('a new gesture clears the redo stack', () => {
    applyEdit(addBlob(blob('b1', 0.5)));
    applyEdit(updateBlob('b1', { cx: 0.6 }));
    undo();
    expect(redoDepth()).toBe(1);
    beginTransaction();
    updateTransaction(updateBlob('b1', { cx: 0.7 }));
    commitTransaction();
    expect(redoDepth()).toBe(0);
  });

  it('makes a burst of typing one entry, and a pause starts a new one', () => {
    const type = (text: string) => applyCoalescedEdit('caption', setCaption(text));
    for (const prefix of ['a', 'a r', 'a re', 'a red']) type(prefix);
    vi.advanceTimersByTime(TYPING_BURST_MS + 10);
    type('a red ball');
    vi.advanceTimersByTime(TYPING_BURST_MS + 10);
    expect(undoDepth()).toBe(2);
    undo();
    expect(getDocument().caption).toBe('a red');
    undo();
    expect(getDocument().caption).toBe('');
    redo();
    redo();
    expect(getDocument().caption).toBe('a red ball');
  });

  it('undo right after typing (before the pause) takes back the whole burst', () => {
    applyCoalescedEdit('caption', setCaption('h'));
    applyCoalescedEdit('caption', setCaption('hi'));
    undo();
    expect(getDocument().caption).toBe('');
    redo();
    expect(getDocument().caption).toBe('hi');
  });

  it('typing into another field, or any command, closes the burst', () => {
    applyEdit(addBlob(blob('b1')));
    applyCoalescedEdit('caption', setCaption('sky'));
    applyCoalescedEdit('description:b1', updateBlob('b1', { description: 'a cloud' }));
    applyEdit(updateBlob('b1', { cx: 0.2 }));
    expect(undoDepth()).toBe(4);
  });

  it('selection changes are never undo entries', () => {
    applyEdit(addBlob(blob('b1')));
    select('b1');
    select(null);
    select('b1');
    expect(undoDepth()).toBe(1);
    undo();
    expect(useSessionStore.getState().selectedId).toBe('b1');
  });

  it('resetDocument (loading the autosave) forgets history', () => {
    applyEdit(addBlob(blob('b1')));
    resetDocument({ caption: 'loaded', blobs: [] });
    expect(undoDepth()).toBe(0);
    expect(getDocument().caption).toBe('loaded');
  });
});
