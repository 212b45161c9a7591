import { afterEach, describe, expect, it } from 'vitest';
import { notify, useSessionStore } from './sessionStore';

afterEach(() => useSessionStore.setState({ notices: [] }));

describe('notify', () => {
  it('the same message again replaces the one shown instead of stacking', () => {
    notify('success', 'Copied the layout as Layout JSON.');
    notify('error', 'Could not import', ['line 2: bad']);
    const last = notify('success', 'Copied the layout as Layout JSON.');
    const notices = useSessionStore.getState().notices;
    expect(notices.map((n) => n.title)).toEqual(['Could not import', 'Copied the layout as Layout JSON.']);
    expect(notices[1]?.id).toBe(last);
  });

  it('messages that differ in tone or details both stay', () => {
    notify('error', 'Could not import', ['line 2: bad']);
    notify('error', 'Could not import', ['line 3: bad']);
    notify('warning', 'Could not import', ['line 3: bad']);
    expect(useSessionStore.getState().notices).toHaveLength(3);
  });
});
