import { BadRequestException, ValidationPipe, type ValidationError } from '@nestjs/common';

function flatten(errors: ValidationError[], prefix = ''): Array<{ parameter: string; problems: string[] }> {
  return errors.flatMap((error) => {
    const parameter = prefix ? `${prefix}.${error.property}` : error.property;
    const own = error.constraints ? [{ parameter, problems: Object.values(error.constraints) }] : [];
    return [...own, ...flatten(error.children ?? [], parameter)];
  });
}

/**
 * The one global pipe: DTOs are transformed and stripped of unknown fields, and a failure names
 * every offending parameter, e.g. `Invalid parameter "period": period must be a month, YYYY-MM`.
 */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    transform: true,
    whitelist: true,
    forbidNonWhitelisted: true,
    exceptionFactory: (errors) => {
      const details = flatten(errors);
      const message = details.map((d) => `Invalid parameter "${d.parameter}": ${d.problems.join('; ')}`).join(' | ');
      return new BadRequestException({ statusCode: 400, error: 'Bad Request', message, parameters: details });
    },
  });
}

/** A 400 that names the parameter, for checks a DTO decorator cannot express (unknown codes, from > to). */
export function badParameter(parameter: string, problem: string, audience: 'developer' | 'user' = 'developer'): BadRequestException {
  return new BadRequestException({
    statusCode: 400,
    error: 'Bad Request',
    // What a page shows its user as it is: the (Chinese) problem alone, without the API wording.
    message: audience === 'user' ? problem : `Invalid parameter "${parameter}": ${problem}`,
    parameters: [{ parameter, problems: [problem] }],
  });
}
