import { defineDomain } from 'eventfold';
import { Task } from './task';

/** The tasks domain; `defineDomain` checks every registration at startup. */
export const tasksDomain = defineDomain({ aggregates: [Task] });
