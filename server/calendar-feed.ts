/**
 * The person's calendar feed as iCalendar: upcoming follow-up appointments, their group's
 * meetings and the next weekly questionnaires, in neutral words (a calendar may be seen by
 * others), with no program name, code or anything else that ties it to the person. The
 * words follow the person's language (bokmål, nynorsk or English).
 */
import ical, { ICalAlarmType } from 'ical-generator';
import type { AppointmentRow } from './store/appointments.ts';
import type { PersonLocale } from './locale/languages.ts';

interface FeedWords {
  kind: Record<AppointmentRow['kind'], string>;
  appointment: (kind: string) => string;
  appointmentDescription: string;
  appointmentAlarm: string;
  weekly: string;
  weeklyDescription: (siteUrl: string) => string;
  group: string;
  groupDescription: string;
  groupAlarm: string;
}

export const feedWords: Record<PersonLocale, FeedWords> = {
  nb: {
    kind: { phone: 'telefon', video: 'video', in_person: 'oppmøte' },
    appointment: (kind) => `Oppfølgingssamtale (${kind})`,
    appointmentDescription: 'Samtale med den som følger deg opp.',
    appointmentAlarm: 'Oppfølgingssamtale om en time',
    group: 'Gruppemøte',
    groupDescription: 'Møte i gruppen du er med i.',
    groupAlarm: 'Gruppemøte om en time',
    weekly: 'Mestring: ukens spørreskjema',
    weeklyDescription: (url) => `Logg inn og svar på ukens spørreskjema: ${url}`,
  },
  nn: {
    kind: { phone: 'telefon', video: 'video', in_person: 'oppmøte' },
    appointment: (kind) => `Oppfølgingssamtale (${kind})`,
    appointmentDescription: 'Samtale med den som følgjer deg opp.',
    appointmentAlarm: 'Oppfølgingssamtale om ein time',
    group: 'Gruppemøte',
    groupDescription: 'Møte i gruppa du er med i.',
    groupAlarm: 'Gruppemøte om ein time',
    weekly: 'Mestring: spørjeskjemaet for veka',
    weeklyDescription: (url) => `Logg inn og svar på spørjeskjemaet for veka: ${url}`,
  },
  en: {
    kind: { phone: 'phone', video: 'video', in_person: 'in person' },
    appointment: (kind) => `Follow-up appointment (${kind})`,
    appointmentDescription: 'A talk with the person who follows you up.',
    appointmentAlarm: 'Follow-up appointment in one hour',
    group: 'Group meeting',
    groupDescription: 'A meeting of the group you take part in.',
    groupAlarm: 'Group meeting in one hour',
    weekly: 'Mestring: this week’s questionnaire',
    weeklyDescription: (url) => `Log in and answer this week’s questionnaire: ${url}`,
  },
};

/**
 * @example
 *   calendarFeed([{ ref, at, kind: 'phone', created_at }], [{ instrument: 'gad7', at }], 'https://mestring.example/', 'en')
 */
export function calendarFeed(
  appointments: readonly AppointmentRow[],
  questionnaires: readonly { instrument: string; at: string }[],
  siteUrl: string,
  locale: PersonLocale = 'nb',
  groupMeetings: readonly string[] = [],
): string {
  const words = feedWords[locale];
  const calendar = ical({ name: 'Mestring', prodId: { company: 'Mestring', product: 'mestring', language: locale.toUpperCase() }, ttl: 60 * 60 });
  // The group's meetings: the same for every member, and nothing about the others.
  for (const at of groupMeetings) {
    const start = new Date(at);
    const event = calendar.createEvent({
      id: `group-${at.replace(/[^0-9]/g, '')}@mestring`,
      start,
      end: new Date(start.getTime() + 90 * 60 * 1000),
      summary: words.group,
      description: words.groupDescription,
      stamp: start,
    });
    event.createAlarm({ type: ICalAlarmType.display, trigger: 60 * 60, description: words.groupAlarm });
  }
  for (const appointment of appointments) {
    const start = new Date(appointment.at);
    const event = calendar.createEvent({
      id: `${appointment.ref}@mestring`,
      start,
      end: new Date(start.getTime() + 30 * 60 * 1000),
      summary: words.appointment(words.kind[appointment.kind]),
      description: words.appointmentDescription,
      stamp: new Date(appointment.created_at),
    });
    event.createAlarm({ type: ICalAlarmType.display, trigger: 60 * 60, description: words.appointmentAlarm });
  }
  const weekly = questionnaires.map((q) => q.at).sort()[0];
  if (weekly) {
    calendar.createEvent({
      id: `weekly-${weekly.slice(0, 10)}@mestring`,
      start: new Date(weekly),
      end: new Date(Date.parse(weekly) + 15 * 60 * 1000),
      summary: words.weekly,
      description: words.weeklyDescription(siteUrl),
      stamp: new Date(weekly),
    });
  }
  return calendar.toString();
}
