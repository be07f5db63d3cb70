// "Already logged by X at Y", with unlink. Sync-found items say so instead of naming a logger.
import { Button, MessageBar, MessageBarActions, MessageBarBody, MessageBarTitle } from '@fluentui/react-components';
import { useState } from 'react';
import { useI18n, type Interaction } from '../../../../web-shared/src/index.ts';
import { colleagueName, usePaneServices } from '../../app/pane-services.tsx';

export function LoggedBanner({ interaction, busy, onUnlink }: { interaction: Interaction; busy: boolean; onUnlink: () => void }) {
  const services = usePaneServices();
  const { t, formatDateTime } = useI18n();
  const loggers = interaction.holders.filter((h) => h.relation === 'logged');
  const names = [...new Set(loggers.map((h) => (h.userId === services.me.id ? t('common.you') : (colleagueName(services, h.userId) ?? '?'))))];
  const first = loggers[0]?.at ?? interaction.createdAt;
  // Office add-ins get no window.confirm: the second step is asked in the bar itself.
  const [confirming, setConfirming] = useState(false);
  return (
    <MessageBar intent="success" layout="multiline" data-testid="logged-banner">
      <MessageBarBody>
        <MessageBarTitle>{t('logged.title')}</MessageBarTitle>
        {names.length ? t('logged.by', { names: names.join(', ') }) : t('logged.bySync')} · <time dateTime={new Date(first).toISOString()}>{formatDateTime(first)}</time>
        {confirming && <div id="suhde-unlink-question">{t('logged.confirmUnlink')}</div>}
      </MessageBarBody>
      <MessageBarActions>
        {confirming ? (
          <>
            <Button size="small" appearance="primary" disabled={busy} onClick={onUnlink} aria-describedby="suhde-unlink-question">
              {busy ? t('logged.unlinking') : t('logged.unlink')}
            </Button>
            <Button size="small" disabled={busy} onClick={() => setConfirming(false)}>{t('common.cancel')}</Button>
          </>
        ) : (
          <Button size="small" onClick={() => setConfirming(true)}>{t('logged.unlink')}</Button>
        )}
      </MessageBarActions>
    </MessageBar>
  );
}
