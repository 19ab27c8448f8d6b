import { defineDomain } from '../../src';
import { defineEventfoldApp } from '../../src/infrastructure/container/eventfold-app';
import { Member } from './member';
import { MemberDirectory } from './projections';
import { WelcomeLetters } from './welcome-letters';

/** The library domain: members, whose names, emails and notes are personal data, and their loans. */
export const libraryDomain = defineDomain({ aggregates: [Member] });

/** The library app: its domain, the member directory, and the letters to new members. */
export const libraryApp = defineEventfoldApp({
  domain: libraryDomain,
  projections: [new MemberDirectory()],
  processes: [WelcomeLetters],
});
