import { Button, Field, Select, makeStyles, tokens } from '@fluentui/react-components';
import { useState } from 'react';
import { useI18n, type DemoUser } from '../../../web-shared/src/index.ts';

const useStyles = makeStyles({ root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM, padding: tokens.spacingHorizontalM } });

/** The demo only: the mailbox is not a demo user's, so the newcomer picks who to be. */
export function DemoUserPicker({ users, onPick }: { users: DemoUser[]; onPick: (id: string) => void }) {
  const { t } = useI18n();
  const s = useStyles();
  const [id, setId] = useState(users[0]?.id ?? '');
  return (
    <form className={s.root} onSubmit={(e) => { e.preventDefault(); onPick(id); }}>
      <Field label={t('signIn.demoPick')}>
        <Select value={id} onChange={(_, d) => setId(d.value)}>
          {users.map((u) => <option key={u.id} value={u.id}>{`${u.displayName} (${u.role})`}</option>)}
        </Select>
      </Field>
      <Button type="submit" appearance="primary">{t('signIn.demoContinue')}</Button>
    </form>
  );
}
