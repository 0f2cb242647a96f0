/**
 * The person's calendar feed as iCalendar: upcoming follow-up appointments, their group's
 * meetings and the next weekly questionnaires, in neutral words (a calendar may be seen by others), with no
 * program name, code or anything else that ties it to the person.
 */
import ical, { ICalAlarmType } from 'ical-generator';
import type { AppointmentRow } from './store/appointments.ts';

const kindWords: Record<AppointmentRow['kind'], string> = { phone: 'telefon', video: 'video', in_person: 'oppmøte' };

/**
 * @example
 *   calendarFeed([{ ref, at, kind: 'phone', created_at }], [{ instrument: 'gad7', at }], 'https://mestring.example/')
 */
export function calendarFeed(appointments: readonly AppointmentRow[], questionnaires: readonly { instrument: string; at: string }[], siteUrl: string, groupMeetings: readonly string[] = []): string {
  const calendar = ical({ name: 'Mestring', prodId: { company: 'Mestring', product: 'mestring', language: 'NB' }, ttl: 60 * 60 });
  // The group's meetings: the same for every member, and nothing about the others.
  for (const at of groupMeetings) {
    const start = new Date(at);
    const event = calendar.createEvent({
      id: `group-${at.replace(/[^0-9]/g, '')}@mestring`,
      start,
      end: new Date(start.getTime() + 90 * 60 * 1000),
      summary: 'Gruppemøte',
      description: 'Møte i gruppen du er med i.',
      stamp: start,
    });
    event.createAlarm({ type: ICalAlarmType.display, trigger: 60 * 60, description: 'Gruppemøte om en time' });
  }
  for (const appointment of appointments) {
    const start = new Date(appointment.at);
    const event = calendar.createEvent({
      id: `${appointment.ref}@mestring`,
      start,
      end: new Date(start.getTime() + 30 * 60 * 1000),
      summary: `Oppfølgingssamtale (${kindWords[appointment.kind]})`,
      description: 'Samtale med den som følger deg opp.',
      stamp: new Date(appointment.created_at),
    });
    event.createAlarm({ type: ICalAlarmType.display, trigger: 60 * 60, description: 'Oppfølgingssamtale om en time' });
  }
  const weekly = questionnaires.map((q) => q.at).sort()[0];
  if (weekly) {
    calendar.createEvent({
      id: `weekly-${weekly.slice(0, 10)}@mestring`,
      start: new Date(weekly),
      end: new Date(Date.parse(weekly) + 15 * 60 * 1000),
      summary: 'Mestring: ukens spørreskjema',
      description: `Logg inn og svar på ukens spørreskjema: ${siteUrl}`,
      stamp: new Date(weekly),
    });
  }
  return calendar.toString();
}
