/** Y[n, m, c] = X[n, m, k] · W[k, c] in float64, rounded to float32 (tests only). */
export function matmulReference(x: Float32Array, w: Float32Array, rows: number, k: number, c: number): Float32Array {
  const out = new Float32Array(rows * c);
  for (let r = 0; r < rows; r++) {
    for (let j = 0; j < c; j++) {
      let sum = 0;
      for (let i = 0; i < k; i++) sum += (x[r * k + i] ?? 0) * (w[i * c + j] ?? 0);
      out[r * c + j] = sum;
    }
  }
  return out;
}
