import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';

describe('config', () => {
  it('defaults to an embedded engine under ./data and port 3000', () => {
    const config = loadConfig({});
    expect(config.meili).toMatchObject({ mode: 'embedded', port: 7700 });
    expect(config.http.port).toBe(3000);
  });
  it('uses MEILI_URL when set', () => {
    expect(loadConfig({ MEILI_URL: 'http://127.0.0.1:7700/', MEILI_MASTER_KEY: 'k' }).meili).toEqual({ mode: 'external', url: 'http://127.0.0.1:7700', masterKey: 'k' });
  });
  it('lists every problem at once', () => {
    expect(() => loadConfig({ PORT: 'abc', MEILI_URL: 'not a url', LOG_LEVEL: 'loud' })).toThrow(/PORT[\s\S]*MEILI_URL[\s\S]*LOG_LEVEL|PORT[\s\S]*LOG_LEVEL[\s\S]*MEILI_URL|MEILI_URL[\s\S]*PORT/);
    try {
      loadConfig({ PORT: 'abc', MEILI_URL: 'not a url', LOG_LEVEL: 'loud' });
    } catch (error) {
      expect((error as { details: string[] }).details).toHaveLength(3);
    }
  });
});
