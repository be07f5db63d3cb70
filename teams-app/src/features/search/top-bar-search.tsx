// The top bar's search: type, see accounts, contacts and interactions you may see grouped under the box, move with
// the arrow keys, Enter (or a click) opens the account page (an interaction opens on its account's timeline).
// The ARIA combobox pattern: focus stays in the box, aria-activedescendant names the highlighted hit. Enter pressed
// before the answer to what is typed has come opens its first hit when it comes, never a hit of an older answer.
// "Include archived" widens the search to archived accounts, their contacts and history.
import { useEffect, useId, useMemo, useRef, useState } from 'react';
import { Caption1, Checkbox, SearchBox, Spinner, Text, makeStyles, mergeClasses, tokens } from '@fluentui/react-components';
import { describeError, searchRecords, searchable, useI18n, type SearchHit, type SearchResult } from '../../../../web-shared/src/index.ts';
import { useServices } from '../../app/services.tsx';
import { HitText } from './hit-text.tsx';

const useStyles = makeStyles({
  root: { position: 'relative', minWidth: '16rem', flexGrow: 1, maxWidth: '28rem' },
  box: { width: '100%', maxWidth: 'none' },
  popover: {
    position: 'absolute', top: 'calc(100% + 4px)', left: 0, right: 0, zIndex: 100, maxHeight: '70vh', overflowY: 'auto',
    backgroundColor: tokens.colorNeutralBackground1, color: tokens.colorNeutralForeground1, boxShadow: tokens.shadow16,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke1}`, borderRadius: tokens.borderRadiusMedium,
    padding: `${tokens.spacingVerticalXS} 0`, minWidth: '22rem',
  },
  heading: { display: 'block', padding: `${tokens.spacingVerticalXS} ${tokens.spacingHorizontalM}`, color: tokens.colorNeutralForeground2, fontWeight: tokens.fontWeightSemibold },
  option: {
    display: 'flex', flexDirection: 'column', gap: '2px', cursor: 'pointer', padding: `${tokens.spacingVerticalXS} ${tokens.spacingHorizontalM}`,
    border: `${tokens.strokeWidthThick} solid transparent`,
  },
  // The hover pair for text too: in high contrast the hover background is the system highlight, its text HighlightText.
  active: {
    backgroundColor: tokens.colorNeutralBackground1Hover, color: tokens.colorNeutralForeground1Hover, border: `${tokens.strokeWidthThick} solid ${tokens.colorStrokeFocus2}`,
    '& *': { color: 'inherit' },
  },
  disabled: { cursor: 'default', color: tokens.colorNeutralForegroundDisabled },
  status: { display: 'block', padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalM}` },
  options: { borderTop: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`, marginTop: tokens.spacingVerticalXS, paddingLeft: tokens.spacingHorizontalXS },
});

const hitsOf = (r: SearchResult): SearchHit[] => [...r.accounts, ...r.contacts, ...r.interactions];

// `asked` names the question an answer is to (the words and the archived choice), so Enter can tell a stale answer.
type State = { status: 'idle' } | { status: 'loading' } | { status: 'done'; q: string; asked: string; result: SearchResult } | { status: 'error'; message: string };

export function TopBarSearch() {
  const { t } = useI18n();
  const { api, navigate } = useServices();
  const s = useStyles();
  const id = useId();
  const [q, setQ] = useState('');
  const [open, setOpen] = useState(false);
  const [state, setState] = useState<State>({ status: 'idle' });
  const [active, setActive] = useState(0);
  const [includeArchived, setIncludeArchived] = useState(false);
  const asked = useRef(0);
  const enterPending = useRef(false);
  const question = `${includeArchived}:${q.trim()}`;

  const openHit = (h: SearchHit | undefined) => {
    if (!h?.accountId) return;
    setOpen(false);
    navigate({ view: 'account', accountId: h.accountId, ...(h.kind === 'interaction' ? { interactionId: h.id } : {}) });
  };

  useEffect(() => {
    const text = q.trim();
    if (!searchable(text)) {
      enterPending.current = false;
      setState({ status: 'idle' });
      return;
    }
    const ticket = ++asked.current;
    // Typing ahead: one request per pause, and only the latest answer is shown.
    const timer = setTimeout(() => {
      setState({ status: 'loading' });
      searchRecords(api, text, { limit: 5, includeArchived }).then(
        (result) => {
          if (ticket !== asked.current) return;
          setState({ status: 'done', q: text, asked: `${includeArchived}:${text}`, result });
          setActive(0);
          if (enterPending.current) {
            enterPending.current = false;
            openHit(hitsOf(result).find((h) => h.accountId));
          }
        },
        (e: unknown) => {
          if (ticket !== asked.current) return;
          enterPending.current = false;
          setState({ status: 'error', message: describeError(e, t).detail });
        },
      );
    }, 200);
    return () => clearTimeout(timer);
    // openHit only navigates; it is left out so a new render does not ask again.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [api, q, includeArchived, t]);

  const groups = useMemo(() => {
    if (state.status !== 'done') return [];
    const r = state.result;
    return ([['accounts', r.accounts], ['contacts', r.contacts], ['interactions', r.interactions]] as const).filter(([, hits]) => hits.length > 0);
  }, [state]);
  const hits = groups.flatMap(([, list]) => list);
  const optionId = (h: SearchHit) => `${id}-${h.kind}-${h.id}`;
  const expanded = open && state.status !== 'idle';
  const activeId = expanded && hits[active] ? optionId(hits[active]!) : null;
  // The active hit stays in sight when the arrow keys move past the list's scrolled edge.
  useEffect(() => {
    if (activeId) document.getElementById(activeId)?.scrollIntoView?.({ block: 'nearest' });
  }, [activeId]);

  const onKeyDown = (e: React.KeyboardEvent) => {
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      setOpen(true);
      if (hits.length) setActive((a) => (a + (e.key === 'ArrowDown' ? 1 : hits.length - 1)) % hits.length);
    } else if (e.key === 'Enter') {
      e.preventDefault();
      if (state.status === 'done' && state.asked === question) openHit(hits[active]);
      else if (searchable(q.trim())) enterPending.current = true;
    } else if (e.key === 'Escape' && expanded) {
      e.preventDefault();
      setOpen(false);
    }
  };

  return (
    <div className={s.root} onBlur={(e) => { if (!e.currentTarget.contains(e.relatedTarget as Node | null)) setOpen(false); }}>
      <SearchBox
        className={s.box}
        size="small"
        value={q}
        placeholder={t('search.placeholder')}
        aria-label={t('search.label')}
        role="combobox"
        aria-autocomplete="list"
        aria-expanded={expanded}
        {...(expanded ? { 'aria-controls': `${id}-list` } : {})}
        {...(activeId ? { 'aria-activedescendant': activeId } : {})}
        onChange={(_, d) => { setQ(d.value); setOpen(true); enterPending.current = false; }}
        onFocus={() => setOpen(true)}
        onKeyDown={onKeyDown}
      />
      {expanded && (
        <div className={s.popover} data-testid="search-results">
          {state.status === 'loading' && <Spinner className={s.status} size="tiny" label={t('search.searching')} />}
          {state.status === 'error' && <Text role="alert" className={s.status}>{state.message}</Text>}
          {state.status === 'done' && hits.length === 0 && <Text role="status" className={s.status}>{t('search.none', { q: state.q })}</Text>}
          {state.status === 'done' && hits.length > 0 && (
            <div role="listbox" id={`${id}-list`} aria-label={t('search.results', { q: state.q })}>
              {groups.map(([group, list]) => (
                <div key={group} role="group" aria-labelledby={`${id}-${group}`}>
                  <Caption1 id={`${id}-${group}`} className={s.heading} role="presentation">{t(`search.group.${group}`)}</Caption1>
                  {list.map((h) => {
                    const index = hits.indexOf(h);
                    return (
                      <div
                        key={optionId(h)}
                        id={optionId(h)}
                        role="option"
                        aria-selected={index === active}
                        aria-disabled={h.accountId ? undefined : true}
                        data-hit={`${h.kind}:${h.id}`}
                        className={mergeClasses(s.option, index === active && s.active, !h.accountId && s.disabled)}
                        // Keeps focus in the box: a click opens the hit without blurring (which would close the list first).
                        onMouseDown={(e) => e.preventDefault()}
                        onMouseEnter={() => setActive(index)}
                        onClick={() => openHit(h)}
                      >
                        <HitText hit={h} />
                      </div>
                    );
                  })}
                </div>
              ))}
            </div>
          )}
          <div className={s.options}>
            <Checkbox label={t('search.includeArchived')} checked={includeArchived} onChange={(_, d) => setIncludeArchived(!!d.checked)} data-testid="search-include-archived" />
          </div>
        </div>
      )}
    </div>
  );
}
