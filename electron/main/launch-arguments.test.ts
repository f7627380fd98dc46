import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { designAmongDropped, filesFromArgv } from './launch-arguments.ts';

describe('filesFromArgv', () => {
  it('takes the files after a packaged executable, resolved from the working directory', () => {
    expect(
      filesFromArgv(['/opt/Netwright/netwright', 'designs/lenet.json', '/models/resnet.onnx'], {
        viaElectronCli: false,
        workingDirectory: '/home/ada',
      }),
    ).toEqual([resolve('/home/ada/designs/lenet.json'), '/models/resnet.onnx']);
  });

  it('skips the app path when run through the electron command', () => {
    expect(
      filesFromArgv(['/repo/node_modules/electron/dist/electron', 'dist/electron/main.cjs', 'templates/lenet-5.json'], {
        viaElectronCli: true,
        workingDirectory: '/repo',
      }),
    ).toEqual([resolve('/repo/templates/lenet-5.json')]);
  });

  it("ignores Chromium's and Electron's switches and macOS's process serial number", () => {
    expect(
      filesFromArgv(['Netwright', '--no-sandbox', '-psn_0_12345', '--enable-logging=stderr', '', 'a.json'], {
        viaElectronCli: false,
        workingDirectory: '/w',
      }),
    ).toEqual([resolve('/w/a.json')]);
  });

  it('finds nothing when only the executable is there', () => {
    expect(filesFromArgv(['Netwright'], { viaElectronCli: false, workingDirectory: '/w' })).toEqual([]);
  });
});

describe('designAmongDropped', () => {
  it("opens the first design or model, and leaves images and CSV files to the page's drop zones", () => {
    expect(designAmongDropped(['/w/digit.png', '/w/lenet.JSON', '/w/resnet.onnx'])).toBe('/w/lenet.JSON');
    expect(designAmongDropped(['C:\\models\\resnet.onnx'])).toBe('C:\\models\\resnet.onnx');
    expect(designAmongDropped(['/w/digit.png', '/w/signal.csv'])).toBeUndefined();
  });
});
