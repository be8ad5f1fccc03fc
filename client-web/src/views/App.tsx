// The shell: a header and whichever page the route names.

import { navigate, route } from '../router';
import { LazyHostPage } from './LazyHostPage';
import { LazyInquiryPage as InquiryPage } from './LazyInquiryPage';
import { SessionPage } from './SessionPage';
import { StartPage } from './StartPage';

export function App() {
  const current = route.value;
  return (
    <>
      <a class="skip-link" href="#main">
        Skip to content
      </a>
      <header class="app-header">
        <div class="app-header-inner">
          <a
            class="brand"
            href="/"
            onClick={(e) => {
              e.preventDefault();
              navigate('/');
            }}
          >
            Debrief
          </a>
        </div>
      </header>
      {current.name === 'session' ? (
        <SessionPage key={current.code} code={current.code} />
      ) : current.name === 'inquiry' ? (
        <InquiryPage key={current.id} id={current.id} />
      ) : current.name === 'event-new' ? (
        <LazyHostPage page="create" />
      ) : current.name === 'event' ? (
        <LazyHostPage key={current.id} page="console" id={current.id} />
      ) : current.name === 'event-sheet' ? (
        <LazyHostPage key={`${current.id}/sheet`} page="sheet" id={current.id} />
      ) : (
        <StartPage />
      )}
    </>
  );
}
