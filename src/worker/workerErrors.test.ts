import { describe, expect, it } from 'vitest';
import { InvalidManifestError, InvalidRequestError } from '../runtime/errors';
import { WORKER_ERROR_NAMES, WORKER_ERRORS, deserializeError, serializeError, type WireErrorFields } from './workerErrors';

/** What the worker posts goes through structured clone; JSON is a stricter stand-in for that. */
function acrossTheWorker(error: unknown): Error {
  return deserializeError(structuredClone(serializeError(error)));
}

/** Sample fields for the classes that carry some (every other class carries none). */
const SAMPLE_FIELDS: Partial<Record<string, WireErrorFields>> = {
  InvalidManifestError: { issues: ['unet.sites[1].heads: must be a positive integer', 'scheduler: required'] },
  InvalidRequestError: { issues: ['payload.options.seed: too small'] },
};

describe('worker error registry', () => {
  it.each(WORKER_ERROR_NAMES)('round-trips %s with its class, name, message and fields', (name) => {
    const fields = SAMPLE_FIELDS[name] ?? {};
    const original = WORKER_ERRORS[name].rebuild(`a ${name} happened`, fields);
    expect(original.name).toBe(name);
    const rebuilt = acrossTheWorker(original);
    expect(rebuilt).toBeInstanceOf(WORKER_ERRORS[name].Class);
    expect(rebuilt.constructor).toBe(original.constructor);
    expect(rebuilt.name).toBe(name);
    expect(rebuilt.message).toBe(`a ${name} happened`);
    expect({ ...rebuilt }).toEqual({ ...original });
    expect(WORKER_ERRORS[name].fields(rebuilt)).toEqual(fields);
  });

  it('keeps InvalidManifestError.issues', () => {
    const rebuilt = acrossTheWorker(new InvalidManifestError('bad manifest', ['a: x', 'b: y']));
    expect(rebuilt).toBeInstanceOf(InvalidManifestError);
    expect((rebuilt as InvalidManifestError).issues).toEqual(['a: x', 'b: y']);
  });

  it('registers each class under its own name', () => {
    for (const name of WORKER_ERROR_NAMES) expect(WORKER_ERRORS[name].rebuild('m', {}).name).toBe(name);
  });

  it('passes unknown errors as named plain Errors and never trusts foreign fields', () => {
    const foreign = new TypeError('boom');
    const rebuilt = acrossTheWorker(foreign);
    expect(rebuilt).toMatchObject({ name: 'TypeError', message: 'boom' });
    expect(rebuilt.constructor).toBe(Error);
    expect(acrossTheWorker('a string')).toMatchObject({ name: 'Error', message: 'a string' });
    // A class that merely borrows a registered name is not that class: sent without fields.
    const impostor = Object.assign(new Error('fake'), { name: 'InvalidRequestError', issues: ['x'] });
    expect(serializeError(impostor)).toEqual({ name: 'InvalidRequestError', message: 'fake' });
    const forged = deserializeError({ name: 'InvalidRequestError', message: 'm', fields: { issues: [1, 'ok', {}] } });
    expect((forged as InvalidRequestError).issues).toEqual(['ok']);
    expect(deserializeError({ name: 'toString', message: 'm' }).constructor).toBe(Error);
  });
});
