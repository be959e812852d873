import { parseDatabaseUrl } from './database-url';

describe('parseDatabaseUrl', () => {
  it('splits the URL and reads the pool size from connection_limit', () => {
    expect(parseDatabaseUrl('mysql://root:p%40ss@db.local:3307/mediq_user?connection_limit=4')).toEqual({
      database: 'mediq_user',
      connectionLimit: 4,
      connection: { host: 'db.local', port: 3307, user: 'root', password: 'p@ss' },
    });
    expect(parseDatabaseUrl('mysql://root@127.0.0.1/mediq_user').connectionLimit).toBeUndefined();
  });

  it('refuses a connection_limit that is not a whole number of at least 1', () => {
    expect(() => parseDatabaseUrl('mysql://root@127.0.0.1/mediq_user?connection_limit=0')).toThrow(/connection_limit/);
    expect(() => parseDatabaseUrl('mysql://root@127.0.0.1/mediq_user?connection_limit=many')).toThrow(/connection_limit/);
  });
});
