import { FormEvent, lazy, StrictMode, Suspense, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { BrowserRouter, Link, Route, Routes, useNavigate } from 'react-router';
import { TopBar } from './components/common';
import { I18nProvider, useI18n } from './i18n';
import './styles.css';

// One chunk per screen: the kiosk PC never downloads the admin's charts, the TV never the kiosk.
const KioskPage = lazy(() => import('./pages/kiosk/KioskPage').then((m) => ({ default: m.KioskPage })));
const PatientPage = lazy(() => import('./pages/patient/PatientPage').then((m) => ({ default: m.PatientPage })));
const OperatorPage = lazy(() => import('./pages/operator/OperatorPage').then((m) => ({ default: m.OperatorPage })));
const DisplayPage = lazy(() => import('./pages/display/DisplayPage').then((m) => ({ default: m.DisplayPage })));
const AdminPage = lazy(() => import('./pages/admin/AdminPage').then((m) => ({ default: m.AdminPage })));

function Home() {
  const { t } = useI18n();
  const navigate = useNavigate();
  const [code, setCode] = useState('');
  const openBoard = (event: FormEvent) => {
    event.preventDefault();
    if (code.trim()) navigate(`/display/${encodeURIComponent(code.trim().toUpperCase())}`);
  };
  return (
    <main className="page narrow">
      <TopBar title={t('home.title')} />
      <nav className="card stack" aria-label={t('app.name')}>
        <Link to="/kiosk">{t('home.kiosk')}</Link>
        <Link to="/antrian">{t('home.patient')}</Link>
        <Link to="/operator">{t('home.operator')}</Link>
        <Link to="/admin">{t('home.admin')}</Link>
      </nav>
      <form className="card row wrap" onSubmit={openBoard} aria-label={t('home.display')}>
        <label>
          {t('home.institutionCode')}
          <input required value={code} placeholder="PKM-DEMO" onChange={(event) => setCode(event.target.value)} />
        </label>
        <button type="submit">{t('home.display')}</button>
      </form>
    </main>
  );
}

function App() {
  const { t } = useI18n();
  return (
    <Suspense fallback={<p className="page">{t('common.loading')}</p>}>
      <Routes>
        <Route path="/" element={<Home />} />
        <Route path="/kiosk" element={<KioskPage />} />
        <Route path="/antrian" element={<PatientPage />} />
        <Route path="/operator" element={<OperatorPage />} />
        <Route path="/display/:institutionCode" element={<DisplayPage />} />
        <Route path="/admin/*" element={<AdminPage />} />
        <Route path="*" element={<Home />} />
      </Routes>
    </Suspense>
  );
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <I18nProvider>
      <BrowserRouter>
        <App />
      </BrowserRouter>
    </I18nProvider>
  </StrictMode>,
);
