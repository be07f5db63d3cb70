// "To review": email and meetings nobody could place with an account, by company domain and by person, with
// the one-click actions that place them (create the account, add the person, pick an account) or ignore them.
// A salesperson sees what they hold; an admin everyone's, and may ignore a domain for the whole organisation.
import { useState } from 'react';
import {
  Badge, Button, Caption1, Card, MessageBar, MessageBarBody, Popover, PopoverSurface, PopoverTrigger, Subtitle2, Text, Title2,
  makeStyles, tokens,
} from '@fluentui/react-components';
import { ErrorState, LoadingState, describeError, unwrap, useAsync, useI18n, type ApiClient } from '../../../../web-shared/src/index.ts';
import { useServices } from '../../app/services.tsx';
import { AccountPicker } from '../common/account-picker.tsx';

const useStyles = makeStyles({
  intro: { display: 'block', color: tokens.colorNeutralForeground3, marginTop: tokens.spacingVerticalXS, marginBottom: tokens.spacingVerticalM },
  section: { marginTop: tokens.spacingVerticalL, display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  card: { display: 'flex', flexDirection: 'row', flexWrap: 'wrap', alignItems: 'center', gap: tokens.spacingHorizontalM },
  who: { display: 'flex', flexDirection: 'column', minWidth: '16rem', flex: '1 1 20rem', gap: tokens.spacingVerticalXXS },
  title: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalS, flexWrap: 'wrap' },
  muted: { color: tokens.colorNeutralForeground3 },
  // Beside the person on a wide page (who grows to fill the row); under them, left-aligned, on a narrow one.
  actions: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalS },
  // The picker lists up to twenty accounts: it scrolls rather than run off the window.
  picker: { width: '20rem', maxHeight: '24rem', overflowY: 'auto' },
});

type Queue = Awaited<ReturnType<typeof loadQueue>>;
type DomainGroup = Queue['domains'][number];
type PersonGroup = Queue['people'][number];
type Action =
  | { action: 'create-account'; key: string }
  | { action: 'add-contact'; key: string; accountId: string }
  | { action: 'pick-account'; key: string; accountId: string }
  | { action: 'ignore'; key: string; scope: 'tenant' | 'me' };

const loadQueue = (api: ApiClient) => unwrap(api.review.$get());

export function ReviewView() {
  const { t, formatDate } = useI18n();
  const { api, me } = useServices();
  const s = useStyles();
  const queue = useAsync(() => loadQueue(api), [api]);
  const [busy, setBusy] = useState<string | null>(null);
  const [outcome, setOutcome] = useState<{ intent: 'success' | 'error'; text: string } | null>(null);
  const admin = me.role === 'admin';

  const act = async (body: Action, done: string) => {
    setBusy(body.key);
    setOutcome(null);
    try {
      const r = await unwrap(api.review.actions.$post({ json: body as never }));
      setOutcome({ intent: 'success', text: body.action === 'ignore' ? done : `${done} ${t('review.linked', { n: r.linked })}` });
      queue.reload();
    } catch (e) {
      const d = describeError(e, t);
      setOutcome({ intent: 'error', text: `${d.title}: ${d.detail}` });
    } finally {
      setBusy(null);
    }
  };

  const header = (
    <>
      <Title2 as="h1" block id="review-title">{t('review.title')}</Title2>
      <Text as="p" block className={s.intro}>{admin ? t('review.introAdmin') : t('review.intro')}</Text>
    </>
  );
  if (queue.status === 'loading' && !queue.data) return <section aria-labelledby="review-title">{header}<LoadingState label={t('review.loading')} /></section>;
  if (queue.status === 'error') return <section aria-labelledby="review-title">{header}<ErrorState error={queue.error} onRetry={queue.reload} /></section>;
  const q = queue.data!;

  const latest = (g: DomainGroup | PersonGroup) => (
    <Caption1 className={s.muted}>
      {t('review.count', { n: g.count })} · {t('review.latest', { when: formatDate(g.latest.occurredAt) })}{' '}
      {g.latest.subject ?? t('review.contentHidden')}
    </Caption1>
  );
  const ignore = (g: DomainGroup | PersonGroup, label: string) => (
    <>
      <Button size="small" appearance="subtle" disabled={busy !== null} onClick={() => void act({ action: 'ignore', key: g.key, scope: 'me' }, t('review.ignored', { what: label }))}>
        {t('review.ignoreMe')}
      </Button>
      {admin && (
        <Button size="small" appearance="subtle" disabled={busy !== null} onClick={() => void act({ action: 'ignore', key: g.key, scope: 'tenant' }, t('review.ignored', { what: label }))}>
          {t('review.ignoreAll')}
        </Button>
      )}
    </>
  );

  return (
    <section aria-labelledby="review-title">
      {header}
      {outcome && (
        <MessageBar intent={outcome.intent} role={outcome.intent === 'error' ? 'alert' : 'status'}>
          <MessageBarBody>{outcome.text}</MessageBarBody>
        </MessageBar>
      )}
      {q.total === 0 ? (
        <Text as="p" block role="status">{t('review.none')}</Text>
      ) : (
        <>
          <Text as="p" block>{t('review.total', { n: q.total })}</Text>
          {q.domains.length > 0 && (
            <div className={s.section} role="list" aria-labelledby="review-domains">
              <Subtitle2 as="h2" id="review-domains">{t('review.byDomain')}</Subtitle2>
              {q.domains.map((g) => (
                <Card key={g.key} className={s.card} role="listitem" data-review-key={g.key}>
                  <div className={s.who}>
                    <span className={s.title}>
                      <Text weight="semibold">{g.domain}</Text>
                      <Badge appearance="tint" color={g.match === 'unknown' ? 'informative' : 'warning'}>{t(`review.match.${g.match}`)}</Badge>
                    </span>
                    <Caption1 className={s.muted}>{g.addresses.join(', ')}</Caption1>
                    {latest(g)}
                  </div>
                  <div className={s.actions}>
                    {g.suggestedAction === 'create-account' && (
                      <Button size="small" appearance="primary" disabled={busy !== null} onClick={() => void act({ action: 'create-account', key: g.key }, t('review.created', { name: g.suggestedAccountName ?? g.domain }))}>
                        {t('review.createAccount', { name: g.suggestedAccountName ?? g.domain })}
                      </Button>
                    )}
                    {g.candidates.map((c) => (
                      <Button key={c.id} size="small" appearance="primary" disabled={busy !== null} onClick={() => void act({ action: 'pick-account', key: g.key, accountId: c.id }, t('review.placed', { name: c.name }))}>
                        {t('review.pick', { name: c.name })}
                      </Button>
                    ))}
                    {ignore(g, g.domain)}
                  </div>
                </Card>
              ))}
            </div>
          )}
          {q.people.length > 0 && (
            <div className={s.section} role="list" aria-labelledby="review-people">
              <Subtitle2 as="h2" id="review-people">{t('review.byPerson')}</Subtitle2>
              {q.people.map((g) => (
                <Card key={g.key} className={s.card} role="listitem" data-review-key={g.key}>
                  <div className={s.who}>
                    <span className={s.title}>
                      <Text weight="semibold">{g.suggestedContactName}</Text>
                      <Badge appearance="tint" color={g.match === 'ambiguous' ? 'warning' : 'informative'}>{t(`review.match.${g.match}`)}</Badge>
                    </span>
                    <Caption1 className={s.muted}>{g.address}</Caption1>
                    {latest(g)}
                  </div>
                  <div className={s.actions}>
                    {g.candidates.map((c) => (
                      <Button key={c.id} size="small" appearance="primary" disabled={busy !== null} onClick={() => void act({ action: 'add-contact', key: g.key, accountId: c.id }, t('review.contactAdded', { name: g.suggestedContactName, account: c.name }))}>
                        {t('review.addTo', { name: c.name })}
                      </Button>
                    ))}
                    <Popover trapFocus>
                      <PopoverTrigger disableButtonEnhancement>
                        <Button size="small" disabled={busy !== null}>{t('review.addToAccount')}</Button>
                      </PopoverTrigger>
                      <PopoverSurface className={s.picker} aria-label={t('review.addToAccount')}>
                        <AccountPicker value={null} label={t('review.pickAccount', { name: g.suggestedContactName })}
                          onPick={(a) => void act({ action: 'add-contact', key: g.key, accountId: a.id }, t('review.contactAdded', { name: g.suggestedContactName, account: a.name }))} />
                      </PopoverSurface>
                    </Popover>
                    {ignore(g, g.address)}
                  </div>
                </Card>
              ))}
            </div>
          )}
        </>
      )}
    </section>
  );
}
