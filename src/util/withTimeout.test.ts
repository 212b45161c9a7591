import { describe, expect, it } from 'vitest';
import { withTimeout } from './withTimeout';

describe('withTimeout', () => {
  it('passes a result or an error through, and rejects with the caller’s error when time is up', async () => {
    await expect(withTimeout(Promise.resolve(3), 50, () => new RangeError('late'))).resolves.toBe(3);
    await expect(withTimeout(Promise.reject(new TypeError('bad')), 50, () => new RangeError('late'))).rejects.toThrow(TypeError);
    await expect(withTimeout(Promise.reject('text'), 50, () => new RangeError('late'))).rejects.toThrow('text');
    await expect(withTimeout(new Promise(() => undefined), 20, () => new RangeError('late'))).rejects.toThrow(RangeError);
  });
});
