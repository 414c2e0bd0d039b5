import type { MachineSection } from './machine-schema.js';
import type { EventGroup, Finding, Incident, InnerMessage, NextStep, Result } from './schema.js';
import type { UnsaidRunError } from './errors.js';
import type { UnsaidWarning } from './warnings.js';

// The result as the analysis builds it: message codes and parameters, none of the English sentences the result
// document carries. src/render/words.ts says them (src/i18n) and gives the Result; analysis/ and machine/ make no words.

export type UnsaidPattern = Omit<MachineSection['codePatterns'][number], 'explanation'>;

export type UnsaidMachine = Omit<MachineSection, 'notes' | 'codePatterns'> & { codePatterns: UnsaidPattern[] };

/** A detail value: data, or one of ktriage's phrases as a message. */
export type UnsaidDetail = Incident['details'][string] | InnerMessage;

export type UnsaidIncident = Omit<Incident, 'notes' | 'machine' | 'corruptionReasons' | 'details' | 'detailMessages'> & {
  machine: UnsaidMachine | null;
  details: Record<string, UnsaidDetail>;
};

export type UnsaidRelation = Omit<NonNullable<EventGroup['relation']>, 'text'>;

export type UnsaidEvent = Omit<EventGroup, 'relation'> & { relation: UnsaidRelation | null };

export type UnsaidFinding = Omit<Finding, 'text'>;

export type UnsaidStep = Omit<NextStep, 'text' | 'why'>;

export type UnsaidSummary = Omit<Result['summary'], 'verdict'>;

export type UnsaidResult = Omit<Result, 'summary' | 'incidents' | 'events' | 'findings' | 'nextSteps' | 'warnings' | 'errors'> & {
  summary: UnsaidSummary;
  incidents: UnsaidIncident[];
  events: UnsaidEvent[];
  findings: UnsaidFinding[];
  nextSteps: UnsaidStep[];
  warnings: UnsaidWarning[];
  errors: UnsaidRunError[];
};
