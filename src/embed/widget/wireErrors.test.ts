import { describe, expect, it } from 'vitest';
import { GenerationCancelledError, InvalidRequestError } from '../../runtime/errors';
import { WORKER_ERROR_NAMES } from '../../worker/workerErrors';
import { EMBED_ERROR_NAMES } from '../protocol/envelope';
import { toWireError } from './wireErrors';

describe('toWireError', () => {
  it('the protocol’s error names are exactly the engine’s registry, plus Error for unregistered classes', () => {
    expect([...EMBED_ERROR_NAMES].sort()).toEqual([...WORKER_ERROR_NAMES, 'Error'].sort());
  });

  it('keeps the engine’s name, message and issues', () => {
    expect(toWireError(new GenerationCancelledError())).toEqual({ name: 'GenerationCancelledError', message: 'The generation was cancelled.' });
    expect(toWireError(new InvalidRequestError('bad layout', ['blobs[0].a: must be a positive number']))).toEqual({
      name: 'InvalidRequestError',
      message: 'bad layout',
      issues: ['blobs[0].a: must be a positive number'],
    });
  });

  it('an error of no registered class travels as Error with its own name in the message', () => {
    expect(toWireError(new DOMException('Script cannot be accessed from origin null', 'SecurityError'))).toEqual({ name: 'Error', message: 'SecurityError: Script cannot be accessed from origin null' });
    expect(toWireError('plain string')).toEqual({ name: 'Error', message: 'plain string' });
  });
});
