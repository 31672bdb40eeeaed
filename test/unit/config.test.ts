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
  it('refuses MEILI_URL without MEILI_MASTER_KEY, naming it', () => {
    expect(() => loadConfig({ MEILI_URL: 'http://127.0.0.1:7700' })).toThrow(/MEILI_MASTER_KEY: required with MEILI_URL/);
  });
  it('runs as production unless NODE_ENV=development', () => {
    expect(loadConfig({}).env).toBe('production');
    expect(loadConfig({ NODE_ENV: 'development' }).env).toBe('development');
  });
  it('has a 5 s request deadline by default, and takes another', () => {
    expect(loadConfig({}).http.requestTimeoutMs).toBe(5_000);
    expect(loadConfig({ LEDE_REQUEST_TIMEOUT_MS: '1500' }).http.requestTimeoutMs).toBe(1_500);
    expect(() => loadConfig({ LEDE_REQUEST_TIMEOUT_MS: 'soon' })).toThrow(/LEDE_REQUEST_TIMEOUT_MS/);
  });
});
