package dev.rtprofile.cli;

import dev.rtprofile.json.IngestReport;

/**
 * What ingesting one input did, and how long it took.
 *
 * @param input the input
 * @param report the per-line report
 * @param nanos the wall-clock time of the ingest
 */
record DatasetReport(DataInput input, IngestReport report, long nanos) {}
