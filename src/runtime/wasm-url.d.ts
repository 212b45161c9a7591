// Vite `?url` imports of ORT's wasm (see ortGraph.ts).
declare module 'onnxruntime-web/ort-wasm-simd-threaded.asyncify.wasm?url' {
  const url: string;
  export default url;
}
