// What each person writes in a phase: notes, reflections per prompt, or
// chart cells per column. In a private phase each person sees only their own
// until the facilitator reveals the phase; others' notes are counted, not shown.

import { useState } from 'preact/hooks';
import { writersAllow } from '../../permissions';
import { isHidden, type Entry, type Phase } from '../../protocol';
import { isPrivateNow } from '../../session-state';
import { ConflictNote, InlineError, Nudge, UserText, usePending, SaveCancel } from '../common';
import { plural } from '../labels';
import { useKeepUnsent } from '../useKeepUnsent';
import { WaitingList } from '../Waiting';
import { LIMITS } from '../../generated/contract';
import { useStore } from '../useStore';
import { useVersionedEdit } from '../useVersionedEdit';
import './Entries.css';

const ENTRY_MAX = LIMITS.max_entry_chars;

export type EntriesMode = 'list' | 'prompts' | 'columns';

const WRITERS_NOTE: Record<string, string> = {
  presenter: 'In this phase only the presenter writes.',
  colleagues: 'In this phase the colleagues write; the presenter listens.',
};

export function EntriesPanel({ mode }: { mode: EntriesMode }) {
  const store = useStore();
  const state = store.state.value!;
  const phase = store.currentPhase.value;
  if (!phase) return null;
  const inPhase = state.entries.filter((e) => e.phase === phase.id);
  const hiddenCount = inPhase.filter(isHidden).length;
  const visible = inPhase.filter((e): e is Entry => !isHidden(e));
  const privateNow = isPrivateNow(phase, state.revealed);
  const canWrite = store.can('entry_add') && writersAllow(phase.writers, store.role.value);

  const groups =
    mode === 'list' || phase.prompts.length === 0
      ? [{ prompt: -1, title: '' }]
      : [
          ...phase.prompts.map((title, i) => ({ prompt: i, title })),
          ...(visible.some((e) => e.prompt < 0 || e.prompt >= phase.prompts.length)
            ? [{ prompt: -1, title: 'Other notes' }]
            : []),
        ];
  const inGroup = (prompt: number) =>
    mode === 'list' || phase.prompts.length === 0
      ? visible
      : prompt === -1
        ? visible.filter((e) => e.prompt < 0 || e.prompt >= phase.prompts.length)
        : visible.filter((e) => e.prompt === prompt);

  return (
    <div class="entries" data-testid="entries">
      {mode === 'list' && <h3 class="section-title">{phase.private ? 'Notes' : 'Notes from the group'}</h3>}
      <PrivacyNote phase={phase} privateNow={privateNow} hiddenCount={hiddenCount} canWrite={canWrite} />
      {!canWrite && phase.writers && WRITERS_NOTE[phase.writers] && (
        <p class="muted small">{WRITERS_NOTE[phase.writers]}</p>
      )}
      <div class={mode === 'columns' ? 'chart' : 'entry-groups'} data-testid={mode === 'columns' ? 'chart' : undefined}>
        {groups.map((g) => (
          <EntryGroup
            key={g.prompt}
            phase={phase}
            prompt={g.prompt}
            title={g.title}
            entries={inGroup(g.prompt)}
            canWrite={canWrite}
            privateNow={privateNow}
            column={mode === 'columns'}
          />
        ))}
      </div>
    </div>
  );
}

function PrivacyNote(props: { phase: Phase; privateNow: boolean; hiddenCount: number; canWrite: boolean }) {
  const { phase, privateNow, hiddenCount, canWrite } = props;
  const store = useStore();
  if (!phase.private) return null;
  if (privateNow) {
    // Only someone who can write here has notes of their own to share.
    const lead = canWrite ? (
      <>
        <strong>Only you can see this until the facilitator reveals it.</strong> Use Share to show one of yours early.
      </>
    ) : store.role.value === 'observer' ? (
      <>
        <strong>You are observing.</strong> Everyone writes privately here; you will see the notes when the facilitator
        reveals them.
      </>
    ) : (
      <>
        <strong>This phase is written privately by others.</strong> You will see the notes when the facilitator reveals
        them.
      </>
    );
    return (
      <div class="privacy-note" data-testid="privacy-note">
        <p>{lead}</p>
        <p class="muted small" data-testid="hidden-count">
          {hiddenCount === 0
            ? 'No private notes from others yet.'
            : `${plural(hiddenCount, 'private note')} from others.`}
        </p>
      </div>
    );
  }
  return (
    <p class="revealed-note small" data-testid="revealed-note">
      Revealed: everyone can see these notes{phase.anonymous ? ', without names' : ''}.
    </p>
  );
}

function EntryGroup(props: {
  phase: Phase;
  prompt: number;
  title: string;
  entries: Entry[];
  canWrite: boolean;
  privateNow: boolean;
  column: boolean;
}) {
  const { phase, prompt, title, entries, canWrite, privateNow, column } = props;
  const headingId = `group-${phase.id}-${prompt}`;
  const Tag = title ? 'section' : 'div';
  return (
    <Tag
      class={column ? 'chart-column' : 'entry-group'}
      aria-labelledby={title ? headingId : undefined}
      data-testid={column ? 'chart-column' : 'entry-group'}
      data-prompt={prompt}
    >
      {title && (
        <h3 id={headingId} class="entry-group-title">
          {title}
        </h3>
      )}
      {entries.length > 0 && (
        <ul class="entry-list">
          {entries.map((e) => (
            <EntryRow key={e.id} entry={e} anonymous={Boolean(phase.anonymous)} privateNow={privateNow} />
          ))}
        </ul>
      )}
      {entries.length === 0 && !canWrite && <p class="muted small empty">Nothing yet.</p>}
      {canWrite && <AddEntry phase={phase} prompt={prompt} label={title || 'Your note'} privateNow={privateNow} />}
    </Tag>
  );
}

function EntryRow(props: { entry: Entry; anonymous: boolean; privateNow: boolean }) {
  const { entry, anonymous, privateNow } = props;
  const store = useStore();
  const mine = entry.author === store.you.value && entry.author !== '';
  const [text, setText] = useState(entry.text);
  const edit = useVersionedEdit(entry);
  const { editing, conflict, pending } = edit;

  async function save(version?: number) {
    const value = text.trim();
    if (!value) return;
    await edit.save(
      (v) => store.send({ type: 'entry_edit', entry: entry.id, text: value, version: v }, { quiet: true }),
      version,
    );
  }

  const byline = mine ? 'You' : anonymous || !entry.author ? '' : store.nameOf(entry.author);
  return (
    <li class={`entry${mine ? ' is-mine' : ''}`} data-testid="entry" data-entry={entry.id}>
      {editing ? (
        <form
          class="stack-sm"
          onSubmit={(e) => {
            e.preventDefault();
            void save();
          }}
        >
          <label class="visually-hidden" for={`entry-edit-${entry.id}`}>
            Edit your note
          </label>
          <textarea
            id={`entry-edit-${entry.id}`}
            class="textarea"
            rows={3}
            maxLength={ENTRY_MAX}
            value={text}
            autoFocus
            onInput={(e) => setText(e.currentTarget.value)}
            onKeyDown={(e) => e.key === 'Escape' && edit.stop()}
          />
          {conflict && (
            <ConflictNote
              theirs={conflict.text}
              onKeepTheirs={edit.stop}
              onRetryMine={() => void save(conflict.version)}
            />
          )}
          <SaveCancel disabled={pending.busy || !text.trim()} onCancel={edit.stop} />
        </form>
      ) : (
        <p class="entry-text" data-testid="entry-text">
          <UserText text={entry.text} />
        </p>
      )}
      <div class="entry-meta">
        {byline && <span class="muted small">{byline}</span>}
        {mine && privateNow && (
          <span class={`pill ${entry.shared ? 'pill-shared' : 'pill-private'}`}>
            {entry.shared ? 'Shared with everyone' : 'Only you'}
          </span>
        )}
        {mine && !editing && (
          <span class="entry-tools">
            <button
              type="button"
              class="btn btn-tiny"
              onClick={() => {
                setText(entry.text);
                edit.begin();
              }}
            >
              Edit
            </button>
            {privateNow && !entry.shared && (
              <button
                type="button"
                class="btn btn-tiny"
                disabled={pending.busy}
                onClick={() => pending.run(() => store.send({ type: 'entry_share', entry: entry.id }))}
                data-testid="entry-share"
              >
                Share
              </button>
            )}
            <button
              type="button"
              class="btn btn-tiny btn-quiet-danger"
              disabled={pending.busy}
              onClick={() => pending.run(() => store.send({ type: 'entry_remove', entry: entry.id }))}
            >
              Remove
            </button>
          </span>
        )}
      </div>
      <InlineError message={pending.error} />
    </li>
  );
}

function AddEntry(props: { phase: Phase; prompt: number; label: string; privateNow: boolean }) {
  const { phase, prompt } = props;
  const store = useStore();
  const [text, setText] = useState('');
  const pending = usePending();
  const id = `entry-add-${prompt}`;
  useKeepUnsent(store, () => (text.trim() ? { type: 'entry_add', text: text.trim(), prompt } : null));
  // A note without a prompt of this phase (e.g. a draft added from another phase) waits in the first group.
  const belongsHere = (p: number) => p === prompt || (prompt === 0 && (p < 0 || p >= phase.prompts.length));
  const waiting = store.waitingOf('entry_add').filter((m) => m.phase === phase.id && belongsHere(m.prompt ?? -1));
  async function submit(e?: Event) {
    e?.preventDefault();
    const value = text.trim();
    if (!value) return;
    // Cleared at once: it shows below as waiting until the session confirms it;
    // a refusal brings it back under "Drafts not sent".
    setText('');
    await pending.run(() => store.write({ type: 'entry_add', text: value, prompt }));
  }
  return (
    <form class="add-entry stack-sm" onSubmit={submit} data-testid="entry-form">
      <WaitingList items={waiting.map((m) => ({ id: m.id, text: m.text }))} />
      <label class="visually-hidden" for={id}>
        {props.label}
      </label>
      <textarea
        id={id}
        class="textarea"
        rows={2}
        maxLength={ENTRY_MAX}
        placeholder={props.privateNow ? 'Write a note only you can see…' : 'Write a note…'}
        value={text}
        onInput={(e) => setText(e.currentTarget.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) void submit();
        }}
        data-testid="entry-text-input"
      />
      <Nudge text={text} />
      <div class="row">
        <button type="submit" class="btn btn-small btn-primary" disabled={!text.trim()} data-testid="entry-add">
          Add
        </button>
      </div>
      <InlineError message={pending.error} />
    </form>
  );
}
