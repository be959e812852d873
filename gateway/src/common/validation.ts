import { hasUnsafeCharacters, isCalendarDate } from '@mediq/contracts';
import { ValidateBy, ValidationOptions } from 'class-validator';

/** A real calendar day written YYYY-MM-DD: 2026-02-31 and 9999-99-99 are a 400 here, never a database error later. */
export function IsCalendarDate(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isCalendarDate',
      validator: {
        validate: (value) => isCalendarDate(value),
        defaultMessage: (args) => `${args?.property} must be a real day written YYYY-MM-DD`,
      },
    },
    options,
  );
}
