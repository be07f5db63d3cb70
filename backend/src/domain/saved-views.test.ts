import { describe, expect, it } from 'vitest';
import { mayDeleteView, maySeeView, mayShareWithTeam } from './saved-views.ts';

const rep = { id: 'r1', role: 'rep' as const, team: 'North' };
const mate = { id: 'r2', role: 'rep' as const, team: 'North' };
const manager = { id: 'm1', role: 'manager' as const, team: 'North' };
const otherManager = { id: 'm2', role: 'manager' as const, team: 'South' };

describe('saved view rules', () => {
  it('shows a view to its owner, and a team view to the owner’s team only', () => {
    expect(maySeeView(mate, { ownerId: 'r1', scope: 'mine' }, 'North')).toBe(false);
    expect(maySeeView(mate, { ownerId: 'r1', scope: 'team' }, 'North')).toBe(true);
    expect(maySeeView(otherManager, { ownerId: 'r1', scope: 'team' }, 'North')).toBe(false);
    expect(maySeeView({ ...mate, team: null }, { ownerId: 'r1', scope: 'team' }, null)).toBe(false);
  });

  it('lets the owner and the team’s manager delete a team view, nobody else', () => {
    const view = { ownerId: rep.id, scope: 'team' as const };
    expect(mayDeleteView(rep, view, 'North').allowed).toBe(true);
    expect(mayDeleteView(manager, view, 'North').allowed).toBe(true);
    expect(mayDeleteView(mate, view, 'North').allowed).toBe(false);
    expect(mayDeleteView(otherManager, view, 'North').allowed).toBe(false);
    expect(mayDeleteView(manager, { ownerId: rep.id, scope: 'mine' }, 'North').allowed).toBe(false);
  });

  it('needs a team to share with', () => {
    expect(mayShareWithTeam({ team: null })).toMatchObject({ allowed: false, reason: expect.stringMatching(/no team/) });
  });
});
