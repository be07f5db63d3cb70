// On an email the signed-in user holds from their own mailbox: keep its whole thread private, or share it with
// the account team, through the same route as the Teams app's My mailbox page; and a link to that page. The API
// decides whether the thread is theirs (a 409 says it is not) and its answer is shown as it comes.
import { Button, Link, makeStyles, tokens } from '@fluentui/react-components';
import { LockClosedRegular, OpenRegular, PeopleTeamRegular } from '@fluentui/react-icons';
import { useState } from 'react';
import { ErrorState, useI18n, type Interaction, type User } from '../../../../web-shared/src/index.ts';
import { usePaneServices } from '../../app/pane-services.tsx';
import { setThreadVisibility } from './pane-api.ts';

const useStyles = makeStyles({
  root: { display: 'flex', gap: tokens.spacingHorizontalS, flexWrap: 'wrap', alignItems: 'center' },
});

/** A synced email in the user's own mailbox: only its owner may set its thread's visibility. */
export const holdsInOwnMailbox = (me: User, i: Interaction) => i.kind === 'email' && i.holders.some((h) => h.userId === me.id && h.relation === 'holds');

export const myMailboxUrl = (webOrigin: string) => `${webOrigin.replace(/\/$/, '')}/teams-app/index.html?view=my-mailbox`;

export function ThreadPrivacy({ interaction, onChanged }: { interaction: Interaction; onChanged: (visibility: 'private' | 'shared', count: number) => void }) {
  const { api, host, teams } = usePaneServices();
  const { t } = useI18n();
  const s = useStyles();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const next = interaction.visibility === 'private' ? 'shared' : 'private';
  const change = async () => {
    setBusy(true);
    setError(null);
    try {
      const r = await setThreadVisibility(api, interaction.id, next);
      onChanged(next, r.interactionIds.length);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  const url = myMailboxUrl(teams.webOrigin);
  return (
    <div className={s.root} data-testid="thread-privacy">
      <Button size="small" disabled={busy} icon={next === 'private' ? <LockClosedRegular /> : <PeopleTeamRegular />} onClick={() => void change()}>
        {t(next === 'private' ? 'thread.keepPrivate' : 'thread.share')}
      </Button>
      <Link href={url} target="_blank" rel="noopener" onClick={(e) => { e.preventDefault(); host.openInBrowser(url); }}>
        <OpenRegular aria-hidden /> {t('thread.myMailbox')}
      </Link>
      {error !== null && <ErrorState error={error} />}
    </div>
  );
}
