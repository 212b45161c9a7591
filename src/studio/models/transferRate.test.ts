import { describe, expect, it } from 'vitest';
import { TransferMeter } from './transferRate';

describe('TransferMeter', () => {
  it('has no ETA before the second sample, then follows the measured speed', () => {
    const meter = new TransferMeter();
    expect(meter.sample(0, 0, 1000).etaSeconds).toBeNull();
    const rate = meter.sample(1000, 100, 900); // 100 bytes in 1 s
    expect(rate.bytesPerSecond).toBeCloseTo(100);
    expect(rate.etaSeconds).toBeCloseTo(9);
  });

  it('smooths a change of speed instead of jumping to it', () => {
    const meter = new TransferMeter();
    meter.sample(0, 0, 10_000);
    meter.sample(1000, 100, 9_900);
    const faster = meter.sample(2000, 1100, 8_900); // 1000 bytes/s now
    expect(faster.bytesPerSecond).toBeGreaterThan(100);
    expect(faster.bytesPerSecond).toBeLessThan(1000);
  });
});
