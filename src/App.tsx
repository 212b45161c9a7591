export function App() {
  return (
    <main className="app">
      <h1>BlobGEN Web</h1>
    </main>
  );
}
