/**
 * The person's calendar feed as iCalendar: upcoming follow-up appointments and the next
 * weekly questionnaires, in neutral words (a calendar may be seen by others), with no
 * program name, code or anything else that ties it to the person. The words follow the
 * person's language (bokmål, nynorsk or English).
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
}

export const feedWords: Record<PersonLocale, FeedWords> = {
  nb: {
    kind: { phone: 'telefon', video: 'video', in_person: 'oppmøte' },
    appointment: (kind) => `Oppfølgingssamtale (${kind})`,
    appointmentDescription: 'Samtale med den som følger deg opp.',
    appointmentAlarm: 'Oppfølgingssamtale om en time',
    weekly: 'Mestring: ukens spørreskjema',
    weeklyDescription: (url) => `Logg inn og svar på ukens spørreskjema: ${url}`,
  },
  nn: {
    kind: { phone: 'telefon', video: 'video', in_person: 'oppmøte' },
    appointment: (kind) => `Oppfølgingssamtale (${kind})`,
    appointmentDescription: 'Samtale med den som følgjer deg opp.',
    appointmentAlarm: 'Oppfølgingssamtale om ein time',
    weekly: 'Mestring: spørjeskjemaet for veka',
    weeklyDescription: (url) => `Logg inn og svar på spørjeskjemaet for veka: ${url}`,
  },
  en: {
    kind: { phone: 'phone', video: 'video', in_person: 'in person' },
    appointment: (kind) => `Follow-up appointment (${kind})`,
    appointmentDescription: 'A talk with the person who follows you up.',
    appointmentAlarm: 'Follow-up appointment in one hour',
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
): string {
  const words = feedWords[locale];
  const calendar = ical({ name: 'Mestring', prodId: { company: 'Mestring', product: 'mestring', language: locale.toUpperCase() }, ttl: 60 * 60 });
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
