/**
 * Implementation shared between the core's packages, not part of the API: the module does not
 * export it.
 */
@NullMarked
package dev.rtprofile.internal;

import org.jspecify.annotations.NullMarked;
