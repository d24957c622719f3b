import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { ReaderApiProvider } from './api/reader-api-context';
import { resolveReaderApi } from './api/reader-api-provider';
import { App } from './app';
import './styles/theme.css';
import './styles/app.css';
import './styles/article.css';
import './styles/print.css';

const root = document.getElementById('root');
if (root) {
  // Resolve the api before the app reads the hash: browser mode takes its token from it.
  const api = resolveReaderApi();
  createRoot(root).render(
    <StrictMode>
      <ReaderApiProvider api={api}>
        <App />
      </ReaderApiProvider>
    </StrictMode>,
  );
}
