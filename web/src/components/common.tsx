import { FormEvent, ReactNode, useState } from 'react';
import type { LoginReply } from '@mediq/contracts';
import { api, ApiError } from '../api';
import { Translate, useI18n } from '../i18n';
import { errorTextFor } from '../i18n/errors';

export function LanguageToggle() {
  const { language, setLanguage, t } = useI18n();
  return (
    <button type="button" className="lang-toggle" aria-label={t('lang.toggleLabel')} onClick={() => setLanguage(language === 'id' ? 'en' : 'id')}>
      {t('lang.toggle')}
    </button>
  );
}

/** A header bar with the screen's title, the language toggle and optional actions. */
export function TopBar({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <header className="topbar">
      <h1>{title}</h1>
      <div className="topbar-actions">
        {children}
        <LanguageToggle />
      </div>
    </header>
  );
}

/**
 * What a person reads when a call failed: the text of the error's code in their language, or that
 * the server cannot be reached. Only an error this app has no text for falls back to its message.
 */
export function errorText(t: Translate, error: unknown): string {
  if (error instanceof ApiError) {
    if (error.status === 0) return t('common.networkError');
    const text = errorTextFor(t.language, error);
    if (text) return text;
  }
  return t('common.error', { message: error instanceof Error ? error.message : String(error) });
}

export function Alert({ children, tone = 'error' }: { children: ReactNode; tone?: 'error' | 'info' | 'success' | 'warning' }) {
  return (
    <div className={`alert alert-${tone}`} role={tone === 'error' || tone === 'warning' ? 'alert' : 'status'}>
      {children}
    </div>
  );
}

/** E-mail + password (+ TOTP) sign-in for operators and administrators. */
export function StaffLogin({ title, onSignedIn }: { title: string; onSignedIn: (reply: LoginReply) => void }) {
  const { t } = useI18n();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [totp, setTotp] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      onSignedIn(await api.loginStaff(email.trim(), password, totp.trim() || undefined));
    } catch (e) {
      setError(errorText(t, e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <main className="page narrow">
      <TopBar title={title} />
      <form className="card stack" onSubmit={submit}>
        <label>
          {t('common.email')}
          <input type="email" autoComplete="username" required value={email} onChange={(e) => setEmail(e.target.value)} />
        </label>
        <label>
          {t('common.password')}
          <input type="password" autoComplete="current-password" required value={password} onChange={(e) => setPassword(e.target.value)} />
        </label>
        <label>
          {t('common.totp')}
          <input inputMode="numeric" autoComplete="one-time-code" value={totp} onChange={(e) => setTotp(e.target.value)} />
        </label>
        {error && <Alert>{error}</Alert>}
        <button type="submit" className="primary" disabled={busy}>
          {t('common.signIn')}
        </button>
      </form>
    </main>
  );
}
