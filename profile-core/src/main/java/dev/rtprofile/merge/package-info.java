/**
 * Merge policies: which fragments take part in a lookup ({@link
 * dev.rtprofile.merge.IdentityStitching}) and how conflicting attribute values resolve ({@link
 * dev.rtprofile.merge.MergePolicy}, with per-path {@link dev.rtprofile.merge.AttributeStrategy}
 * overrides and {@link dev.rtprofile.merge.ArrayMerge} options).
 */
@NullMarked
package dev.rtprofile.merge;

import org.jspecify.annotations.NullMarked;
