import { Announcer } from './announcer';

/** A speechSynthesis that records what it is asked to say and finishes only when told to. */
function fakeSpeech() {
  const started: Array<{ text: string; lang: string; finish: () => void }> = [];
  class Utterance {
    lang = '';
    rate = 1;
    voice: unknown = null;
    onend: (() => void) | null = null;
    onerror: (() => void) | null = null;
    constructor(readonly text: string) {}
  }
  const synthesis = {
    speak: (u: Utterance) => started.push({ text: u.text, lang: u.lang, finish: () => u.onend?.() }),
    getVoices: () => [],
  };
  Object.assign(globalThis, { window: globalThis, speechSynthesis: synthesis, SpeechSynthesisUtterance: Utterance });
  return started;
}

const flush = () => new Promise((resolve) => setImmediate(resolve));

describe('Announcer', () => {
  afterEach(() => {
    for (const key of ['window', 'speechSynthesis', 'SpeechSynthesisUtterance']) delete (globalThis as Record<string, unknown>)[key];
  });

  it('speaks calls one after another in Indonesian, never two at once', async () => {
    const started = fakeSpeech();
    const announcer = new Announcer('id-ID', 0);
    announcer.announce('Nomor antrian A-001, silakan ke loket 1');
    announcer.announce('Nomor antrian B-001, silakan ke loket 2');
    await flush();
    expect(started.map((s) => s.text)).toEqual(['Nomor antrian A-001, silakan ke loket 1']);
    expect(started[0].lang).toBe('id-ID');
    expect(announcer.pending).toBe(2);

    started[0].finish();
    await flush();
    await flush();
    expect(started.map((s) => s.text)).toEqual(['Nomor antrian A-001, silakan ke loket 1', 'Nomor antrian B-001, silakan ke loket 2']);
    started[1].finish();
    await flush();
    await flush();
    expect(announcer.pending).toBe(0);
  });
});
