/**
 * Speaks each call on the TV in turn: a two-tone chime, then the sentence in Indonesian. Calls
 * that arrive while one is being spoken wait their turn, so two calls never talk over each other.
 */
export class Announcer {
  private readonly queue: string[] = [];
  private speaking = false;
  private audio: AudioContext | null = null;

  constructor(
    private readonly lang = 'id-ID',
    private readonly chimeMs = 900,
  ) {}

  /** Browsers only allow sound after a person interacted with the page: call this from a click. */
  enableSound(): void {
    const Context = window.AudioContext ?? (window as unknown as { webkitAudioContext?: typeof AudioContext }).webkitAudioContext;
    if (Context && !this.audio) this.audio = new Context();
    void this.audio?.resume();
  }

  announce(text: string): void {
    this.queue.push(text);
    if (!this.speaking) void this.drain();
  }

  get pending(): number {
    return this.queue.length + (this.speaking ? 1 : 0);
  }

  private async drain(): Promise<void> {
    this.speaking = true;
    while (this.queue.length > 0) {
      const text = this.queue.shift()!;
      await this.chime();
      await this.speak(text);
    }
    this.speaking = false;
  }

  private chime(): Promise<void> {
    const audio = this.audio;
    if (!audio || audio.state !== 'running') return Promise.resolve();
    const start = audio.currentTime;
    for (const [index, frequency] of [880, 659].entries()) {
      const oscillator = audio.createOscillator();
      const gain = audio.createGain();
      oscillator.frequency.value = frequency;
      gain.gain.setValueAtTime(0.0001, start + index * 0.35);
      gain.gain.exponentialRampToValueAtTime(0.4, start + index * 0.35 + 0.02);
      gain.gain.exponentialRampToValueAtTime(0.0001, start + index * 0.35 + 0.33);
      oscillator.connect(gain).connect(audio.destination);
      oscillator.start(start + index * 0.35);
      oscillator.stop(start + index * 0.35 + 0.34);
    }
    return new Promise((resolve) => window.setTimeout(resolve, this.chimeMs));
  }

  private speak(text: string): Promise<void> {
    const synthesis = window.speechSynthesis;
    if (!synthesis || typeof SpeechSynthesisUtterance === 'undefined') return Promise.resolve();
    return new Promise((resolve) => {
      const utterance = new SpeechSynthesisUtterance(text);
      utterance.lang = this.lang;
      utterance.rate = 0.9;
      const voice = synthesis.getVoices().find((v) => v.lang.replace('_', '-').startsWith('id'));
      if (voice) utterance.voice = voice;
      // A voice that never reports its end must not block the queue forever.
      const fallback = window.setTimeout(resolve, 15_000);
      utterance.onend = utterance.onerror = () => {
        window.clearTimeout(fallback);
        resolve();
      };
      synthesis.speak(utterance);
    });
  }
}
