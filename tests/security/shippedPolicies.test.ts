import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY } from '../../main/api/contentSecurityPolicy.ts';
import { IPC_CHANNEL } from '../../main/api/ipcChannel.ts';
import { PROJECT_ROOT } from '../helpers/tempCorpus.ts';
import { assertBuildCurrent, DIST, PRELOAD_BUNDLE } from './builtApp.ts';
import { fakeElectron, runBundle } from './fakeElectron.ts';

beforeAll(assertBuildCurrent);

const directives = new Map(
  CONTENT_SECURITY_POLICY.split(';').map((part) => {
    const [name, ...sources] = part.trim().split(/\s+/);
    return [name!, sources] as const;
  }),
);

describe('the Content-Security-Policy', () => {
  it('allows script only from the app itself: no inline, no eval, no remote origin', () => {
    expect(directives.get('script-src')).toEqual(["'self'"]);
    expect(directives.get('default-src')).toEqual(["'self'"]);
  });

  it('names no remote origin or scheme wildcard anywhere', () => {
    for (const [name, sources] of directives) {
      for (const source of sources) expect(source, name).toMatch(/^('self'|'none'|'unsafe-inline'|data:|blob:)$/);
    }
    expect(directives.get('style-src')).not.toContain("'unsafe-eval'");
  });

  it('shuts plugins, base rewriting, form posts and framing', () => {
    expect(directives.get('object-src')).toEqual(["'none'"]);
    expect(directives.get('base-uri')).toEqual(["'none'"]);
    expect(directives.get('form-action')).toEqual(["'none'"]);
    expect(directives.get('frame-ancestors')).toEqual(["'none'"]);
    expect(directives.get('connect-src')).toEqual(["'self'"]);
  });

  it('is met by the built page: no inline script and nothing loaded from elsewhere', () => {
    const html = readFileSync(join(DIST, 'renderer', 'index.html'), 'utf8');
    const scripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)];
    expect(scripts.length).toBeGreaterThan(0);
    for (const [, attributes, body] of scripts) {
      expect(attributes).toMatch(/\bsrc="\.?\//);
      expect(body!.trim()).toBe('');
    }
    expect(html).not.toMatch(/\b(src|href)="(https?:)?\/\//);
  });
});

describe('the preload', () => {
  it('exposes exactly one function, crosscheck.call, which only invokes the one IPC channel', async () => {
    const fake = fakeElectron({ userData: '' });
    runBundle(PRELOAD_BUNDLE, fake.electron);
    expect([...fake.record.exposed.keys()]).toEqual(['crosscheck']);
    const bridge = fake.record.exposed.get('crosscheck') as Record<string, unknown>;
    expect(Object.keys(bridge)).toEqual(['call']);
    expect(typeof bridge.call).toBe('function');
    await (bridge.call as (m: string, i: unknown) => Promise<unknown>)('articles.list', { x: 1 });
    expect(fake.record.invoked).toEqual([[IPC_CHANNEL, 'articles.list', { x: 1 }]]);
  });

  it('requires nothing but electron, so no Node module reaches the sandboxed renderer', () => {
    const bundle = readFileSync(PRELOAD_BUNDLE, 'utf8');
    expect([...new Set([...bundle.matchAll(/require\(["']([^"']+)["']\)/g)].map((m) => m[1]))]).toEqual(['electron']);
  });
});

describe('packaging', () => {
  // js-yaml comes with electron-builder, which reads this same file.
  const yaml = createRequire(import.meta.url)('js-yaml') as { load(text: string): unknown };
  const config = yaml.load(readFileSync(join(PROJECT_ROOT, 'electron-builder.yml'), 'utf8')) as { electronFuses?: Record<string, boolean>; asar?: boolean };

  it('flips the Electron fuses: no run-as-node, no NODE_OPTIONS or inspector, app only from a verified asar', () => {
    expect(config.asar).not.toBe(false);
    expect(config.electronFuses).toEqual({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableCookieEncryption: true,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      grantFileProtocolExtraPrivileges: false,
    });
  });

  it('names only fuses electron-builder knows', () => {
    const scheme = JSON.parse(readFileSync(join(PROJECT_ROOT, 'node_modules', 'app-builder-lib', 'scheme.json'), 'utf8')) as {
      definitions: Record<string, { properties?: Record<string, unknown> }>;
    };
    const known = Object.keys(scheme.definitions.FuseOptionsV1?.properties ?? {});
    expect(known.length).toBeGreaterThan(5);
    for (const fuse of Object.keys(config.electronFuses ?? {})) expect(known).toContain(fuse);
  });
});
