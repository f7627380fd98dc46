import { describe, expect, it } from 'vitest';
import { runCli } from '../main.ts';

async function cli(...argv: string[]) {
  let out = '';
  let err = '';
  const status = await runCli(argv, { out: (text) => (out += `${text}\n`), err: (text) => (err += `${text}\n`) });
  return { status, out, err };
}

describe('netwright templates', () => {
  it('lists every template with its input shape, trainable parameters and MACs', async () => {
    const { status, out } = await cli('templates');
    expect(status).toBe(0);
    const lines = out.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^Template\s+Name\s+Input\s+Trainable params\s+MACs$/);
    expect(lines).toHaveLength(13);
    expect(lines).toContainEqual(
      expect.stringMatching(/^resnet-50\s+ResNet-50\s+\[3, 224, 224\]\s+25,557,032\s+4\.09 G$/),
    );
    expect(lines).toContainEqual(expect.stringMatching(/^lenet-5\s+LeNet-5\s+\[1, 32, 32\]\s+61,706\s+416,520$/));
    expect(lines).toContainEqual(expect.stringMatching(/^ecg-1d-cnn\s+.*\[1, 1000\]\s+25,701\s+5\.49 M$/));
  });

  it('prints the list as JSON with --json', async () => {
    const { status, out } = await cli('templates', '--json');
    expect(status).toBe(0);
    const templates = JSON.parse(out) as { id: string; trainableParams: number; macs: number }[];
    expect(templates.find((t) => t.id === 'vgg-16')).toMatchObject({
      trainableParams: 138_357_544,
      macs: 15_470_264_320,
    });
  });

  it('refuses arguments it does not take with exit status 2', async () => {
    const { status, err } = await cli('templates', 'resnet-50');
    expect(status).toBe(2);
    expect(err).toContain("netwright templates: Unexpected argument 'resnet-50'");
  });
});
