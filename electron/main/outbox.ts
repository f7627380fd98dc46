/**
 * Messages for the page that must not be lost while it loads (a file named on the command line, a
 * recovered design): held until the page has loaded, then sent in order. A reload starts holding
 * again; the preload keeps them until the page subscribes.
 */
export class Outbox {
  private held: { channel: string; value: unknown }[] = [];
  private open = false;

  constructor(private readonly send: (channel: string, value: unknown) => void) {}

  post(channel: string, value: unknown): void {
    if (this.open) this.send(channel, value);
    else this.held.push({ channel, value });
  }

  /** The page finished loading. */
  opened(): void {
    this.open = true;
    for (const { channel, value } of this.held.splice(0)) this.send(channel, value);
  }

  /** The page is gone or reloading. */
  closed(): void {
    this.open = false;
  }
}
