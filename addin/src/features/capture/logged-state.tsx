// "Logged by X · when · who sees it" in the pane's action bar, with Unlink where the rules allow it: the API lets
// the people who hold the item (logged it, or have it in their mailbox), a manager or an admin remove it.
import { Button, Caption1, makeStyles, tokens } from '@fluentui/react-components';
import { CheckmarkCircleFilled } from '@fluentui/react-icons';
import { useState } from 'react';
import { useI18n, type Interaction, type User } from '../../../../web-shared/src/index.ts';
import { colleagueName, usePaneServices } from '../../app/pane-services.tsx';
import { ItemFollowUp } from './item-follow-up.tsx';

const useStyles = makeStyles({
  root: { display: 'flex', alignItems: 'flex-start', gap: tokens.spacingHorizontalS },
  icon: { color: tokens.colorPaletteGreenForeground1, fontSize: '20px', flexShrink: 0, marginTop: '1px' },
  text: { display: 'flex', flexDirection: 'column', minWidth: 0, flexGrow: 1 },
  meta: { color: tokens.colorNeutralForeground2 },
  actions: { display: 'flex', gap: tokens.spacingHorizontalS, flexWrap: 'wrap', alignItems: 'center' },
});

export const mayUnlink = (me: User, i: Interaction) => me.role !== 'rep' || i.holders.some((h) => h.userId === me.id);

export function LoggedState({ interaction, accountNames }: { interaction: Interaction; accountNames: string[] }) {
  const services = usePaneServices();
  const { t, formatDateTime } = useI18n();
  const s = useStyles();
  const loggers = interaction.holders.filter((h) => h.relation === 'logged');
  const names = [...new Set(loggers.map((h) => (h.userId === services.me.id ? t('common.you') : (colleagueName(services, h.userId) ?? '?'))))];
  const first = loggers[0]?.at ?? interaction.createdAt;
  return (
    <div className={s.root} data-testid="logged-banner" role="status">
      <CheckmarkCircleFilled className={s.icon} aria-hidden />
      <div className={s.text}>
        <span>
          {names.length ? t('logged.by', { names: names.join(', ') }) : t('logged.bySync')}
          {accountNames.length > 0 && ` ${t('logged.to', { accounts: accountNames.join(', ') })}`}
        </span>
        <Caption1 className={s.meta}>
          <time dateTime={new Date(first).toISOString()}>{formatDateTime(first)}</time> · {t('logged.visibility', { visibility: t(`visibility.${interaction.visibility}`) })}
        </Caption1>
        <ItemFollowUp interactionId={interaction.id} accountName={accountNames.join(', ')} />
      </div>
    </div>
  );
}

/** Unlink, asked twice in place (Office add-ins get no window.confirm). */
export function UnlinkButton({ busy, onUnlink }: { busy: boolean; onUnlink: () => void }) {
  const { t } = useI18n();
  const s = useStyles();
  const [confirming, setConfirming] = useState(false);
  if (!confirming) return <Button size="small" onClick={() => setConfirming(true)}>{t('logged.unlink')}</Button>;
  return (
    <div className={s.actions}>
      <Caption1 id="suhde-unlink-question">{t('logged.confirmUnlink')}</Caption1>
      <Button size="small" appearance="primary" disabled={busy} onClick={onUnlink} aria-describedby="suhde-unlink-question">
        {busy ? t('logged.unlinking') : t('logged.unlink')}
      </Button>
      <Button size="small" disabled={busy} onClick={() => setConfirming(false)}>{t('common.cancel')}</Button>
    </div>
  );
}
