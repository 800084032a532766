import { lazy, Suspense } from 'react';
import { NavLink, Route, Routes, useLocation } from 'react-router';
import { HomeScreen } from './screens/HomeScreen';
import { NotFoundScreen } from './screens/NotFoundScreen';

// One page per role; each is loaded on demand so contributors do not download the curator's tools.
const AnnotateScreen = lazy(() => import('./screens/AnnotateScreen'));
const CurateScreen = lazy(() => import('./screens/CurateScreen'));
const ResultsScreen = lazy(() => import('./screens/ResultsScreen'));
const AdminScreen = lazy(() => import('./screens/AdminScreen'));
const QuestionScreen = lazy(() => import('./screens/QuestionScreen'));
const GalleryScreen = lazy(() => import('./screens/GalleryScreen'));
// A developer page: the canvas alone with a sample image, used by the canvas tests and benchmark.
const CanvasPlayground = lazy(() => import('./screens/CanvasPlayground'));

export function App() {
  // Drawing pages use the whole window; reading pages keep a comfortable line length.
  const isWide = /^\/(annotate|dev)/.test(useLocation().pathname);
  return (
    <div className="app">
      <header className="topbar">
        <NavLink to="/" className="brand">
          BOP-Ask Studio
        </NavLink>
        <nav>
          <NavLink to="/annotate">Annotate</NavLink>
          <NavLink to="/curate">Curate</NavLink>
          <NavLink to="/results">Results</NavLink>
          <NavLink to="/admin">Admin</NavLink>
        </nav>
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
            <Route path="/dev/canvas" element={<CanvasPlayground />} />
            <Route path="*" element={<NotFoundScreen />} />
          </Routes>
        </Suspense>
      </main>
    </div>
  );
}
