/**
 * Per-channel mute and solo for stereo calls. The media element's output goes through a channel splitter with one
 * gain per channel, then back into stereo, so the inspector can listen to the agent or the customer alone.
 */

/** Gain per channel: any solo wins over mutes; otherwise muted channels are silent. */
export function channelGains(muted: boolean[], soloed: boolean[]): number[] {
  const anySolo = soloed.some(Boolean);
  return muted.map((m, i) => (anySolo ? (soloed[i] ? 1 : 0) : m ? 0 : 1));
}

export class ChannelMixer {
  private readonly context: AudioContext;
  private readonly gains: GainNode[];

  /** Only built on first use of mute/solo (a user gesture), since routing through Web Audio is for good. */
  constructor(media: HTMLMediaElement, channels: number) {
    this.context = new AudioContext();
    const source = this.context.createMediaElementSource(media);
    const splitter = this.context.createChannelSplitter(channels);
    const merger = this.context.createChannelMerger(channels);
    source.connect(splitter);
    this.gains = Array.from({ length: channels }, (_, i) => {
      const gain = this.context.createGain();
      splitter.connect(gain, i);
      gain.connect(merger, 0, i);
      return gain;
    });
    merger.connect(this.context.destination);
  }

  apply(gains: number[]): void {
    if (this.context.state === 'suspended') void this.context.resume();
    gains.forEach((g, i) => this.gains[i]?.gain.setTargetAtTime(g, this.context.currentTime, 0.01));
  }

  close(): void {
    void this.context.close();
  }
}
