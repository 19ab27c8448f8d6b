import type { ForgetService } from '../../application/personal/forget-service';
import type { PersonalDataCodec } from '../../domain/personal/personal-data-codec';
import type { SubjectKeys } from '../../domain/personal/subject-keys';
import type { KeyWrapper } from '../keys/key-wrapper';
import type { Container } from 'inversify';
import { type Get, token } from './tokens';

/** Tokens of personal data (guarantee 14): the subjects' keys, the codec and the forget service. */
export const PersonalTokens = {
  keyWrapper: token<KeyWrapper>('KeyWrapper'),
  subjectKeys: token<SubjectKeys>('SubjectKeys'),
  codec: token<PersonalDataCodec | undefined>('PersonalDataCodec'),
  forget: token<ForgetService>('ForgetService'),
} as const;

/** The codec where the role's container binds personal data (`bindPersonalData`); undefined elsewhere or unneeded. */
export function codecIn(container: Container, get: Get): PersonalDataCodec | undefined {
  return container.isBound(PersonalTokens.codec) ? get(PersonalTokens.codec) : undefined;
}
