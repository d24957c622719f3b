export function App() {
  return (
    <main>
      <h1>Accord Reader</h1>
    </main>
  );
}
