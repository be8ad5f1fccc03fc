// The event host's pages, in the chunk LazyHostPage loads: which one the route names.

import { EventCreate } from './EventCreate';
import { HostConsole } from './HostConsole';
import { JoinSheet } from './JoinSheet';

export type HostPageProps = { page: 'create' } | { page: 'console'; id: string } | { page: 'sheet'; id: string };

export function HostPage(props: HostPageProps) {
  if (props.page === 'create') return <EventCreate />;
  if (props.page === 'sheet') return <JoinSheet key={props.id} id={props.id} />;
  return <HostConsole key={props.id} id={props.id} />;
}
