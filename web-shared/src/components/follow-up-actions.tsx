// A follow-up's actions, the same in Today, the account's follow-ups panel and the add-in: mark done, snooze
// (tomorrow, next week, a date) and hand to a colleague. Calls PATCH /api/follow-ups/{id}; the caller reloads.
import { useState } from 'react';
import {
  Button, Field, Input, Menu, MenuGroup, MenuGroupHeader, MenuItem, MenuList, MenuPopover, MenuTrigger,
  Popover, PopoverSurface, makeStyles, tokens,
} from '@fluentui/react-components';
import { CheckmarkRegular, PersonArrowRightRegular, SnoozeRegular } from '@fluentui/react-icons';
import { unwrap, type ApiClient } from '../api/client.ts';
import type { User } from '../api/types.ts';
import { useI18n } from '../i18n/i18n-context.tsx';

const useStyles = makeStyles({
  row: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalS, alignItems: 'center' },
  date: { display: 'flex', gap: tokens.spacingHorizontalS, alignItems: 'flex-end' },
});

/** YYYY-MM-DD of a local day `days` after `now`. */
export function localDayAfter(now: number, days: number): string {
  const d = new Date(now);
  d.setDate(d.getDate() + days);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

/** Next Monday (a week's start), or a week on when today is Monday. */
export function nextWeekStart(now: number): string {
  const day = new Date(now).getDay();
  return localDayAfter(now, ((8 - day) % 7) || 7);
}

export interface FollowUpActionsProps {
  api: ApiClient;
  followUp: { id: string; accountName?: string; assigneeId?: string };
  colleagues: User[];
  me: User;
  now: number;
  /** What the signed-in person may do (from the server's `may`, or: it is theirs). */
  may: { edit: boolean; reassign: boolean };
  /** After a change: what was done, in words, for the caller's status line. */
  onChanged(message: string): void;
  onError(error: unknown): void;
  size?: 'small' | 'medium';
}

export function FollowUpActions({ api, followUp, colleagues, me, now, may, onChanged, onError, size = 'medium' }: FollowUpActionsProps) {
  const { t, formatDate } = useI18n();
  const s = useStyles();
  const [busy, setBusy] = useState(false);
  const [picking, setPicking] = useState(false);
  const [date, setDate] = useState(localDayAfter(now, 2));
  const name = followUp.accountName ?? '';
  const patch = async (json: { done?: boolean; dueOn?: string; assigneeId?: string }, message: string) => {
    setBusy(true);
    try {
      await unwrap(api['follow-ups'][':id'].$patch({ param: { id: followUp.id }, json: { ...json, tz: Intl.DateTimeFormat().resolvedOptions().timeZone } }));
      onChanged(message);
    } catch (e) {
      onError(e);
    } finally {
      setBusy(false);
    }
  };
  const snooze = (dueOn: string) => patch({ dueOn }, t('followUp.snoozed', { account: name, date: formatDate(Date.parse(`${dueOn}T12:00:00`)) }));
  const others = colleagues.filter((u) => u.id !== (followUp.assigneeId ?? me.id));
  return (
    <div className={s.row} role="group" aria-label={t('followUp.actions', { account: name })}>
      {may.edit && (
        <Button size={size} icon={<CheckmarkRegular />} disabled={busy} onClick={() => void patch({ done: true }, t('followUp.doneSaved', { account: name }))}>
          {t('followUp.done')}
        </Button>
      )}
      {may.edit && (
        <Popover open={picking} onOpenChange={(_, d) => setPicking(d.open)} trapFocus>
          <Menu>
            <MenuTrigger disableButtonEnhancement>
              <Button size={size} icon={<SnoozeRegular />} disabled={busy} aria-label={t('followUp.snoozeLabel', { account: name })}>{t('followUp.snooze')}</Button>
            </MenuTrigger>
            <MenuPopover>
              <MenuList>
                <MenuItem onClick={() => void snooze(localDayAfter(now, 1))}>{t('followUp.tomorrow')}</MenuItem>
                <MenuItem onClick={() => void snooze(nextWeekStart(now))}>{t('followUp.nextWeek')}</MenuItem>
                <MenuItem onClick={() => setPicking(true)}>{t('followUp.pickDate')}</MenuItem>
              </MenuList>
            </MenuPopover>
          </Menu>
          <PopoverSurface aria-label={t('followUp.pickDate')}>
            <form className={s.date} onSubmit={(e) => { e.preventDefault(); setPicking(false); void snooze(date); }}>
              <Field label={t('followUp.newDate')}>
                <Input type="date" value={date} min={localDayAfter(now, 0)} onChange={(_, d) => setDate(d.value)} required />
              </Field>
              <Button type="submit" appearance="primary">{t('followUp.snooze')}</Button>
            </form>
          </PopoverSurface>
        </Popover>
      )}
      {may.reassign && others.length > 0 && (
        <Menu>
          <MenuTrigger disableButtonEnhancement>
            <Button size={size} icon={<PersonArrowRightRegular />} disabled={busy} aria-label={t('followUp.reassignLabel', { account: name })}>{t('followUp.reassign')}</Button>
          </MenuTrigger>
          <MenuPopover>
            <MenuList>
              <MenuGroup>
                <MenuGroupHeader>{t('followUp.reassignTo')}</MenuGroupHeader>
                {others.map((u) => (
                  <MenuItem key={u.id} onClick={() => void patch({ assigneeId: u.id }, t('followUp.reassigned', { account: name, name: u.displayName }))}>
                    {u.id === me.id ? t('followUp.toMe') : u.displayName}
                  </MenuItem>
                ))}
              </MenuGroup>
            </MenuList>
          </MenuPopover>
        </Menu>
      )}
    </div>
  );
}
