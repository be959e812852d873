import { FormEvent, ReactNode, useState } from 'react';
import { ErrorCode, type LoginReply } from '@mediq/contracts';
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
  /** Signed in with a one-time password from an administrator: a password of one's own comes first. */
  const [mustChange, setMustChange] = useState(false);
  const [newPassword, setNewPassword] = useState('');
  const [repeated, setRepeated] = useState('');

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      if (!mustChange) onSignedIn(await api.loginStaff(email.trim(), password, totp.trim() || undefined));
      else if (newPassword !== repeated) setError(t('common.passwordsDiffer'));
      else onSignedIn(await api.changePassword({ email: email.trim(), currentPassword: password, newPassword, totpCode: totp.trim() || undefined }));
    } catch (e) {
      if (e instanceof ApiError && e.code === ErrorCode.PASSWORD_CHANGE_REQUIRED) setMustChange(true);
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
        {mustChange && (
          <>
            <label>
              {t('common.newPassword')}
              <input type="password" autoComplete="new-password" required minLength={12} value={newPassword} onChange={(e) => setNewPassword(e.target.value)} />
            </label>
            <label>
              {t('common.repeatPassword')}
              <input type="password" autoComplete="new-password" required minLength={12} value={repeated} onChange={(e) => setRepeated(e.target.value)} />
            </label>
          </>
        )}
        {error && <Alert>{error}</Alert>}
        <button type="submit" className="primary" disabled={busy}>
          {mustChange ? t('common.setPassword') : t('common.signIn')}
        </button>
      </form>
    </main>
  );
}
