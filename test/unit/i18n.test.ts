import { describe, expect, it } from 'vitest';
import { en } from '../../shared/i18n/en.js';
import { LANGS, type MessageKey, parseLang, translator } from '../../shared/i18n/index.js';
import { ja } from '../../shared/i18n/jaAll.js';

const catalogs = { ja, en } as const;
const placeholders = (message: string) => [...message.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('i18n catalogues', () => {
  it('has the same keys in English as in Japanese', () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(ja).sort());
  });

  it.each(LANGS)('has no empty message in %s', (lang) => {
    for (const [key, message] of Object.entries(catalogs[lang])) {
      expect(message.trim(), key).not.toBe('');
    }
  });

  it('uses the same placeholders in both languages', () => {
    for (const key of Object.keys(ja) as MessageKey[]) {
      expect(placeholders(en[key]), key).toEqual(placeholders(ja[key]));
    }
  });
});

describe('translator', () => {
  it('fills named parameters, numbers included', () => {
    expect(translator('ja')('lane.count', { count: 3 })).toBe(ja['lane.count'].replace('{count}', '3'));
    expect(translator('en')('lane.count', { count: 3 })).toBe(en['lane.count'].replace('{count}', '3'));
    const moved = translator('ja')('move.done', { text: '付箋', pillar: '人材育成', lane: '課題', position: 2 });
    expect(moved).not.toMatch(/\{\w+\}/);
    expect(moved).toContain('人材育成');
  });

  it('fills every placeholder of every message in both languages', () => {
    for (const lang of LANGS) {
      const t = translator(lang);
      for (const key of Object.keys(ja) as MessageKey[]) {
        const params = Object.fromEntries(placeholders(catalogs[lang][key]).map((name) => [name!, `«${name}»`]));
        const text = t(key, params);
        expect(text, `${lang} ${key}`).not.toMatch(/\{\w+\}/);
        for (const name of Object.keys(params)) expect(text).toContain(`«${name}»`);
      }
    }
  });

  it('leaves a placeholder visible when its value is missing', () => {
    expect(translator('en')('lane.count', {})).toContain('{count}');
  });

  it('returns the message as it is without parameters', () => {
    expect(translator('ja')('app.name')).toBe(ja['app.name']);
    expect(translator('en')('app.name')).toBe(en['app.name']);
  });
});

describe('parseLang', () => {
  it('accepts only the supported languages', () => {
    expect(parseLang('ja')).toBe('ja');
    expect(parseLang('en')).toBe('en');
    for (const value of ['fr', 'JA', '', null, undefined]) expect(parseLang(value)).toBeNull();
  });
});

describe('the Japanese catalog in parts', () => {
  it('holds each message in exactly one part, and the page’s first part what the board shows at once', async () => {
    const { jaCore } = await import('../../shared/i18n/ja.js');
    const { jaPlanCycle } = await import('../../shared/i18n/jaPlanCycle.js');
    const { jaDocuments } = await import('../../shared/i18n/jaDocuments.js');
    const { jaViews } = await import('../../shared/i18n/jaViews.js');
    const { jaBetweenMeetings } = await import('../../shared/i18n/jaBetweenMeetings.js');
    const parts = [jaCore, jaPlanCycle, jaDocuments, jaViews, jaBetweenMeetings].map((part) => Object.keys(part));
    const all = parts.flat();
    expect(new Set(all).size).toBe(all.length);
    expect(all.sort()).toEqual(Object.keys(ja).sort());
    for (const key of ['app.name', 'export.open', 'snapshot.open', 'view.loading', 'error.network'] as const) {
      expect(jaCore).toHaveProperty(key);
    }
  });
});
