import { useCallback, useState } from 'react';
import type { LoginReply, TokenPair, UserView } from '@mediq/contracts';
import { api, ApiError, Credentials } from './api';

/** A signed-in person's tokens and profile, kept in the browser under `storageKey`. */
export interface StoredSession {
  tokens: TokenPair;
  user: UserView;
}

export function readSession(storage: Storage, key: string): StoredSession | null {
  try {
    const raw = storage.getItem(key);
    return raw ? (JSON.parse(raw) as StoredSession) : null;
  } catch {
    return null;
  }
}

/**
 * Session of one kind of user (staff in sessionStorage: a shared counter PC forgets it with the tab;
 * patients in localStorage: their own phone). `authed` runs an API call with the access token and
 * refreshes it once when the gateway answers 401; a failed refresh signs the person out.
 */
export function useSession(storage: Storage, key: string) {
  const [session, setSession] = useState<StoredSession | null>(() => readSession(storage, key));

  const save = useCallback(
    (next: StoredSession | null) => {
      if (next) storage.setItem(key, JSON.stringify(next));
      else storage.removeItem(key);
      setSession(next);
    },
    [storage, key],
  );

  const signIn = useCallback((reply: LoginReply) => save({ tokens: reply, user: reply.user }), [save]);

  const signOut = useCallback(async () => {
    const current = readSession(storage, key);
    save(null);
    if (current) await api.logout(current.tokens.refreshToken).catch(() => undefined);
  }, [save, storage, key]);

  const authed = useCallback(
    async <T>(call: (credentials: Credentials) => Promise<T>): Promise<T> => {
      const current = readSession(storage, key);
      if (!current) throw new ApiError(401, 'signed out');
      try {
        return await call({ accessToken: current.tokens.accessToken });
      } catch (error) {
        if (!(error instanceof ApiError) || error.status !== 401) throw error;
        let tokens: TokenPair;
        try {
          tokens = await api.refresh(current.tokens.refreshToken);
        } catch (refreshError) {
          save(null);
          throw refreshError;
        }
        save({ ...current, tokens });
        return call({ accessToken: tokens.accessToken });
      }
    },
    [save, storage, key],
  );

  return { session, save, signIn, signOut, authed };
}

export type Session = ReturnType<typeof useSession>;
