/** Download speed (smoothed) and time left, from (time, bytes fetched) samples. */
export interface TransferRate {
  bytesPerSecond: number;
  /** Seconds left, null while the speed is not known yet. */
  etaSeconds: number | null;
}

export class TransferMeter {
  private last: { t: number; bytes: number } | null = null;
  private speed = 0;

  sample(nowMs: number, fetchedBytes: number, remainingBytes: number): TransferRate {
    if (this.last && nowMs > this.last.t) {
      const instant = ((fetchedBytes - this.last.bytes) * 1000) / (nowMs - this.last.t);
      // A short average: steady enough to read, quick to follow a change of network.
      this.speed = this.speed === 0 ? instant : 0.7 * this.speed + 0.3 * instant;
    }
    if (!this.last || nowMs - this.last.t >= 250) this.last = { t: nowMs, bytes: fetchedBytes };
    return { bytesPerSecond: this.speed, etaSeconds: this.speed > 0 ? remainingBytes / this.speed : null };
  }
}
