/**
 * The {@code rtprofile} commands. {@link dev.rtprofile.cli.Main#run} is the testable entry point:
 * arguments in, an exit code out, results on the given stdout, messages on the given stderr.
 */
@NullMarked
package dev.rtprofile.cli;

import org.jspecify.annotations.NullMarked;
