import { defineDomain } from '../../src';
import { defineEventfoldApp } from '../../src/infrastructure/container/eventfold-app';
import { Member } from './member';
import { MemberDirectory } from './projections';

/** The library domain: members, whose names, emails and notes are personal data, and their loans. */
export const libraryDomain = defineDomain({ aggregates: [Member] });

/** The library app: its domain and the member directory. */
export const libraryApp = defineEventfoldApp({ domain: libraryDomain, projections: [new MemberDirectory()] });
