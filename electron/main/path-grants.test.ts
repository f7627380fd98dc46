import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { UserError } from '../../engine/node/cli/cli-error.ts';
import { PathGrants } from './path-grants.ts';

describe('PathGrants', () => {
  it('allows a path once granted, however it is spelled', () => {
    const grants = new PathGrants();
    const path = resolve('/work/designs/lenet.json');
    expect(grants.isGranted(path)).toBe(false);
    grants.grant(path);
    expect(grants.isGranted(resolve('/work/designs/../designs/./lenet.json'))).toBe(true);
    expect(grants.require(path)).toBe(path);
  });

  it('refuses a path the user never chose, naming it', () => {
    const grants = new PathGrants();
    grants.grant(resolve('/work/designs/lenet.json'));
    expect(() => grants.require('/etc/passwd')).toThrow(UserError);
    expect(() => grants.require('/etc/passwd')).toThrow(/\/etc\/passwd was not chosen/);
    expect(grants.isGranted(resolve('/work/designs'))).toBe(false);
  });
});
