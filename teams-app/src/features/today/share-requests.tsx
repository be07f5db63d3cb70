// Requests to share, in the holder's Today: a colleague who sees only that a contact happened asked to read it.
// Share (with the account team: the item's visibility becomes "shared") or decline, right here. Shows nothing
// when nobody is waiting.
import { useState } from 'react';
import { Button, Caption1, Card, Link, Text, makeStyles, tokens } from '@fluentui/react-components';
import { CheckmarkRegular, DismissRegular } from '@fluentui/react-icons';
import { ErrorState, unwrap, useAsync, useI18n } from '../../../../web-shared/src/index.ts';
import { useColleagueName, useServices } from '../../app/services.tsx';

const useStyles = makeStyles({
  section: { marginBottom: tokens.spacingVerticalL, maxWidth: '60rem' },
  heading: { margin: `0 0 ${tokens.spacingVerticalS}` },
  list: { listStyle: 'none', margin: 0, padding: 0, display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  row: { display: 'flex', flexWrap: 'wrap', alignItems: 'center', justifyContent: 'space-between', gap: tokens.spacingHorizontalM },
  text: { display: 'flex', flexDirection: 'column', minWidth: '14rem', flex: '1 1 20rem' },
  actions: { display: 'flex', gap: tokens.spacingHorizontalS, flexWrap: 'wrap' },
  meta: { color: tokens.colorNeutralForeground3 },
});

export function ShareRequests() {
  const { t, formatDate } = useI18n();
  const { api, navigate } = useServices();
  const nameOf = useColleagueName();
  const s = useStyles();
  const requests = useAsync(() => unwrap(api['share-requests'].$get()), [api]);
  const [answered, setAnswered] = useState<Record<string, 'shared' | 'declined'>>({});
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  if (requests.status !== 'done' || requests.data.items.length === 0) {
    return requests.status === 'error' ? <ErrorState error={requests.error} onRetry={requests.reload} /> : null;
  }
  const answer = async (id: string, how: 'share' | 'decline') => {
    setBusy(id);
    setError(null);
    try {
      const r = await unwrap(api['share-requests'][':id'].$post({ param: { id }, json: { answer: how } }));
      setAnswered((a) => ({ ...a, [id]: r.status === 'shared' ? 'shared' : 'declined' }));
    } catch (e) {
      setError(e);
    } finally {
      setBusy(null);
    }
  };
  return (
    <section className={s.section} aria-labelledby="share-requests-title" data-testid="share-requests">
      <h2 id="share-requests-title" className={s.heading}><Text size={400} weight="semibold">{t('share.requestsTitle', { n: requests.data.items.length })}</Text></h2>
      {error !== null && <ErrorState error={error} />}
      <ul className={s.list}>
        {requests.data.items.map((r) => {
          const who = nameOf(r.requesterId) ?? t('share.aColleague');
          const done = answered[r.id];
          return (
            <li key={r.id} data-share-request={r.id} data-interaction-id={r.interactionId}>
              <Card>
                <div className={s.row}>
                  <div className={s.text}>
                    <Text>{t('share.requestLine', { who, kind: t(`kind.${r.kind}`).toLowerCase(), date: formatDate(r.occurredAt) })}</Text>
                    <Caption1 className={s.meta}>
                      {r.accountId && r.accountName && (
                        <Link href={`?view=account&accountId=${encodeURIComponent(r.accountId)}&interactionId=${encodeURIComponent(r.interactionId)}`}
                          onClick={(e) => { e.preventDefault(); navigate({ view: 'account', accountId: r.accountId!, interactionId: r.interactionId }); }}>
                          {r.accountName}
                        </Link>
                      )}
                      {r.subject ? ` · “${r.subject}”` : ''}
                      {r.message ? ` · ${r.message}` : ''}
                    </Caption1>
                  </div>
                  {done ? (
                    <Text role="status" weight="semibold">{done === 'shared' ? t('share.sharedWith', { who }) : t('share.declined')}</Text>
                  ) : (
                    <div className={s.actions}>
                      <Button appearance="primary" icon={<CheckmarkRegular />} disabled={busy === r.id} onClick={() => void answer(r.id, 'share')}>{t('share.shareWithTeam')}</Button>
                      <Button icon={<DismissRegular />} disabled={busy === r.id} onClick={() => void answer(r.id, 'decline')}>{t('share.decline')}</Button>
                    </div>
                  )}
                </div>
              </Card>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
