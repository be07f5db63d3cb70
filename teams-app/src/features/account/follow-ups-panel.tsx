// The account's open follow-ups: what was promised to this customer, by whom and when, each with the actions the
// signed-in person may take (done, snooze, hand over). Nothing shows when nothing is promised.
import { useState } from 'react';
import { Caption1, Card, Link, MessageBar, MessageBarBody, Subtitle2, Text, makeStyles, tokens } from '@fluentui/react-components';
import { FollowUpActions, describeError, unwrap, useAsync, useI18n } from '../../../../web-shared/src/index.ts';
import { useServices } from '../../app/services.tsx';

const useStyles = makeStyles({
  panel: { marginBottom: tokens.spacingVerticalM, padding: tokens.spacingHorizontalM, display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  list: { listStyle: 'none', margin: 0, padding: 0, display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  item: { display: 'flex', flexWrap: 'wrap', justifyContent: 'space-between', gap: tokens.spacingHorizontalM, alignItems: 'center' },
  // A promise with a long link breaks inside the card instead of running past it (a 400 px tab).
  text: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXXS, minWidth: 'min(16rem, 100%)', flex: '1 1 20rem', overflowWrap: 'anywhere' },
  late: { color: tokens.colorPaletteRedForeground1 },
});

export function FollowUpsPanel({ accountId }: { accountId: string }) {
  const i18n = useI18n();
  const { t, formatDate } = i18n;
  const { api, me, colleagues, now, navigate } = useServices();
  const s = useStyles();
  const list = useAsync(() => unwrap(api.accounts[':id']['follow-ups'].$get({ param: { id: accountId } })), [api, accountId]);
  const [notice, setNotice] = useState<string | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  if (list.status !== 'done' || (list.data.items.length === 0 && !notice)) return null;
  const today = new Date(now()).toISOString().slice(0, 10);
  const date = (d: string) => formatDate(Date.parse(`${d}T12:00:00`));
  return (
    <Card className={s.panel} aria-labelledby="follow-ups-title" role="region">
      <Subtitle2 as="h2" id="follow-ups-title">{t('account.followUps.title', { n: list.data.items.length })}</Subtitle2>
      <div role="status">{notice && <Text>{notice}</Text>}</div>
      {failure && <MessageBar intent="error"><MessageBarBody>{failure}</MessageBarBody></MessageBar>}
      <ul className={s.list}>
        {list.data.items.map((f) => (
          <li key={f.id} className={s.item} data-follow-up-id={f.id}>
            <div className={s.text}>
              <Text weight="semibold" className={f.dueOn < today ? s.late : undefined}>
                {t('account.followUps.due', { name: f.assigneeId === me.id ? t('account.followUps.you') : f.assigneeName, date: date(f.dueOn) })}
              </Text>
              {f.note && <Text>{t('followUp.promised', { note: f.note })}</Text>}
              {f.item.subject && (
                <Caption1>
                  <Link href={`?view=account&accountId=${encodeURIComponent(accountId)}&interactionId=${encodeURIComponent(f.interactionId)}`}
                    onClick={(e) => { e.preventDefault(); navigate({ view: 'account', accountId, interactionId: f.interactionId }); }}>
                    {t('followUp.about', { subject: f.item.subject })}
                  </Link>
                </Caption1>
              )}
              {(f.originalDueOn || f.createdBy !== f.assigneeId) && (
                <Caption1>
                  {[f.originalDueOn ? t('followUp.firstDue', { date: date(f.originalDueOn) }) : null,
                    f.createdBy !== f.assigneeId ? t('account.followUps.setBy', { name: f.creatorName }) : null].filter(Boolean).join(' · ')}
                </Caption1>
              )}
            </div>
            <FollowUpActions
              api={api} me={me} colleagues={colleagues} now={now()} size="small"
              followUp={{ id: f.id, accountName: f.accountName, assigneeId: f.assigneeId }} may={f.may}
              onChanged={(m) => { setFailure(null); setNotice(m); list.reload(); }}
              onError={(e) => setFailure(describeError(e, t).detail)}
            />
          </li>
        ))}
      </ul>
    </Card>
  );
}
