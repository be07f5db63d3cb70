// The configurable tab's settings page: the team picks the account this channel (or chat, or meeting) tab
// shows. Save stores the account id as the tab's entityId and the account page as its content URL.
import { useEffect, useState } from 'react';
import { Body1, Link, MessageBar, MessageBarBody, Title2, makeStyles, tokens } from '@fluentui/react-components';
import { teamsAppPageUrl, useI18n } from '../../../../web-shared/src/index.ts';
import { useServices } from '../../app/services.tsx';
import { AccountPicker, type PickedAccount } from '../common/account-picker.tsx';
import type { TabConfig } from '../../host/teams-host.ts';

const useStyles = makeStyles({ root: { padding: tokens.spacingHorizontalL, display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM, maxWidth: '40rem' } });

/** What Teams stores for the tab: the manifest's configurable tab loads contentUrl with the account. */
export function tabConfigFor(account: PickedAccount, origin: string): TabConfig {
  const url = teamsAppPageUrl(origin, account.id);
  return { entityId: account.id, contentUrl: url, websiteUrl: url, suggestedDisplayName: account.name.slice(0, 128) };
}

export function ConfigPage({ origin }: { origin: string }) {
  const { t } = useI18n();
  const { host } = useServices();
  const s = useStyles();
  const [picked, setPicked] = useState<PickedAccount | null>(null);
  useEffect(() => {
    host.config.setValid(picked !== null);
    host.config.onSave(async () => {
      if (!picked) throw new Error(t('config.pickFirst'));
      return tabConfigFor(picked, origin);
    });
  }, [host, picked, origin, t]);
  return (
    <main className={s.root}>
      <Title2 as="h1">{t('config.title')}</Title2>
      <Body1>{t('config.intro')}</Body1>
      {!host.context.hosted && (
        <MessageBar intent="info"><MessageBarBody>{t('config.notInTeams')}</MessageBarBody></MessageBar>
      )}
      <AccountPicker label={t('config.account')} value={picked} onPick={setPicked} />
      {picked && (
        <Body1 role="status" data-testid="config-choice">
          {t('config.chosen', { name: picked.name })}{' '}
          {!host.context.hosted && <Link href={teamsAppPageUrl(origin, picked.id)}>{t('config.open')}</Link>}
        </Body1>
      )}
    </main>
  );
}
