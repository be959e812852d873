import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { BrowserContext, chromium, Page } from 'playwright-core';

export const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
export const ARTIFACTS = path.resolve(__dirname, '../../../test-artifacts/web');

/** Debian's Chromium, headless, with a fresh profile directory; no browser download. */
export async function launchChromium(): Promise<{ context: BrowserContext; close: () => Promise<void> }> {
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'mediq-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    viewport: { width: 1280, height: 800 },
    locale: 'id-ID',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  return {
    context,
    close: async () => {
      await context.close();
      fs.rmSync(profile, { recursive: true, force: true });
    },
  };
}

export async function screenshot(page: Page, name: string): Promise<void> {
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  await page.screenshot({ path: path.join(ARTIFACTS, `${name}.png`), fullPage: true });
}

/** axe-core's serious and critical violations on the page as it is now (rule id and where). */
export async function seriousAccessibilityViolations(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']).analyze();
  return result.violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`);
}

/**
 * Tabs through the page and returns the visible, enabled controls that never received focus
 * (empty when every control is reachable by keyboard).
 */
export async function controlsUnreachableByKeyboard(page: Page): Promise<string[]> {
  const total = await page.evaluate(() => {
    const controls = Array.from(document.querySelectorAll<HTMLElement>('button, a[href], input, select, textarea')).filter(
      (el) => !(el as HTMLButtonElement).disabled && el.getClientRects().length > 0 && getComputedStyle(el).visibility !== 'hidden',
    );
    controls.forEach((el, index) => el.setAttribute('data-kb', String(index)));
    (document.activeElement as HTMLElement | null)?.blur();
    return controls.length;
  });
  const reached = new Set<string>();
  for (let i = 0; i < total + 3; i += 1) {
    await page.keyboard.press('Tab');
    const index = await page.evaluate(() => document.activeElement?.getAttribute('data-kb') ?? null);
    if (index !== null) reached.add(index);
  }
  return page.evaluate(
    (seen) =>
      Array.from(document.querySelectorAll<HTMLElement>('[data-kb]'))
        .filter((el) => !seen.includes(el.getAttribute('data-kb')!))
        .map((el) => `${el.tagName.toLowerCase()} "${(el.textContent || el.getAttribute('name') || '').trim().slice(0, 40)}"`),
    [...reached],
  );
}

/** Replaces speechSynthesis with a recorder: each utterance's text lands in window.__spoken and "ends" at once. */
export const RECORD_SPEECH = () => {
  const spoken: Array<{ text: string; lang: string }> = [];
  (window as unknown as { __spoken: typeof spoken }).__spoken = spoken;
  const recorder = {
    speak(utterance: SpeechSynthesisUtterance) {
      spoken.push({ text: utterance.text, lang: utterance.lang });
      setTimeout(() => utterance.onend?.(new Event('end') as SpeechSynthesisEvent), 0);
    },
    cancel() {},
    pause() {},
    resume() {},
    getVoices: () => [],
    speaking: false,
    pending: false,
    paused: false,
    onvoiceschanged: null,
    addEventListener() {},
    removeEventListener() {},
    dispatchEvent: () => true,
  };
  Object.defineProperty(window, 'speechSynthesis', { value: recorder, configurable: true });
};
