import { useQuery } from '@tanstack/react-query';
import { lazy, Suspense } from 'react';
import { NavLink, Route, Routes, useLocation } from 'react-router';
import { trpc } from './trpc';
import { HomeScreen } from './screens/HomeScreen';
import { NotFoundScreen } from './screens/NotFoundScreen';

// One page per role; each is loaded on demand so contributors do not download the curator's tools.
const AnnotateScreen = lazy(() => import('./screens/AnnotateScreen'));
const CurateScreen = lazy(() => import('./screens/CurateScreen'));
const ResultsScreen = lazy(() => import('./screens/ResultsScreen'));
const AdminScreen = lazy(() => import('./screens/AdminScreen'));
const QuestionScreen = lazy(() => import('./screens/QuestionScreen'));
const GalleryScreen = lazy(() => import('./screens/GalleryScreen'));
// A developer page: the canvas alone with a sample image. Only in development and test builds (`vite`,
// `vite build --mode test`): the production build of `npm start` leaves the page and its chunk out.
const HAS_DEV_PAGES = import.meta.env.DEV || import.meta.env.MODE === 'test';
const CanvasPlayground = HAS_DEV_PAGES ? lazy(() => import('./screens/CanvasPlayground')) : null;

/** Staff links, after a staff sign-in only: a contributor's page shows nothing but their work. */
function StaffNav() {
  const me = useQuery(trpc.auth.me.queryOptions());
  const role = me.data?.role;
  if (role !== 'curator' && role !== 'admin') return null;
  return (
    <nav data-testid="staff-nav">
      <NavLink to="/annotate">Annotate</NavLink>
      <NavLink to="/curate">Curate</NavLink>
      <NavLink to="/results">Results</NavLink>
      {role === 'admin' && <NavLink to="/admin">Admin</NavLink>}
    </nav>
  );
}

export function App() {
  // Drawing pages use the whole window; reading pages keep a comfortable line length.
  const isWide = /^\/(annotate|dev|curate)/.test(useLocation().pathname);
  return (
    <div className="app">
      <header className="topbar">
        <NavLink to="/" className="brand">
          BOP-Ask Studio
        </NavLink>
        <StaffNav />
      </header>
      <main className={isWide ? 'wide' : undefined}>
        <Suspense fallback={<p className="loading">Loading…</p>}>
          <Routes>
            <Route path="/" element={<HomeScreen />} />
            <Route path="/annotate" element={<AnnotateScreen />} />
            <Route path="/curate" element={<CurateScreen />} />
            <Route path="/results" element={<ResultsScreen />} />
            <Route path="/admin" element={<AdminScreen />} />
            <Route path="/question/:id" element={<QuestionScreen />} />
            <Route path="/gallery" element={<GalleryScreen />} />
            {CanvasPlayground && <Route path="/dev/canvas" element={<CanvasPlayground />} />}
            <Route path="*" element={<NotFoundScreen />} />
          </Routes>
        </Suspense>
      </main>
    </div>
  );
}
