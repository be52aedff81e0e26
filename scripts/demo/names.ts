import type { Locale } from './network';
import type { Random } from './random';

// Plausible, clearly fictitious contact details per locale: common names, example domains,
// and phone numbers from ranges reserved for fiction where a country has one.

const FIRST: Record<Locale, readonly string[]> = {
  no: ['Ingrid', 'Kari', 'Ola', 'Nora', 'Emma', 'Jakob', 'Sofie', 'Henrik', 'Maja', 'Lars', 'Solveig', 'Aksel', 'Tuva', 'Magnus', 'Sigrid', 'Eirik'],
  se: ['Astrid', 'Erik', 'Linnea', 'Oskar', 'Elsa', 'Nils', 'Saga', 'Gustav', 'Wilma', 'Anders', 'Freja', 'Viktor', 'Ebba', 'Johan'],
  de: ['Anna', 'Lukas', 'Lea', 'Felix', 'Hannah', 'Jonas', 'Marie', 'Paul', 'Lena', 'Maximilian', 'Clara', 'Tobias', 'Greta', 'Moritz'],
  uk: ['Olivia', 'Harry', 'Amelia', 'George', 'Isla', 'Oliver', 'Poppy', 'Jack', 'Freya', 'Alfie', 'Imogen', 'Arthur', 'Ruby', 'Theo'],
  us: ['Ava', 'Liam', 'Sophia', 'Noah', 'Mia', 'Ethan', 'Harper', 'Mason', 'Chloe', 'Lucas', 'Zoe', 'Carter', 'Layla', 'Wyatt', 'Maya'],
};

const LAST: Record<Locale, readonly string[]> = {
  no: ['Hansen', 'Johansen', 'Olsen', 'Larsen', 'Andersen', 'Pedersen', 'Nilsen', 'Kristiansen', 'Bakke', 'Berg', 'Haugen', 'Solberg', 'Dahl', 'Lie'],
  se: ['Andersson', 'Johansson', 'Karlsson', 'Nilsson', 'Eriksson', 'Larsson', 'Olsson', 'Persson', 'Svensson', 'Lindqvist', 'Berglund', 'Sandberg'],
  de: ['Müller', 'Schmidt', 'Schneider', 'Fischer', 'Weber', 'Meyer', 'Wagner', 'Becker', 'Schulz', 'Hoffmann', 'Koch', 'Richter', 'Wolf'],
  uk: ['Smith', 'Jones', 'Taylor', 'Brown', 'Williams', 'Wilson', 'Davies', 'Evans', 'Thomas', 'Roberts', 'Walker', 'Wright', 'Hughes'],
  us: ['Johnson', 'Miller', 'Garcia', 'Davis', 'Rodriguez', 'Martinez', 'Anderson', 'Thompson', 'Moore', 'Jackson', 'Lee', 'Harris', 'Clark'],
};

const DOMAIN: Record<Locale, string> = { no: 'example.no', se: 'example.se', de: 'example.de', uk: 'example.co.uk', us: 'example.com' };

const PHONE: Record<Locale, (random: Random) => string> = {
  no: (r) => `+47 9${r.int(10, 99)} ${r.int(10, 99)} ${r.int(100, 999)}`,
  se: (r) => `+46 70 ${r.int(100, 999)} ${r.int(10, 99)} ${r.int(10, 99)}`,
  de: (r) => `+49 151 ${r.int(1000000, 9999999)}`,
  uk: (r) => `+44 7700 900${r.int(100, 999)}`,
  us: (r) => `+1 (${r.pick(['212', '347', '718', '312', '773'])}) 555-01${r.int(10, 99)}`,
};

export interface ContactDetails {
  readonly name: string;
  readonly email: string;
  readonly phone: string;
}

/** `serial` keeps email addresses unique across the network. */
export function contactDetails(random: Random, locale: Locale, serial: number): ContactDetails {
  const first = random.pick(FIRST[locale]);
  const last = random.pick(LAST[locale]);
  const local = `${ascii(first)}.${ascii(last)}${serial}`.toLowerCase();
  return { name: `${first} ${last}`, email: `${local}@${DOMAIN[locale]}`, phone: PHONE[locale](random) };
}

export const anotherPhone = (random: Random, locale: Locale): string => PHONE[locale](random);

const ASCII: Record<string, string> = { æ: 'ae', ø: 'o', å: 'a', ä: 'a', ö: 'o', ü: 'u', ß: 'ss', Æ: 'Ae', Ø: 'O', Å: 'A', Ä: 'A', Ö: 'O', Ü: 'U' };
const ascii = (text: string): string => text.replace(/[æøåäöüßÆØÅÄÖÜ]/g, (c) => ASCII[c] ?? c);
