// Today's header menu: which reminders the person gets in the Teams activity feed (GET/PUT
// /api/me/notification-settings). Each switch saves at once, with the app's language for the reminders' words.
import { useState } from 'react';
import { Button, Caption1, Popover, PopoverSurface, PopoverTrigger, Subtitle2, Switch, Text, makeStyles, tokens } from '@fluentui/react-components';
import { AlertRegular } from '@fluentui/react-icons';
import { ErrorState, LoadingState, unwrap, useAsync, useI18n } from '../../../../web-shared/src/index.ts';
import { useServices } from '../../app/services.tsx';

const useStyles = makeStyles({
  surface: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS, maxWidth: '22rem' },
});

type Kind = 'followUpsDue' | 'overdueCadences' | 'idleDeals' | 'weeklyDigest';
const KINDS: Kind[] = ['followUpsDue', 'overdueCadences', 'idleDeals', 'weeklyDigest'];

export function NotificationSettingsMenu() {
  const { t, locale } = useI18n();
  const { api } = useServices();
  const s = useStyles();
  const [open, setOpen] = useState(false);
  const settings = useAsync(() => unwrap(api.me['notification-settings'].$get()), [api]);
  const [saved, setSaved] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const toggle = async (kind: Kind, on: boolean) => {
    if (settings.status !== 'done') return;
    try {
      await unwrap(api.me['notification-settings'].$put({ json: { ...settings.data, [kind]: on, locale: locale === 'fi-FI' ? 'fi-FI' : 'en-US' } }));
      setError(null);
      setSaved(t('notifications.saved'));
      settings.reload();
    } catch (e) {
      setError(e);
    }
  };
  return (
    <Popover open={open} onOpenChange={(_, d) => setOpen(d.open)} trapFocus positioning="below-end">
      <PopoverTrigger disableButtonEnhancement>
        <Button appearance="subtle" icon={<AlertRegular />}>{t('notifications.button')}</Button>
      </PopoverTrigger>
      <PopoverSurface aria-labelledby="notification-settings-title" className={s.surface}>
        <Subtitle2 as="h2" id="notification-settings-title">{t('notifications.title')}</Subtitle2>
        {settings.status === 'loading' && <LoadingState label={t('common.loading')} />}
        {settings.status === 'error' && <ErrorState error={settings.error} onRetry={settings.reload} />}
        {settings.status === 'done' && KINDS.map((k) => (
          <Switch key={k} label={t(`notifications.${k}`)} checked={settings.data[k]} onChange={(_, d) => void toggle(k, d.checked)} />
        ))}
        <Caption1>{t('notifications.hint')}</Caption1>
        <div role="status">{saved && <Text size={200}>{saved}</Text>}</div>
        {error !== null && <ErrorState error={error} />}
      </PopoverSurface>
    </Popover>
  );
}
