import type { Command } from './command.ts';

/**
 * Commands matching a palette query: every word must start a word of the label, or appear in its
 * group or keywords. Label matches rank first, then shorter labels.
 */
export function searchCommands(commands: readonly Command[], query: string): Command[] {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0)
    return commands.filter((command) => !command.id.startsWith('add.') || command.id === 'add.search');
  const scored = commands.flatMap((command) => {
    const label = command.label.toLowerCase();
    const labelWords = label.split(/[^a-z0-9]+/).filter(Boolean);
    const extra = `${command.group} ${command.keywords ?? ''}`.toLowerCase();
    let score = 0;
    for (const word of words) {
      if (labelWords.some((w) => w.startsWith(word))) score += 3;
      else if (label.includes(word)) score += 2;
      else if (extra.includes(word)) score += 1;
      else return [];
    }
    return [{ command, score: score * 100 - label.length }];
  });
  return scored.sort((a, b) => b.score - a.score).map((entry) => entry.command);
}
